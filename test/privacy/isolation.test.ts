import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import type { Form } from '../../src/core/contract/form.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Reply } from '../../src/core/contract/reply.js';
import type { CheckinRound } from '../../src/core/domain/checkin.js';
import type { Group } from '../../src/core/domain/group.js';
import { DEFAULT_GUIDE_MINUTES, displayKey, type Guide } from '../../src/core/domain/guide.js';
import type { BallotRound } from '../../src/core/domain/vote.js';
import { ROUTES } from '../../src/core/index.js';
import { createSecrets } from '../../src/host/secrets.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { answer, openRoundOf, replyLine, scores } from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

const SECRET = 'isolation-secret-long-enough-for-cairn';
let h: Harness;
let alice: MemoryUser; // member of A only
let facA: MemoryUser; // facilitator of A only
let facB: MemoryUser;
let paul: MemoryUser; // member of B
let groupA: Group;
let groupB: Group;
let releasedB: CheckinRound;
let openB: CheckinRound;
let synthesisB: string;
let draftB: string;
let caseB: string;
let sessionB: string;
let guideB: string;
let noteB: string;
let planB: string;
let ballotB: BallotRound;
let paulId: string;

const B_SECRETS = [
  'Groupe Paris',
  'Paul Girard',
  'Pia Roux',
  'Thèmes secrets de Paris',
  'Appris à Paris seulement',
  ...Object.values(caseTexts('Paris')),
  'Note-Paris: le directeur a annulé la réunion sans prévenir.',
  'Plan-Paris: demander un point mensuel au directeur.',
  ...Object.values(caseTexts('Paris-Pia')),
  ...Object.values(caseTexts('Paris-Pierre')),
];

/** Everything about group B that A's people must neither read nor change. */
function snapshotB() {
  const q = (sql: string, ...args: unknown[]) => h.query(sql, ...args);
  return JSON.stringify({
    posts: h.platform.postsIn('C-PARIS').map(messageText),
    directs: [facB, paul].map((u) => u.directs.map(messageText)),
    rounds: q('SELECT * FROM checkin_rounds WHERE group_id = ?', groupB.id),
    tally: q(
      'SELECT t.* FROM checkin_tally t JOIN checkin_rounds r ON r.id = t.round_id WHERE r.group_id = ?',
      groupB.id,
    ),
    participation: q('SELECT count(*) FROM checkin_participation'),
    ballots: q('SELECT * FROM case_vote_rounds WHERE group_id = ?', groupB.id),
    votes: q(
      'SELECT t.* FROM case_vote_tally t JOIN case_vote_rounds r ON r.id = t.round_id WHERE r.group_id = ?',
      groupB.id,
    ),
    voters: q('SELECT count(*) FROM case_vote_participation'),
    settings: q('SELECT * FROM case_choice_settings WHERE group_id = ?', groupB.id),
    syntheses: q('SELECT * FROM syntheses'),
    posted: q('SELECT * FROM synthesis_posts'),
    cases: q('SELECT * FROM cases WHERE group_id = ?', groupB.id),
    sessions: q('SELECT * FROM sessions WHERE group_id = ?', groupB.id),
    memberships: q('SELECT * FROM memberships WHERE group_id = ?', groupB.id),
    group: q('SELECT * FROM groups WHERE id = ?', groupB.id),
    guides: q('SELECT * FROM guides WHERE group_id = ?', groupB.id),
    outbox: q("SELECT id, status FROM outbox WHERE id LIKE 'guide:%' ORDER BY id"),
    notes: q(
      'SELECT n.* FROM notes n JOIN memberships m ON m.person_id = n.author_id WHERE m.group_id = ? ORDER BY n.id',
      groupB.id,
    ),
    keep: q('SELECT * FROM notebook_settings'),
    plans: q('SELECT * FROM action_plans WHERE group_id = ?', groupB.id),
  });
}

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

