import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { button, proposeCase, replyText, shown } from '../support/scenario.js';
import { caseIds } from '../support/votes.js';

let h: Harness;
afterEach(() => h?.close());

/**
 * A group meeting every two weeks (5 and 19 March, 2 April); Alice presents at the first session, Bruno at
 * the second, nobody at the third; Farid joins after the second.
 */
async function threeSessions(language: 'fr' | 'en') {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const g = await setUpGroup(h, { language });
  const [alice, bruno] = g.users as [(typeof g.users)[0], (typeof g.users)[0]];
  for (const date of ['2026-03-05', '2026-03-19', '2026-04-02'])
    await scheduleSession(g.facilitator, g.space, date);
  await proposeCase(alice, { title: 'Comment dire non ?', visibility: 'group' });
  await h.advanceTo('2026-03-06T08:00:00Z');
  const mark = (title: string, status: string) =>
    g.facilitator.press({ action: ACTION.caseMark, value: `${caseIds(h, g.group.id)[title]}:${status}` });
  await mark('Comment dire non ?', 'presented');
  await proposeCase(bruno, { title: 'Comment accueillir un adjoint ?', visibility: 'facilitator' });
  await h.advanceTo('2026-03-20T08:00:00Z');
  await mark('Comment accueillir un adjoint ?', 'presented');
  const farid = h.platform.addUser('U-FARID', 'Farid Girard');
  await h.platform.join(g.space, farid.userRef);
  await h.advanceTo('2026-04-03T08:00:00Z');
  return { ...g, alice, bruno, farid };
}

