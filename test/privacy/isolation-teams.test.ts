import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceAddressOf, userRefOf } from '../../adapters/teams/addresses.js';
import { FORM } from '../../src/core/contract/ids.js';
import { ROUTES } from '../../src/core/index.js';
import { caseTexts } from '../support/cases.js';
import { type Card, fill } from '../teams/support/cards.js';
import type { TeamsUserAccount } from '../teams/support/fake-connector.js';
import {
  dialogCard,
  findCard,
  type GroupChat,
  openFormByCommand,
  personalOf,
  press,
  scheduleSession,
  setUpGroupChat,
  submit,
} from '../teams/support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from '../teams/support/harness.js';
import { teamsAnswer, teamsCase, teamsSynthesis } from './support/teams-flows.js';

/**
 * Attack 5 on Teams: the same as isolation.test.ts, through the real Teams stack. A member and the
 * facilitator of group A send, from their 1:1 chat and from group B's own chat, every button the core
 * routes with B's ids (`task/fetch`), every command, and every form of B submitted with the sealed state a
 * B member or facilitator really holds (`task/submit`). Nothing of B may come back, and B's rows, adapter
 * references and chats must be exactly as before.
 */

const B_SECRETS = [
  'Groupe Paris',
  'Paul Girard',
  'Pia Roux',
  'Thèmes secrets de Paris',
  'Appris à Paris seulement',
  ...Object.values(caseTexts('Paris-Teams')),
  'Note-Paris-Teams: le directeur a annulé la réunion.',
  'Plan-Paris-Teams: un point mensuel avec le directeur.',
  'Retenu-Paris-Teams: écouter avant de répondre.',
  ...Object.values(caseTexts('Paris-Pia')),
  ...Object.values(caseTexts('Paris-Pierre')),
];

