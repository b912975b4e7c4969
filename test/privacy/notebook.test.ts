import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { SAVE_NOTE_COMMAND } from '../../adapters/teams/payloads.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { ROUTES } from '../../src/core/index.js';
import { playgroundHarness } from '../playground/support.js';
import {
  lastDm,
  populate,
  scheduleSession,
  setUpGroup as setUpSlackGroup,
  TEAM,
} from '../slack/support/scenario.js';
import { type SlackCairn, startSlackCairn } from '../slack/support/slack-cairn.js';
import { FakeSlack } from '../support/fake-slack.js';
import { createHarness, DAY, type Harness, HOUR, setUpGroup } from '../support/harness.js';
import { caseValues } from '../support/scenario.js';
import { fill } from '../teams/support/cards.js';
import {
  dialogCard,
  findCard,
  personalOf,
  press,
  setUpGroupChat,
  submit,
  scheduleSession as teamsSession,
} from '../teams/support/flows.js';
import { startTeamsHarness, type TeamsHarness } from '../teams/support/harness.js';
import { PlaygroundPerson, runPlayground } from './support/playground-driver.js';

/**
 * Attack 7 — the practice notebook and "me only" action plans. A note (typed, filled in a form, or saved
 * from a Teams message), a takeaway kept private, a plan its author keeps to themselves and a report they
 * do not share are read by their author alone: never by the facilitators, never in a digest, a synthesis
 * form, a reminder, a home view, an export or a post, whatever the others press, type or are sent, on
 * every adapter (memory, Slack, Teams, the playground). The attackers are the other members, the
 * facilitator, a member and the facilitator of another group, and a member of both groups; they press every
 * button the core routes with the author's ids. Controls: what the author chose to share (a takeaway sent
 * for the synthesis, a plan for the whole group, a report for the group) does reach the facilitator, and
 * the author's own views show everything, so the searches can find what they look for.
 */

const PRIVATE = {
  note: 'Note-Privee-A7: le directeur de site m’a reproché devant tous mon retard de planning.',
  form: 'Note-Formulaire-A7: entretien avec une opératrice en pleurs après un changement de poste.',
  noticed: 'Ressenti-A7: je me suis senti démuni et seul.',
  takeaway: 'Retenu-Prive-A7: je parle trop vite quand je suis inquiet.',
  plan: 'Plan-Prive-A7: demander un entretien au directeur de site avant la revue mensuelle.',
  withWhom: 'Avec-Qui-A7: le directeur de site',
  support: 'Soutien-A7: une relecture de mes arguments par le groupe',
  happened: 'Compte-Rendu-Prive-A7: l’entretien a été reporté deux fois.',
  learned: 'Appris-Prive-A7: préparer un écrit court avant de demander.',
};
const SHARED = {
  takeaway: 'Retenu-Partage-A7: le groupe m’a aidé à voir ma part.',
  plan: 'Plan-Groupe-A7: tester une réunion debout le lundi.',
  happened: 'Compte-Rendu-Partage-A7: la réunion debout a tenu en quinze minutes.',
};

const found = (text: string) => Object.values(PRIVATE).filter((v) => text.includes(v));