function expectNothingOfB(reply: Reply) {
  const content = replyContent(reply);
  for (const s of B_SECRETS) expect(content).not.toContain(s);
}

beforeEach(async () => {
  h = await createHarness({ secret: SECRET, start: '2026-03-02T08:00:00Z' });
  const a = await setUpGroup(h, { language: 'en' });
  const b = await setUpGroup(h, {
    space: 'C-PARIS',
    name: 'Groupe Paris',
    language: 'en',
    facilitator: ['U-FACB', 'Fabien Paris'],
    members: [
      ['U-PAUL', 'Paul Girard'],
      ['U-PIA', 'Pia Roux'],
      ['U-PIERRE', 'Pierre Blanc'],
      ['U-PAULA', 'Paula Noir'],
    ],
  });
  alice = a.users[0]!;
  facA = a.facilitator;
  facB = b.facilitator;
  paul = b.users[0]!;
  groupA = a.group;
  groupB = b.group;

  await scheduleSession(facB, 'C-PARIS', '2026-03-20');
  sessionB = h.store.sessions.listUpcoming(groupB.id, h.clock.now())[0]!.id;
  await submitCase(paul, 'C-PARIS', caseTexts('Paris'));
  paulId = h.store.people.findByUserRef('memory', 'U-PAUL')!.id;
  caseB = h.store.cases.listByAuthor(paulId)[0]!.id;
  // Paul's notebook and the action plan of his case ("me only").
  await paul.command('note Note-Paris: le directeur a annulé la réunion sans prévenir.');
  noteB = h.store.notes.listByAuthor(paulId)[0]!.id;
  await paul.press({ action: ACTION.planWrite, value: caseB });
  await paul.submit({ what: 'Plan-Paris: demander un point mensuel au directeur.' });
  planB = h.store.plans.getByCase(caseB)!.id;
  // Three cases for a session that takes two: B's vote opens 3 days before, and Pierre votes.
  await submitCase(b.users[1]!, 'C-PARIS', caseTexts('Paris-Pia'));
  await submitCase(b.users[2]!, 'C-PARIS', caseTexts('Paris-Pierre'));
  h.clock.set('2026-03-17T08:00:00Z');
  await h.run();
  ballotB = h.store.votes.openRoundsOf(groupB.id)[0]!;
  await b.users[2]!.press({ action: ACTION.voteOpen, value: ballotB.id });
  await b.users[2]!.submit({ choices: [caseB] });

  await facB.command('checkin open', { in: 'C-PARIS' });
  releasedB = openRoundOf(h, groupB.id);
  for (const u of b.users) await answer(u, releasedB.id, scores(3));
  await facB.command('checkin close', { in: 'C-PARIS' });
  await facB.command('checkin open', { in: 'C-PARIS' });
  openB = openRoundOf(h, groupB.id);

  await facB.command('synthesis', { in: 'C-PARIS' });
  await facB.submit({ themes: 'Thèmes secrets de Paris', learned: 'Appris à Paris seulement' });
  await facB.submit({});
  await facB.command('synthesis', { in: 'C-PARIS' });
  await facB.submit({ themes: 'Thèmes secrets de Paris (brouillon)', learned: 'Appris à Paris seulement' });
  const fb = h.store.people.findByUserRef('memory', 'U-FACB')!;
  const mine = h.store.syntheses.listByAuthor(fb.id);
  synthesisB = mine.find((s) => s.status === 'posted')!.id;
  draftB = mine.find((s) => s.status === 'draft')!.id;
  facB.form = undefined;

  // A session guide running in B (written as the guide writes it: its session is weeks away here).
  guideB = 'guide-of-b';
  const now = h.clock.now();
  const guide: Guide = {
    id: guideB,
    groupId: groupB.id,
    sessionId: sessionB,
    caseId: caseB,
    status: 'running',
    step: 2,
    minutes: [...DEFAULT_GUIDE_MINUTES],
    spentSeconds: [600, 600],
    stepStartedAt: now,
    extraMinutes: 0,
    pausedAt: null,
    pausedMs: 0,
    startedAt: now,
    endedAt: null,
    endedBy: null,
    postId: `guide:${caseB}:${guideB}:post`,
    editId: null,
    edits: 0,
    shown: '',
  };
  h.store.guides.insert({ ...guide, shown: displayKey(guide, now) });

  // Group A has its own round open (A's people act legitimately there).
  await facA.command('checkin open', { in: 'C-LYON' });
  await h.run();
});
afterEach(() => h.close());

