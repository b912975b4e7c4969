import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { playgroundHarness } from '../playground/support.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { answer, openRoundOf, scores } from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { PlaygroundPerson, runPlayground } from './support/playground-driver.js';

/**
 * Attack 6 — a case marked "facilitator only" is read by its author and the group's facilitators, and by
 * nobody else, through any path: the reminders and the day-before digest, the notifications, App Home
 * (`core.home`), `/cairn cases` and its buttons, my-data, the syntheses, the check-in messages, the group's
 * vote on proposed cases (its ballot, its form, its result), the
 * facilitator marking it selected or presented, and the playground's page. The attackers are the other
 * members of its group, a member and the facilitator of another group, and a member of both groups. A
 * case shared with the whole group is followed the same way as a control: it does reach the members.
 */

const SECRET = caseTexts('Secret-Facilitateur');
const SHARED = caseTexts('Partage-Groupe');
const SHARED_TOO = caseTexts('Partage-Groupe-Deux');

function replyContent(reply: Reply): string {
  switch (reply.kind) {
    case 'message':
      return messageText(reply.message);
    case 'form.done':
      return reply.message ? messageText(reply.message) : '';
    case 'form':
    case 'form.next':
      return JSON.stringify(reply.form);
    case 'form.errors':
      return JSON.stringify(reply.errors);
    default:
      return '';
  }
}

const secretIn = (text: string) => Object.values(SECRET).filter((v) => text.includes(v));