function replyContent(reply: Reply | undefined): string {
  if (!reply) return '';
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

describe('attack 7: a note, a private takeaway and a "me only" plan reach their author alone', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('memory adapter: every path, for every other member, the facilitators, another group, someone in both', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const lyon = await setUpGroup(h);
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      facilitator: ['U-FACB', 'Fabien Paris'],
      members: [
        ['U-PAUL', 'Paul Girard'],
        ['U-EMMA', 'Emma Laurent'],
      ],
    });
    const [alice, bruno, chloe, david, emma] = lyon.users as MemoryUser[];
    const others: MemoryUser[] = [
      bruno!,
      chloe!,
      david!,
      emma!,
      paris.users[0]!,
      lyon.facilitator,
      paris.facilitator,
    ];
    const { facilitator } = lyon;
    for (const date of ['2026-03-05', '2026-04-02', '2026-04-30']) {
      await facilitator.command('session', { in: 'C-LYON' });
      await facilitator.submit({ date, time: '14:00', place: 'Salle' });
    }

    const aliceId = () => h.store.people.findByUserRef('memory', 'U-ALICE')!.id;
    const ids = () => {
      const notes = h.store.notes.listByAuthor(aliceId()).map((n) => n.id);
      const plans = h.store.plans.listByAuthor(aliceId()).map((p) => p.id);
      const cases = h.store.cases.listByAuthor(aliceId()).map((c) => c.id);
      const sessions = h.store.sessions.listPast(lyon.group.id, h.clock.now(), 3).map((s) => s.id);
      return [...notes, ...plans, ...cases, ...sessions, ...sessions.map((s) => `session:${s}`), ''];
    };
    const seen: string[] = [];
    let paths = 0;
    const sweep = async (stage: string) => {
      await h.run();
      for (const u of others) {
        const look = (what: string, text: string) => {
          paths++;
          for (const v of found(text)) seen.push(`${stage}, ${u.userRef} via ${what}: ${v.slice(0, 30)}`);
        };
        for (const m of u.directs) look('a direct message', messageText(m) + (m.attachment?.content ?? ''));
        const actor = { platform: 'memory', userRef: u.userRef, displayName: u.displayName, workspace: 'W1' };
        look('home', messageText(h.core.home(actor)));
        for (const place of [undefined, { in: 'C-LYON' }])
          for (const command of [
            'notes',
            'plan',
            'cases',
            'syntheses',
            'synthesis',
            'help',
            'checkin',
            'my-data',
          ]) {
            look(`/cairn ${command}`, replyContent(await u.command(command, place)));
            u.form = undefined;
          }
        for (const action of Object.keys(ROUTES.actions))
          for (const value of ids()) {
            const reply = await u.press({ action, value });
            look(`button ${action}`, replyContent(reply));
            // A form it opened, filled and sent as is: still nothing.
            if (u.form) look(`form of ${action}`, replyContent(await u.submit({})));
            u.form = undefined;
          }
        await h.run();
        for (const m of u.directs.slice(-3))
          look('a direct message after', messageText(m) + (m.attachment?.content ?? ''));
      }
      for (const space of ['C-LYON', 'C-PARIS'])
        for (const m of h.platform.postsIn(space)) {
          paths++;
          for (const v of found(messageText(m))) seen.push(`${stage}, post in ${space}: ${v.slice(0, 30)}`);
        }
    };

    // Alice's notebook: typed, and through the form.
    await alice!.command(`note ${PRIVATE.note}`);
    await alice!.command('note');
    await alice!.submit({ text: PRIVATE.form, noticed: PRIVATE.noticed });
    await sweep('notes');
    // Alice and Bruno present a case each; the day after, the check-in prompt asks what they take away:
    // Alice keeps hers, Bruno sends his for the synthesis.
    for (const u of [alice!, bruno!]) {
      await u.command('case');
      await u.submit(
        caseValues({ title: `Comment puis-je avancer, ${u.displayName} ?`, visibility: 'group' }),
      );
    }
    await h.advanceTo('2026-03-05T17:00:00Z', 6 * HOUR);
    for (const u of [alice!, bruno!]) {
      const c = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', u.userRef)!.id)[0]!;
      await facilitator.press({ action: ACTION.caseMark, value: `${c.id}:presented` });
    }
    await h.advanceTo('2026-03-06T09:00:00Z', HOUR);
    for (const [u, text, share] of [
      [alice!, PRIVATE.takeaway, ''],
      [bruno!, SHARED.takeaway, 'true'],
    ] as const) {
      await u.press({
        action: ACTION.takeawayWrite,
        value: h.store.sessions.listPast(lyon.group.id, h.clock.now(), 1)[0]!.id,
      });
      await u.submit({ text, share });
    }
    // Their action plans: Alice's for herself, Bruno's for the whole group.
    await alice!.press({ action: ACTION.planWrite, value: h.store.cases.listByAuthor(aliceId())[0]!.id });
    await alice!.submit({
      what: PRIVATE.plan,
      withWhom: PRIVATE.withWhom,
      support: PRIVATE.support,
      followUpOn: '2026-03-20',
    });
    const brunoCase = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-BRUNO')!.id)[0]!;
    await bruno!.press({ action: ACTION.planWrite, value: brunoCase.id });
    await bruno!.submit({ what: SHARED.plan, followUpOn: '2026-03-20', visibility: 'group' });
    await sweep('plans');
    // The follow-ups; Alice keeps her report, Bruno shares his with the group.
    await h.advanceTo('2026-03-20T09:00:00Z', 6 * HOUR);
    for (const [u, happened, learned, share] of [
      [alice!, PRIVATE.happened, PRIVATE.learned, 'no'],
      [bruno!, SHARED.happened, '', 'group'],
    ] as const) {
      const followUp = u.directs.find((m) => buttonsOf(m).some((b) => b.action === ACTION.planReport))!;
      await u.press(buttonsOf(followUp).find((b) => b.action === ACTION.planReport)!);
      await u.submit({ outcome: 'partly', happened, learned, share });
    }
    // The reminders and the digest before the next session; the synthesis form of the facilitator.
    await h.advanceTo('2026-04-01T09:00:00Z', 12 * HOUR);
    await sweep('reports and digest');
    console.log(
      `Attack 7 — memory: ${paths} paths searched by ${others.length} other people at 3 stages: ${seen.length} found`,
    );
    expect(seen).toEqual([]);

    // Controls: what was shared did reach the facilitator; Alice's own views show all of hers.
    const facText = facilitator.directs.map(messageText).join('\n');
    expect(facText).toContain(SHARED.takeaway);
    expect(facText).toContain(SHARED.happened);
    expect(facText).toContain(SHARED.plan);
    await facilitator.command('synthesis', { in: 'C-LYON' });
    expect(JSON.stringify(facilitator.form?.intro)).toContain(SHARED.takeaway);
    facilitator.form = undefined;
    const own = [
      replyContent(await alice!.command('notes')),
      replyContent(await alice!.command('plan')),
      replyContent(
        await alice!.press({ action: ACTION.caseView, value: h.store.cases.listByAuthor(aliceId())[0]!.id }),
      ),
    ].join('\n');
    alice!.form = undefined;
    await alice!.command('my-data');
    await h.run();
    const data = alice!.directs.at(-1)!.attachment!.content;
    for (const v of Object.values(PRIVATE)) expect(own + data, v).toContain(v);
  }, 120_000);

  it('Slack: nothing of Alice’s notebook or plan in any call Cairn makes for anyone else', async () => {
    const fake = await FakeSlack.start();
    populate(fake);
    const cairn: SlackCairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
    try {
      const { facilitator } = await setUpSlackGroup(cairn, fake);
      for (const date of ['2026-03-05', '2026-04-02', '2026-04-30'])
        await scheduleSession(cairn, facilitator, 'GLYON', date);
      const alice = cairn.driver.as('UALICE');
      await alice.command(`note ${PRIVATE.note}`);
      await alice.command('note');
      await alice.submit({ text: PRIVATE.form, noticed: PRIVATE.noticed });
      const opened = await alice.command('case', 'GLYON');
      await alice.submit(opened.view!, { title: 'Comment puis-je avancer ?', visibility: 'group' });
      cairn.clock.set('2026-03-05T17:00:00Z');
      await cairn.run();
      const aliceId = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!.id;
      const caseId = cairn.store.cases.listByAuthor(aliceId)[0]!.id;
      const queue = await facilitator.command('cases', 'GLYON');
      await facilitator.pressInReply(queue.reply!, 'case.mark', `${caseId}:presented`);
      await cairn.run();
      const planModal = await alice.pressInMessage(lastDm(fake, 'UALICE')!, 'plan.write');
      await alice.submit(planModal.view!, {
        what: PRIVATE.plan,
        withWhom: PRIVATE.withWhom,
        support: PRIVATE.support,
        followUpOn: '2026-03-20',
      });
      expect(cairn.store.plans.getByCase(caseId)?.visibility).toBe('me');

      // From here on, only the others act: whatever Cairn sends for them must hold nothing of hers.
      const calls = fake.calls.length;
      const responses = fake.responses.length;
      const notes = cairn.store.notes.listByAuthor(aliceId).map((n) => n.id);
      const planId = cairn.store.plans.getByCase(caseId)!.id;
      const forged = (action: string, value: string) => ({
        channel: 'DUBRUNO',
        ts: '1700000000.000009',
        text: 'x',
        edits: 0,
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: action, value, text: { type: 'plain_text', text: 'x' } }],
          },
        ],
      });
      for (const user of ['UBRUNO', 'UCHLOE', 'UFAC']) {
        const other = cairn.driver.as(user);
        for (const command of ['notes', 'plan', 'cases', 'help', 'my-data', 'synthesis'])
          await other.command(command);
        for (const [action, value] of [
          ...notes.flatMap((id) => [
            ['note.case', id],
            ['note.delete', id],
          ]),
          ['notes.list', ''],
          ['plan.write', caseId],
          ['plan.report', planId],
          ['plan.pause', planId],
          ['case.view', caseId],
        ] as const)
          await other.pressInMessage(forged(action, value), action, value);
        await cairn.driver.sendEvent({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });
      }
      cairn.clock.set('2026-04-01T07:00:00Z');
      await cairn.run();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const aliceDm = fake.dmChannelOf('UALICE');
      const forOthers = [
        ...fake.calls.slice(calls).filter((c) => c.args.channel !== aliceDm && c.args.user_id !== 'UALICE'),
        ...fake.responses.slice(responses),
      ];
      const leaks = found(JSON.stringify(forOthers));
      console.log(
        `Attack 7 — Slack: ${forOthers.length} Web API calls and replies for other people searched: ${leaks.length} found`,
      );
      expect(forOthers.length).toBeGreaterThan(30);
      expect(leaks).toEqual([]);
      expect(cairn.store.notes.listByAuthor(aliceId)).toHaveLength(2);
      expect(cairn.logs.text).not.toContain('A7');
    } finally {
      await cairn.close();
      await fake.close();
    }
  }, 120_000);

  it('Teams: a message saved as a note is answered to its author only; nothing reaches another chat', async () => {
    let t: TeamsHarness | undefined;
    try {
      t = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
      const h2 = t;
      const g = await setUpGroupChat(h2);
      for (const date of ['2026-03-05', '2026-04-02', '2026-04-30']) await teamsSession(h2, g, date);
      const [alice, bruno] = g.members as [(typeof g.members)[0], (typeof g.members)[0]];
      const inChat = h2.fake.messagesIn(g.chatId).length;
      // "Save as a note" on a message of the group chat, and a typed note.
      const form = dialogCard(
        await h2.client.extensionFetch(alice, g.where, `<p>${PRIVATE.form}</p>`, SAVE_NOTE_COMMAND),
      );
      const saved = await h2.client.extensionSubmit(
        alice,
        g.where,
        fill(form, { noticed: PRIVATE.noticed }),
        SAVE_NOTE_COMMAND,
      );
      expect(JSON.stringify(saved)).toContain('Votre carnet compte 1 note.');
      await h2.client.say(alice, `note ${PRIVATE.note}`);
      // Her case, presented; her plan for herself.
      const caseForm = dialogCard(
        await h2.client.fetchTask(alice, { verb: 'cairn.action', action: 'case.open', value: '' }),
      );
      await submit(h2, alice, caseForm, {
        ...caseValues({ title: 'Comment puis-je avancer ?' }),
        charter: true,
      });
      h2.clock.set(new Date('2026-03-05T17:00:00Z'));
      await h2.run();
      const aliceId = h2.db.sqlite
        .prepare('SELECT id FROM people WHERE display_name = ?')
        .pluck()
        .get('Alice Martin') as string;
      const caseId = h2.store.cases.listByAuthor(aliceId)[0]!.id;
      await h2.client.say(g.facilitator, 'cases');
      await press(h2, g.facilitator, findCard(h2, personalOf(h2, g.facilitator), /avancer/), /^Présenté$/);
      await h2.run();
      const planForm = dialogCard(
        await press(h2, alice, findCard(h2, personalOf(h2, alice), /Votre plan d’action/), /Écrire/),
      );
      await submit(h2, alice, planForm, {
        what: PRIVATE.plan,
        withWhom: PRIVATE.withWhom,
        support: PRIVATE.support,
        followUpOn: '2026-03-20',
      });
      const planId = h2.store.plans.getByCase(caseId)!.id;
      expect(h2.store.notes.listByAuthor(aliceId)).toHaveLength(2);

      // The others, with every button the core routes and her ids; then the clock through the digest.
      const answers: unknown[] = [];
      const values = [...h2.store.notes.listByAuthor(aliceId).map((n) => n.id), planId, caseId, ''];
      for (const user of [bruno, g.facilitator]) {
        for (const action of Object.keys(ROUTES.actions))
          for (const value of values)
            answers.push(await h2.client.fetchTask(user, { verb: 'cairn.action', action, value }));
        for (const word of ['carnet', 'plan', 'cas', 'aide', 'mes-données', 'synthese'])
          answers.push((await h2.client.say(user, word)).body);
      }
      h2.clock.set(new Date('2026-04-01T07:00:00Z'));
      await h2.run();
      const elsewhere = [
        ...g.members.slice(1).map((m) => h2.fake.messagesIn(personalOf(h2, m))),
        h2.fake.messagesIn(personalOf(h2, g.facilitator)),
        h2.fake.messagesIn(g.chatId).slice(inChat),
        answers,
      ];
      const leaks = found(JSON.stringify(elsewhere));
      console.log(
        `Attack 7 — Teams: ${answers.length} answers to others and their chats searched: ${leaks.length} found`,
      );
      expect(leaks).toEqual([]);
      // The group chat received nothing at all from her note.
      expect(
        h2.fake
          .messagesIn(g.chatId)
          .slice(inChat)
          .map((m) => m.text ?? ''),
      ).not.toContain(PRIVATE.form);
    } finally {
      await t?.close();
    }
  }, 180_000);

  it('playground: no page of any other persona shows them', async () => {
    const pg = await playgroundHarness({ start: '2026-03-02T08:00:00Z' });
    try {
      const platform = pg.playground.platform;
      const refs = ['pg:fac', 'pg:alice', 'pg:bruno', 'pg:chloe'];
      for (const ref of refs) platform.addPersona({ ref, name: ref.slice(3) });
      const space = 'pg-space:lyon';
      platform.addSpace(space, refs);
      const [fac, alice, ...rest] = refs.map((r) => new PlaygroundPerson(pg, r)) as PlaygroundPerson[];
      await fac!.command('setup', space);
      await fac!.submit({ name: 'Groupe Lyon', language: 'fr' });
      await runPlayground(pg);
      await alice!.command(`note ${PRIVATE.note}`, space);
      await alice!.command('note');
      await alice!.submit({ text: PRIVATE.form, noticed: PRIVATE.noticed });
      await runPlayground(pg);
      for (const p of [fac!, ...rest]) {
        await p.command('notes', space);
        await p.command('my-data');
      }
      pg.base.set(new Date(pg.base.now().getTime() + 8 * DAY));
      await runPlayground(pg);
      for (const p of [fac!, ...rest]) expect(found(p.viewText()), p.ref).toEqual([]);
      expect(found(alice!.viewText()).length).toBeGreaterThan(0);
      console.log(`Attack 7 — playground: ${rest.length + 1} other personas' pages searched: 0 found`);
    } finally {
      pg.close();
    }
  });
});