describe('a member of group A can read and post nothing of group B', () => {
  it('whatever ids they put in any button, in any command, wherever they send it', async () => {
    const before = snapshotB();
    // Every id of B an attacker could learn or guess, and the shapes buttons carry them in.
    const ids = [
      groupB.id,
      releasedB.id,
      openB.id,
      synthesisB,
      draftB,
      caseB,
      sessionB,
      'C-PARIS',
      `${synthesisB}:${groupB.id}`,
      `${synthesisB}:${groupA.id}`,
      `${caseB}:selected`,
      `${caseB}:presented`,
      `${caseB}:postponed`,
      ...['open', 'close', 'share'].map((op) => `${op}:${groupB.id}`),
      guideB,
      `${guideB}:2`,
      `${guideB}:pause`,
      `${sessionB}:${caseB}`,
      noteB,
      planB,
      `session:${sessionB}`,
      ballotB.id,
      `${groupB.id}:${paulId}`,
      `${groupA.id}:${paulId}`,
    ];
    const where = [undefined, { in: 'C-PARIS' }];
    let attempts = 0;
    for (const user of [alice, facA]) {
      // Every button the core knows (a new one is attacked as soon as it is routed).
      for (const action of Object.keys(ROUTES.actions)) {
        for (const value of ids) {
          for (const place of where) {
            const reply = await user.press({ action, value }, place);
            attempts++;
            expectNothingOfB(reply);
            // Whatever form opened must not be about B.
            user.form = undefined;
          }
        }
      }
      // Every sub-command (and the check-in ones), bare and followed by B's ids, in B's space and in private.
      const words = [
        ...Object.keys(ROUTES.commands),
        'checkin open',
        'checkin close',
        'checkin share',
        'checkin all',
      ];
      for (const word of words) {
        for (const args of ['', ...ids.slice(0, 8)]) {
          for (const place of where) {
            expectNothingOfB(await user.command(`${word} ${args}`.trim(), place));
            attempts++;
            user.form = undefined;
          }
        }
      }
    }
    await h.run();
    console.log(
      `Attack 5 — memory: ${attempts} requests from group A carrying B's ids (${Object.keys(ROUTES.actions).length} actions, ${Object.keys(ROUTES.commands).length} commands): all refused, B unchanged`,
    );
    expect(snapshotB()).toBe(before);
    // And A's people received nothing of B by message either.
    for (const u of [alice, facA])
      for (const m of u.directs) expectNothingOfB({ kind: 'message', message: m });
  });

  it('whatever sealed states they submit: B members’ states, or validly sealed states naming B’s ids', async () => {
    // Real states Paul and B's facilitator hold.
    const held: { formId: string; state: string }[] = [];
    await paul.press({ action: ACTION.checkinOpen, value: openB.id });
    held.push({ formId: FORM.checkin, state: paul.form!.state });
    await paul.command('case', { in: 'C-PARIS' });
    held.push({ formId: FORM.case, state: paul.form!.state });
    await facB.command('synthesis', { in: 'C-PARIS' });
    held.push({ formId: FORM.synthesis, state: facB.form!.state });
    const preview = await facB.submit({ themes: 'Thèmes secrets de Paris', learned: 'x' });
    held.push({ formId: FORM.synthesisPreview, state: (preview as { form: Form }).form.state });
    await facB.command('session', { in: 'C-PARIS' });
    held.push({ formId: FORM.session, state: facB.form!.state });
    await facB.command('setup', { in: 'C-PARIS' });
    held.push({ formId: FORM.setup, state: facB.form!.state });
    await paul.press({ action: ACTION.voteOpen, value: ballotB.id });
    held.push({ formId: FORM.vote, state: paul.form!.state });
    await paul.command('forget-me');
    held.push({ formId: FORM.forgetMe, state: paul.form!.state });
    await paul.command('note');
    held.push({ formId: FORM.note, state: paul.form!.state });
    await paul.press({ action: ACTION.notesKeep, value: '' });
    held.push({ formId: FORM.notesKeep, state: paul.form!.state });
    await paul.press({ action: ACTION.planWrite, value: caseB });
    held.push({ formId: FORM.plan, state: paul.form!.state });
    await paul.press({ action: ACTION.planReport, value: planB });
    held.push({ formId: FORM.planReport, state: paul.form!.state });
    const newestDraft = h.store.syntheses
      .listByAuthor(h.store.people.findByUserRef('memory', 'U-FACB')!.id)
      .find((s) => s.status === 'draft' && s.id !== draftB)!.id;
    const before = snapshotB();

    const values = {
      ...scores(1),
      ...caseTexts('Intrus'),
      kind: 'problem',
      urgency: 'low',
      visibility: 'group',
      charter: 'true',
      themes: 'Intrusion',
      learned: 'Intrusion',
      groups: [groupB.id],
      date: '2026-04-01',
      time: '10:00',
      place: 'Ailleurs',
      name: 'Groupe pris',
      checkinK: '3',
      confirmNames: 'true',
      case: caseB,
      request: 'Intrusion',
      text: 'Intrusion',
      what: 'Intrusion',
      followUpOn: '2026-03-25',
      outcome: 'tried',
      happened: 'Intrusion',
      share: 'group',
      months: '3',
      choices: [caseB],
    } as unknown as Record<string, string>;
    for (const user of [alice, facA]) {
      for (const f of held) {
        const reply = await user.submit({ ...values, confirm: 'true' }, f);
        expect(replyLine(reply)).toBe(
          'This form has expired or is no longer valid: open it again (run the command or press the button again).',
        );
      }
      // Paul's own confirmation, submitted by someone else, erased nobody.
      expect(h.store.people.findByUserRef('memory', 'U-PAUL')).toBeDefined();
      // States a forger could only make with Cairn's secret: the checks behind the seal still hold.
      const seal = (s: object) =>
        createSecrets(SECRET).seal(JSON.stringify({ u: user.userRef, t: h.clock.now().getTime(), s }));
      const forged: { formId: string; state: string }[] = [
        { formId: FORM.checkin, state: seal({ roundId: openB.id }) },
        { formId: FORM.case, state: seal({ groupId: groupB.id }) },
        { formId: FORM.case, state: seal({ groupId: groupB.id, caseId: caseB }) },
        { formId: FORM.case, state: seal({ groupId: groupA.id, caseId: caseB }) },
        { formId: FORM.case, state: seal({ groupId: groupA.id, sessionId: sessionB }) },
        { formId: FORM.synthesis, state: seal({ synthesisId: synthesisB }) },
        { formId: FORM.synthesisPreview, state: seal({ synthesisId: newestDraft, version: 0 }) },
        {
          formId: FORM.synthesisPreview,
          state: seal({ synthesisId: draftB, version: 0, replaces: synthesisB }),
        },
        { formId: FORM.session, state: seal({ groupId: groupB.id }) },
        { formId: FORM.session, state: seal({ groupId: groupB.id, sessionId: sessionB }) },
        { formId: FORM.session, state: seal({ groupId: groupA.id, sessionId: sessionB }) },
        { formId: FORM.setup, state: seal({ space: 'C-PARIS' }) },
        { formId: FORM.guideStart, state: seal({ groupId: groupB.id, sessionId: sessionB }) },
        { formId: FORM.guideStart, state: seal({ groupId: groupA.id, sessionId: sessionB }) },
        { formId: FORM.guideRequest, state: seal({ guideId: guideB }) },
        { formId: FORM.notice, state: seal({}) },
        { formId: FORM.note, state: seal({ groupId: groupB.id, newId: 'forged-note' }) },
        { formId: FORM.plan, state: seal({ caseId: caseB, newId: 'forged-plan' }) },
        { formId: FORM.plan, state: seal({ caseId: caseB, newId: planB }) },
        { formId: FORM.planReport, state: seal({ planId: planB }) },
        { formId: FORM.takeaway, state: seal({ sessionId: sessionB, newId: 'forged-takeaway' }) },
        { formId: FORM.vote, state: seal({ roundId: ballotB.id }) },
      ];
      // Every form the core routes is attacked (a new form fails here until it is added above).
      const attacked = new Set([...held, ...forged].map((f) => f.formId));
      for (const formId of Object.keys(ROUTES.forms)) expect(attacked.has(formId), formId).toBe(true);
      for (const f of forged) {
        const reply = await user.submit(values, f);
        expectNothingOfB(reply);
        expect(['form.done', 'form.errors']).toContain(reply.kind);
      }
    }
    await h.run();
    expect(snapshotB()).toBe(before);
    expect(h.platform.postsIn('C-PARIS').some((m) => messageText(m).includes('Intrusion'))).toBe(false);
  });

  it('A’s facilitator cannot target B with a synthesis, nor see B in the cross-group aggregate', async () => {
    await facA.command('synthesis', { in: 'C-LYON' });
    const groupsField = facA.form!.fields.find((f) => f.id === 'groups') as { options: { value: string }[] };
    expect(groupsField.options.map((o) => o.value)).toEqual([groupA.id]);
    const reply = await facA.submit({ themes: 'T', learned: 'L', groups: [groupA.id, groupB.id] } as never);
    expect(reply).toEqual({ kind: 'form.errors', errors: { groups: 'Choose one of the options offered.' } });
    const all = await facA.command('checkin all');
    expect(replyLine(all)).toBe('No group has a closed check-in with enough answers.');
  });

  it('a facilitator who loses the role before confirming cannot post into that space', async () => {
    // facA also facilitates B for a while, writes for both, then B's facilitator removes them.
    h.platform.addSpace('C-PARIS', ['U-FACB', 'U-PAUL', 'U-PIA', 'U-PIERRE', 'U-PAULA', 'U-FAC']);
    await facB.command('setup', { in: 'C-PARIS' });
    await facB.submit({ facilitators: ['U-FACB', 'U-FAC'] } as never);
    await h.run();
    await facA.command('synthesis', { in: 'C-LYON' });
    await facA.submit({ themes: 'Pour deux groupes', learned: 'L', groups: [groupA.id, groupB.id] } as never);
    expect(facA.form?.id).toBe(FORM.synthesisPreview);
    await facB.command('setup', { in: 'C-PARIS' });
    await facB.submit({ facilitators: ['U-FACB'] } as never);
    await h.run();
    const facAPerson = h.store.people.findByUserRef('memory', 'U-FAC')!;
    expect(h.store.memberships.get(groupB.id, facAPerson.id)?.role).toBe('member');
    const reply = await facA.submit({});
    expect(replyLine(reply)).toBe('Only the group’s facilitator can do this.');
    await h.run();
    expect(h.platform.postsIn('C-PARIS').some((m) => messageText(m).includes('Pour deux groupes'))).toBe(
      false,
    );
    expect(h.platform.postsIn('C-LYON').some((m) => messageText(m).includes('Pour deux groupes'))).toBe(
      false,
    );
  });
});