describe('attack 6: a facilitator-only case reaches its author and the facilitators, nobody else', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('memory adapter: every path, for every other member, another group, and someone in both', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const lyon = await setUpGroup(h, { language: 'en' });
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      language: 'en',
      facilitator: ['U-FACB', 'Fabien Paris'],
      members: [
        ['U-PAUL', 'Paul Girard'],
        ['U-EMMA', 'Emma Laurent'],
      ],
    });
    const [alice, bruno, chloe, david, emma] = lyon.users as MemoryUser[];
    const paul = paris.users[0]!;
    const others: MemoryUser[] = [bruno!, chloe!, david!, emma!, paul, paris.facilitator];
    await scheduleSession(lyon.facilitator, 'C-LYON', '2026-03-20');
    await scheduleSession(paris.facilitator, 'C-PARIS', '2026-03-20');

    // Everything the others can reach, by every path; run at each stage of the case's life.
    const seen: string[] = [];
    let paths = 0;
    let secretId = '';
    const sweep = async (stage: string) => {
      await h.run();
      for (const u of others) {
        const look = (what: string, text: string) => {
          paths++;
          for (const v of secretIn(text)) seen.push(`${stage}, ${u.userRef} via ${what}: ${v.slice(0, 40)}`);
        };
        for (const m of u.directs)
          look('a direct message', messageText(m) + JSON.stringify(m.attachment ?? ''));
        const actor = { platform: 'memory', userRef: u.userRef, displayName: u.displayName, workspace: 'W1' };
        look('App Home', messageText(h.core.home(actor)));
        for (const place of [undefined, { in: 'C-LYON' }])
          for (const command of ['cases', 'syntheses', 'sessions', 'checkin'])
            look(`/cairn ${command}`, replyContent(await u.command(command, place)));
        const ballot = h.store.votes.roundOfSession(
          h.store.sessions.listUpcoming(lyon.group.id, new Date(0))[0]!.id,
        )?.id;
        for (const action of [
          ACTION.caseView,
          ACTION.caseEdit,
          ACTION.casesList,
          ACTION.caseMark,
          ACTION.caseWithdraw,
          ACTION.voteOpen,
        ])
          for (const value of [
            secretId,
            lyon.group.id,
            `${secretId}:selected`,
            ...(ballot ? [ballot] : []),
          ]) {
            look(`button ${action}`, replyContent(await u.press({ action, value })));
            u.form = undefined;
          }
        const list = await u.command('syntheses', { in: 'C-LYON' });
        for (const b of buttonsOf(list.kind === 'message' ? list.message : undefined))
          look('a synthesis', replyContent(await u.press(b)));
        await u.command('my-data');
        await h.run();
        const data = u.directs.at(-1)!;
        look('my-data', messageText(data) + (data.attachment?.content ?? ''));
      }
      for (const space of ['C-LYON', 'C-PARIS'])
        for (const m of h.platform.postsIn(space)) {
          paths++;
          for (const v of secretIn(messageText(m)))
            seen.push(`${stage}, post in ${space}: ${v.slice(0, 40)}`);
        }
    };

    // Reminders before the session; the case is submitted.
    await h.advanceTo('2026-03-13T09:00:00Z');
    await submitCase(alice!, 'C-LYON', SECRET, { visibility: 'facilitator' });
    await submitCase(bruno!, 'C-LYON', SHARED, { visibility: 'group' });
    await submitCase(chloe!, 'C-LYON', SHARED_TOO, { visibility: 'group' });
    secretId = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id)[0]!.id;
    await sweep('submitted');
    // Three cases for a session that takes two: the group votes, on the two cases it may read.
    await h.advanceTo('2026-03-17T08:00:00Z');
    expect(h.store.votes.openRoundsOf(lyon.group.id)).toHaveLength(1);
    await sweep('vote');
    // The digest, the day before; the facilitator selects the case.
    await h.advanceTo('2026-03-19T09:00:00Z');
    await lyon.facilitator.press({ action: ACTION.caseMark, value: `${secretId}:selected` });
    await sweep('selected');
    // The session takes place, the case is presented; a round and a synthesis follow.
    await h.advanceTo('2026-03-21T09:00:00Z');
    await lyon.facilitator.press({ action: ACTION.caseMark, value: `${secretId}:presented` });
    await lyon.facilitator.command('checkin open', { in: 'C-LYON' });
    const round = openRoundOf(h, lyon.group.id);
    for (const u of [alice!, bruno!, chloe!, david!]) await answer(u, round.id, scores(3));
    await lyon.facilitator.command('checkin close', { in: 'C-LYON' });
    await lyon.facilitator.command('checkin share', { in: 'C-LYON' });
    await lyon.facilitator.command('synthesis', { in: 'C-LYON' });
    await lyon.facilitator.submit({ themes: 'Thèmes de la séance', learned: 'Ce que le groupe a appris' });
    await lyon.facilitator.submit({});
    await sweep('presented');
    console.log(
      `Attack 6 — memory: ${paths} paths searched by ${others.length} other people at 4 stages: ${seen.length} found`,
    );
    expect(seen).toEqual([]);

    // Controls: the facilitator did get the case (digest), its author sees it, and the shared case reached
    // the members, so the searches above could find what they look for.
    expect(lyon.facilitator.directs.some((m) => messageText(m).includes(SECRET.title))).toBe(true);
    expect(replyContent(await alice!.press({ action: ACTION.caseView, value: secretId }))).toContain(
      SECRET.situation,
    );
    expect(replyContent(await chloe!.command('cases', { in: 'C-LYON' }))).toContain(SHARED.title);
    expect(
      chloe!.directs.some((m) => messageText(m).includes('And 1 more case that only the facilitator')),
    ).toBe(true);
    // A member of both groups who is not the facilitator of Lyon: nothing (Emma is in Lyon and Paris).
    expect(replyContent(await emma!.press({ action: ACTION.caseView, value: secretId }))).not.toContain(
      SECRET.title,
    );
  });

  it('playground: no page of any other persona shows it', async () => {
    const pg = await playgroundHarness({ language: 'en', start: '2026-03-02T08:00:00Z' });
    try {
      const platform = pg.playground.platform;
      const refs = ['pg:fac', 'pg:alice', 'pg:bruno', 'pg:chloe', 'pg:david'];
      for (const ref of refs) platform.addPersona({ ref, name: ref.slice(3) });
      const space = 'pg-space:lyon';
      platform.addSpace(space, refs);
      const [fac, alice, ...rest] = refs.map((r) => new PlaygroundPerson(pg, r)) as PlaygroundPerson[];
      await fac!.command('setup', space);
      await fac!.submit({ name: 'Groupe Lyon', language: 'en' });
      await fac!.command('session', space);
      await fac!.submit({ date: '2026-03-20', time: '14:00', place: 'Salle' });
      await runPlayground(pg);
      await alice!.command('case', space);
      await alice!.submit({
        ...SECRET,
        kind: 'problem',
        urgency: 'high',
        visibility: 'facilitator',
        charter: 'true',
      });
      await runPlayground(pg);
      pg.base.set('2026-03-19T09:00:00Z');
      await runPlayground(pg);
      for (const p of rest) {
        await p.command('cases', space);
        await p.command('my-data');
      }
      await runPlayground(pg);
      for (const p of rest) expect(secretIn(p.viewText()), p.ref).toEqual([]);
      // The facilitator's page shows it (the digest): the search can find it.
      expect(secretIn(fac!.viewText()).length).toBeGreaterThan(0);
      console.log(`Attack 6 — playground: ${rest.length} other personas' pages searched: 0 found`);
    } finally {
      pg.close();
    }
  });
});