describe('attack 5 on Teams: a member of group A can read and change nothing of group B', () => {
  let h: TeamsHarness;
  let a: GroupChat;
  let b: GroupChat;
  let ids: string[];
  const held: { who: string; formId: string; data: Record<string, unknown> }[] = [];

  const snapshotB = () => {
    const q = (sql: string, ...args: unknown[]) => h.db.sqlite.prepare(sql).all(...args);
    const people = b.members.map((m) => m.name);
    const bRefs = [b.facilitator, ...b.members].map((u) => userRefOf(TENANT, u.aadObjectId));
    return JSON.stringify({
      group: q('SELECT * FROM groups WHERE id = ?', b.groupId),
      rounds: q('SELECT * FROM checkin_rounds WHERE group_id = ?', b.groupId),
      tally: q(
        'SELECT t.* FROM checkin_tally t JOIN checkin_rounds r ON r.id = t.round_id WHERE r.group_id = ?',
        b.groupId,
      ),
      participation: q('SELECT count(*) FROM checkin_participation'),
      ballots: q('SELECT * FROM case_vote_rounds WHERE group_id = ?', b.groupId),
      votes: q(
        'SELECT t.* FROM case_vote_tally t JOIN case_vote_rounds r ON r.id = t.round_id WHERE r.group_id = ?',
        b.groupId,
      ),
      voters: q('SELECT count(*) FROM case_vote_participation'),
      cases: q('SELECT * FROM cases WHERE group_id = ?', b.groupId),
      sessions: q('SELECT * FROM sessions WHERE group_id = ?', b.groupId),
      memberships: q('SELECT * FROM memberships WHERE group_id = ?', b.groupId),
      syntheses: q('SELECT * FROM syntheses'),
      posts: q('SELECT * FROM synthesis_posts'),
      people: q(`SELECT * FROM people WHERE display_name IN (${people.map(() => '?').join(',')})`, ...people),
      references: q(
        `SELECT key, kind, reference FROM teams_conversations WHERE key = ? OR key IN (${bRefs.map(() => '?').join(',')}) ORDER BY key`,
        spaceAddressOf(TENANT, b.chatId),
        ...bRefs,
      ),
      personal: [b.facilitator, ...b.members].map((u) => h.fake.messagesIn(personalOf(h, u)).length),
      guides: q('SELECT * FROM guides WHERE group_id = ?', b.groupId),
      guideCard: h.fake.messagesIn(b.chatId).filter((m) => JSON.stringify(m).includes('Guide de séance')),
      notes: q(
        'SELECT n.* FROM notes n JOIN memberships m ON m.person_id = n.author_id WHERE m.group_id = ? ORDER BY n.id',
        b.groupId,
      ),
      keep: q('SELECT * FROM notebook_settings'),
      plans: q('SELECT * FROM action_plans WHERE group_id = ?', b.groupId),
    });
  };

  const expectNothingOfB = (what: unknown) => {
    const text = JSON.stringify(what ?? '');
    for (const s of B_SECRETS) expect(text).not.toContain(s);
  };

  beforeAll(async () => {
    h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    a = await setUpGroupChat(h);
    b = await setUpGroupChat(h, {
      chatId: '19:paris@thread.v2',
      name: 'Groupe Paris',
      facilitator: h.client.user('aad-fabien', 'Fabien Paris'),
      members: [
        h.client.user('aad-paul', 'Paul Girard'),
        h.client.user('aad-pia', 'Pia Roux'),
        h.client.user('aad-pierre', 'Pierre Blanc'),
        h.client.user('aad-paula', 'Paula Noir'),
      ],
    });
    // A session of B took place this morning; the next is on 20 March.
    await scheduleSession(h, b, '2026-03-03', '08:00');
    await scheduleSession(h, b, '2026-03-20');
    h.clock.set(new Date('2026-03-03T11:00:00Z'));
    await h.run();
    const pastSession = h.store.sessions.listPast(b.groupId, h.clock.now(), 1)[0]!;
    const paul = b.members[0]!;
    await teamsCase(h, paul, caseTexts('Paris-Teams'));
    // Three cases for a session that takes two: B's vote opens 3 days before it.
    await teamsCase(h, b.members[1]!, caseTexts('Paris-Pia'));
    await teamsCase(h, b.members[2]!, caseTexts('Paris-Pierre'));
    h.clock.set('2026-03-17T08:00:00Z');
    await h.run();
    const ballot = h.store.votes.openRoundsOf(b.groupId)[0]!;
    await h.client.say(b.facilitator, 'checkin open', b.where);
    await h.run();
    const released = h.store.checkins.openRoundOf(b.groupId)!;
    for (const m of b.members)
      await teamsAnswer(h, m, { workload: '3', support: '3', perspective: '3', overall: '3' });
    await h.client.say(b.facilitator, 'checkin close', b.where);
    await h.client.say(b.facilitator, 'checkin open', b.where);
    await h.run();
    const open = h.store.checkins.openRoundOf(b.groupId)!;
    await teamsSynthesis(h, b, { themes: 'Thèmes secrets de Paris', learned: 'Appris à Paris seulement' });
    const fabien = h.store.people
      .listByWorkspace('teams', TENANT)
      .find((p) => p.displayName === 'Fabien Paris')!;
    const synthesis = h.store.syntheses.listByAuthor(fabien.id)[0]!;
    const session = h.store.sessions.listUpcoming(b.groupId, h.clock.now())[0]!;
    const paulPerson = h.store.people
      .listByWorkspace('teams', TENANT)
      .find((p) => p.displayName === 'Paul Girard')!;
    const caseB = h.store.cases.listByAuthor(paulPerson.id)[0]!;
    // Paul's notebook, a takeaway of the past session, and his plan ("me only").
    await h.client.say(paul, 'note Note-Paris-Teams: le directeur a annulé la réunion.');
    const takeawayForm = dialogCard(
      await h.client.fetchTask(paul, {
        verb: 'cairn.action',
        action: 'takeaway.write',
        value: pastSession.id,
      }),
    );
    await submit(h, paul, takeawayForm, { text: 'Retenu-Paris-Teams: écouter avant de répondre.' });
    const planForm = dialogCard(
      await h.client.fetchTask(paul, { verb: 'cairn.action', action: 'plan.write', value: caseB.id }),
    );
    await submit(h, paul, planForm, { what: 'Plan-Paris-Teams: un point mensuel avec le directeur.' });
    const noteB = h.store.notes.listByAuthor(paulPerson.id).find((n) => n.kind === 'note')!;
    const planB = h.store.plans.getByCase(caseB.id)!;
    expect(
      h.store.notes
        .listByAuthor(paulPerson.id)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['note', 'takeaway']);
    expect(planB.what).toBe('Plan-Paris-Teams: un point mensuel avec le directeur.');
    ids = [
      b.groupId,
      released.id,
      open.id,
      synthesis.id,
      caseB.id,
      session.id,
      spaceAddressOf(TENANT, b.chatId),
      b.chatId,
      `${caseB.id}:selected`,
      `close:${b.groupId}`,
      noteB.id,
      planB.id,
      pastSession.id,
      `session:${pastSession.id}`,
      ballot.id,
      `${b.groupId}:${paulPerson.id}`,
      `${a.groupId}:${paulPerson.id}`,
    ];

    // Sealed states B's people really hold, from the dialogs Teams showed them.
    const keep = (
      who: TeamsUserAccount,
      formId: string,
      card: Card,
      values: Record<string, string | boolean> = {},
    ) => held.push({ who: who.name, formId, data: fill(card, values) });
    const paulCheckin = dialogCard(
      await press(h, paul, findCard(h, personalOf(h, paul), /Répondre/), /Répondre/),
    );
    keep(paul, FORM.checkin, paulCheckin, { workload: '1', support: '1', perspective: '1', overall: '1' });
    const paulBallot = dialogCard(
      await press(h, paul, findCard(h, personalOf(h, paul), /Quels cas/), /^Voter$/),
    );
    keep(paul, FORM.vote, paulBallot, { choices: caseB.id });
    keep(paul, FORM.case, await openFormByCommand(h, paul, 'case'), {
      title: 'Comment puis-je Intrus ?',
      charter: true,
    });
    keep(paul, FORM.forgetMe, await openFormByCommand(h, paul, 'oubliez-moi'), { confirm: true });
    keep(b.facilitator, FORM.session, await openFormByCommand(h, b.facilitator, 'session', b.where), {
      place: 'Intrusion',
    });
    keep(b.facilitator, FORM.setup, await openFormByCommand(h, b.facilitator, 'setup', b.where), {
      name: 'Groupe pris',
    });
    const synthesisForm = await openFormByCommand(h, b.facilitator, 'synthese');
    keep(b.facilitator, FORM.synthesis, synthesisForm, { themes: 'Intrusion', learned: 'Intrusion' });
    const preview = dialogCard(
      await submit(h, b.facilitator, synthesisForm, {
        groups: [b.groupId],
        themes: 'Intrusion',
        learned: 'x',
      }),
    );
    keep(b.facilitator, FORM.synthesisPreview, preview);

    // The session guide, in B's session: the start form B's facilitator holds, a guide running in B's chat,
    // and the request form its client (Paul) holds.
    h.clock.set(new Date('2026-03-20T12:40:00Z'));
    await h.run();
    keep(b.facilitator, FORM.guideStart, await openFormByCommand(h, b.facilitator, 'animer', b.where));
    await submit(h, b.facilitator, await openFormByCommand(h, b.facilitator, 'animer', b.where), {
      case: caseB.id,
    });
    await h.run();
    const guide = h.store.guides.findRunning(b.groupId)!;
    const requestForm = dialogCard(
      await h.client.fetchTask(
        paul,
        { verb: 'cairn.action', action: 'guide.request', value: guide.id },
        b.where,
      ),
    );
    keep(paul, FORM.guideRequest, requestForm, { request: 'Intrusion' });
    ids.push(guide.id, `${guide.id}:0`, `${guide.id}:pause`, `${session.id}:${caseB.id}`);
    const action = (who: TeamsUserAccount, name: string, value: string) =>
      h.client.fetchTask(who, { verb: 'cairn.action', action: name, value });
    keep(paul, FORM.note, await openFormByCommand(h, paul, 'note'), { text: 'Intrusion' });
    keep(paul, FORM.notesKeep, dialogCard(await action(paul, 'notes.keep', '')), { months: '3' });
    keep(paul, FORM.takeaway, dialogCard(await action(paul, 'takeaway.write', pastSession.id)), {
      text: 'Intrusion',
      share: true,
    });
    keep(paul, FORM.plan, dialogCard(await action(paul, 'plan.write', caseB.id)), { what: 'Intrusion' });
    keep(paul, FORM.planReport, dialogCard(await action(paul, 'plan.report', planB.id)), {
      outcome: 'tried',
      happened: 'Intrusion',
      share: 'group',
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('every button, command and form, from A’s chats and from B’s chat: refused, and B unchanged', async () => {
    const before = snapshotB();
    const inChat = h.fake.messagesIn(b.chatId).length;
    const alice = a.members[0]!;
    const attackers = [alice, a.facilitator];
    let attempts = 0;
    for (const user of attackers) {
      // The member attacks from both places; the facilitator (already covered by the memory test) from one.
      const places = user === alice ? [h.client.personal(user), b.where] : [h.client.personal(user)];
      for (const where of places) {
        for (const action of Object.keys(ROUTES.actions))
          for (const value of ids) {
            const answer = await h.client.fetchTask(user, { verb: 'cairn.action', action, value }, where);
            expectNothingOfB(answer);
            attempts++;
          }
        const words = [
          ...Object.keys(ROUTES.commands),
          'checkin open',
          'checkin close',
          'checkin share',
          'checkin all',
        ];
        for (const word of words)
          for (const args of ['', ...ids.slice(0, 3)]) {
            const answer = await h.client.say(user, `${word} ${args}`.trim(), where);
            expect(answer.status).toBe(200);
            expectNothingOfB(answer.body);
            attempts++;
          }
      }
      // B's own sealed states, submitted by A's people.
      for (const f of held) {
        const answer = await h.client.submitTask(user, f.data, h.client.personal(user));
        expectNothingOfB(answer);
        attempts++;
      }
    }
    await h.run();
    const attacked = new Set(held.map((f) => f.formId));
    for (const formId of Object.keys(ROUTES.forms))
      if (formId !== FORM.notice) expect(attacked.has(formId), `form ${formId} attacked on Teams`).toBe(true);
    console.log(
      `Attack 5 — Teams: ${attempts} requests from group A carrying B's ids or sealed states: all refused, B unchanged`,
    );
    // Nothing of B reached A's people by any message, and B is exactly as it was.
    for (const user of attackers) expectNothingOfB(h.fake.messagesIn(personalOf(h, user)));
    expectNothingOfB(h.fake.messagesIn(a.chatId));
    // What was typed in B's chat (a forged activity: Teams only lets its members write there) got, in that
    // chat, only Teams' "answered you privately" notice; the answers went to the attacker's own 1:1 chat.
    const notices = new Set(
      h.fake
        .messagesIn(b.chatId)
        .slice(inChat)
        .map((m) => m.text),
    );
    expect([...notices]).toEqual(['Je vous ai répondu dans notre conversation privée.']);
    expect(snapshotB()).toBe(before);
    expect(h.store.people.listByWorkspace('teams', TENANT).some((p) => p.displayName === 'Paul Girard')).toBe(
      true,
    );
  }, 120_000);
});