describe('the rotation: who presented when, and a private nudge', () => {
  it('shows each member’s turn to the facilitator only, and sends a kind private invitation (French)', async () => {
    const g = await threeSessions('fr');
    const { facilitator, space, users, farid } = g;
    const chloe = users[2]!;

    // Members cannot see it.
    expect(replyText(await chloe.command('rotation', { in: space }))).toContain(
      'Seul·e l’animateur·rice du groupe peut faire cela.',
    );

    const reply = await facilitator.command('rotation', { in: space });
    const text = replyText(reply);
    expect(text).toContain('Tour de parole — Groupe Lyon');
    expect(text).toContain('Cycle commencé le jeudi 5 mars 2026 : 3 séance(s) tenue(s) depuis.');
    expect(text).toContain('Cairn ne tient pas de registre de présence');
    const lines = text.split('\n').filter((l) => l.includes('ce cycle'));
    expect(lines).toEqual([
      'Chloé Durand — n’a jamais présenté (3 séance(s) depuis son arrivée) · ce cycle : 0 cas présenté(s)',
      'David Moreau — n’a jamais présenté (3 séance(s) depuis son arrivée) · ce cycle : 0 cas présenté(s)',
      'Emma Laurent — n’a jamais présenté (3 séance(s) depuis son arrivée) · ce cycle : 0 cas présenté(s)',
      'Alice Martin — 2 séance(s) depuis son dernier passage · ce cycle : 1 cas présenté(s)',
      'Bruno Petit — 1 séance(s) depuis son dernier passage · ce cycle : 1 cas présenté(s)',
      'Farid Girard — n’a jamais présenté (1 séance(s) depuis son arrivée) · ce cycle : 0 cas présenté(s)',
    ]);
    expect(text).toContain('aucune liste n’est jamais envoyée au groupe');
    const message = reply.kind === 'message' ? reply.message : undefined;
    expect(buttonsOf(message).every((b) => b.action === ACTION.rotationNudge)).toBe(true);
    expect(buttonsOf(message)).toHaveLength(6);

    // The nudge: one private, kind message to Chloé, in her language, with the case button.
    const deliveries = h.platform.deliveries.length;
    const nudged = await facilitator.press(
      button(message, ACTION.rotationNudge, buttonsOf(message)[0]!.value),
    );
    expect(replyText(nudged)).toBe('Invitation envoyée en privé à Chloé Durand.');
    await h.run();
    const sent = h.platform.deliveries.slice(deliveries);
    expect(sent.map((d) => [d.kind, d.address])).toEqual([['direct', chloe.userRef]]);
    const invitation = chloe.directs.at(-1)!;
    expect(shown(invitation)).toContain(
      'Claire Animatrice serait heureux·se de vous entendre dans « Groupe Lyon » : y a-t-il une situation de travail',
    );
    expect(shown(invitation)).toContain('c’est une invitation, pas une obligation.');
    expect(shown(invitation)).not.toMatch(/séances? depuis|retard|jamais présenté/);
    expect(buttonsOf(invitation).map((b) => b.action)).toEqual([ACTION.caseOpen]);
    // Once a day at most; nothing ever reaches the group's space.
    const again = await facilitator.press(
      button(message, ACTION.rotationNudge, buttonsOf(message)[0]!.value),
    );
    expect(replyText(again)).toContain('a déjà reçu une invitation aujourd’hui');
    expect(h.platform.postsIn(space).some((m) => /Tour de parole|invitation/i.test(messageText(m)))).toBe(
      false,
    );
    // A member cannot nudge anyone.
    expect(replyText(await farid.press(buttonsOf(message)[1]!))).toContain('Seul·e l’animateur·rice');

    // A new cycle from 15 March: only Bruno's turn counts in it.
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ cycleStart: '2026-03-15' });
    const cycled = replyText(await facilitator.command('rotation', { in: space }));
    expect(cycled).toContain('Cycle commencé le dimanche 15 mars 2026 : 2 séance(s) tenue(s) depuis.');
    expect(cycled).toContain(
      'Alice Martin — 2 séance(s) depuis son dernier passage · ce cycle : 0 cas présenté(s)',
    );
    expect(cycled).toContain(
      'Bruno Petit — 1 séance(s) depuis son dernier passage · ce cycle : 1 cas présenté(s)',
    );
  });

  it('the queue shows how long since each author presented, in the suggested order (English)', async () => {
    const g = await threeSessions('en');
    await scheduleSession(g.facilitator, g.space, '2026-04-16');
    const [alice, bruno, chloe] = g.users as [(typeof g.users)[0], (typeof g.users)[0], (typeof g.users)[0]];
    await proposeCase(alice, { title: 'Alice again?', visibility: 'group', urgency: 'medium' });
    await proposeCase(bruno, { title: 'Bruno again?', visibility: 'group', urgency: 'medium' });
    await proposeCase(chloe, { title: 'Chloé first?', visibility: 'group', urgency: 'medium' });
    await g.facilitator.command('cases', { in: g.space });
    const queue = replyText(g.facilitator.lastReply);
    expect(queue).toContain(
      'Suggested order: urgent first, then the group’s vote, then whoever presented least recently.',
    );
    const at = (t: string) => queue.indexOf(t);
    // Same urgency, no vote: whoever presented least recently first.
    expect(at('Chloé first?')).toBeLessThan(at('Alice again?'));
    expect(at('Alice again?')).toBeLessThan(at('Bruno again?'));
    expect(queue).toContain('Vote: not on the ballot · first time');
    expect(queue).toContain('Vote: not on the ballot · last presented 3 sessions ago');
    expect(queue).toContain('Vote: not on the ballot · last presented 2 sessions ago');

    const rotation = replyText(await g.facilitator.command('rotation'));
    expect(rotation).toContain('Rotation — Groupe Lyon');
    expect(rotation).toContain(
      'Chloé Durand — has never presented (3 session(s) since joining) · this cycle: 0 case(s) presented',
    );
    expect(rotation).toContain('Cairn keeps no attendance record');

    // A facilitator of two groups, in their direct conversation, first chooses the group.
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      language: 'en',
      facilitator: ['U-FAC', 'Claire Animatrice'],
      members: [['U-ZOE', 'Zoé Blanc']],
    });
    const choose = await g.facilitator.command('rotation');
    const buttons = buttonsOf(choose.kind === 'message' ? choose.message : undefined);
    expect(buttons.map((b) => [b.action, b.label])).toEqual([
      [ACTION.rotationShow, 'Groupe Lyon'],
      [ACTION.rotationShow, 'Groupe Paris'],
    ]);
    const shownParis = replyText(await g.facilitator.press(buttons[1]!));
    expect(shownParis).toContain('Rotation — Groupe Paris');
    expect(shownParis).toContain('Zoé Blanc — has never presented');
    expect(shownParis).not.toContain('Chloé');
    expect(paris.group.name).toBe('Groupe Paris');
  });
});
