import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../adapters/memory/platform.js';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { createSecrets } from '../../src/host/secrets.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { proposeCase, replyText, shown } from '../support/scenario.js';
import { ballotCounts, ballotsOf, ballotTokens, caseIds, openBallotOf, vote } from '../support/votes.js';

let h: Harness;
afterEach(() => h?.close());

const ALICE = 'How can I say no to my own manager?';
const BRUNO = 'How can I welcome a new deputy?';
const CHLOE = 'How can I keep up the pace of the night shift?';
const DAVID = 'How can I tell my team about the site closing?';

const bars = (m: Message) => m.blocks.filter((b) => b.type === 'bars');
const outboxRows = () => (h.db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

/** A group of five members, a session on Thursday 12 March at 14:00, and four cases (one for the facilitator only). */
async function groupWithCases(language: 'en' | 'fr' = 'en') {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const g = await setUpGroup(h, { language });
  await scheduleSession(g.facilitator, g.space, '2026-03-12', '14:00');
  const [alice, bruno, chloe, david, emma] = g.users as [
    (typeof g.users)[0],
    (typeof g.users)[0],
    (typeof g.users)[0],
    (typeof g.users)[0],
    (typeof g.users)[0],
  ];
  await proposeCase(alice, {
    title: ALICE,
    visibility: 'group',
    urgency: 'medium',
    situation: 'My manager keeps adding projects to a team that is already at full stretch, every Monday.',
  });
  h.clock.advance(60_000);
  await proposeCase(bruno, { title: BRUNO, visibility: 'group', urgency: 'low' });
  h.clock.advance(60_000);
  await proposeCase(chloe, { title: CHLOE, visibility: 'group', urgency: 'medium' });
  h.clock.advance(60_000);
  await proposeCase(david, { title: DAVID, visibility: 'facilitator', urgency: 'high' });
  await h.run();
  return { ...g, alice, bruno, chloe, david, emma, ids: caseIds(h, g.group.id) };
}

describe('the group’s vote on proposed cases', () => {
  it('opens 3 days before at 09:00, counts anonymous ballots, refuses bad ones, closes with the digest (English)', async () => {
    const g = await groupWithCases('en');
    const { facilitator, users, alice, bruno, chloe, emma, ids } = g;

    // 3 days before the session at 09:00 Paris (08:00Z): not a minute before.
    await h.advanceTo('2026-03-09T07:00:00Z');
    expect(h.store.votes.listOpen()).toHaveLength(0);
    await h.advanceTo('2026-03-09T08:00:00Z');
    const round = openBallotOf(h, g.group.id);
    expect(round.maxChoices).toBe(2);
    expect(round.hiddenCases).toBe(1);
    expect(round.closesAt.toISOString()).toBe('2026-03-11T08:00:00.000Z');
    // One counter per case the group may read; the facilitator-only case is not on the ballot.
    expect(ballotCounts(h, round.id)).toEqual({ [ids[ALICE]!]: 0, [ids[BRUNO]!]: 0, [ids[CHLOE]!]: 0 });

    // Every member got the same ballot; the facilitator none.
    const ballots = users.map((u) => ballotsOf(u));
    for (const b of ballots) expect(b).toHaveLength(1);
    const first = ballots[0]![0]!;
    for (const b of ballots) {
      expect(messageText(b[0]!)).toBe(messageText(first));
      expect(buttonsOf(b[0]!)).toEqual(buttonsOf(first));
    }
    expect(ballotsOf(facilitator)).toHaveLength(0);
    const text = shown(first);
    expect(text).toContain('4 cases are proposed for the session of Thursday 12 March 2026 at 14:00');
    expect(text).toContain('which has room for 2. Choose up to 2');
    for (const title of [ALICE, BRUNO, CHLOE]) expect(text).toContain(title);
    expect(text).toContain('A problem · In the coming weeks — My manager keeps adding projects');
    expect(text).toContain('And 1 more case that only the facilitator can read: they will weigh it too.');
    expect(text).not.toContain(DAVID);
    expect(text).toContain(
      'nobody, neither the facilitator nor whoever runs the service, can tell who voted',
    );
    expect(buttonsOf(first).map((b) => [b.action, b.value])).toEqual([[ACTION.voteOpen, round.id]]);

    // Alice votes for her own case and Bruno's: nothing is sent, queued or logged around it.
    const deliveries = h.platform.deliveries.length;
    const outbox = outboxRows();
    const logLines = h.logs.lines.length;
    const a = await vote(alice, round.id, [ids[ALICE]!, ids[BRUNO]!]);
    expect(a.opened.kind).toBe('form');
    expect(a.submitted?.kind).toBe('form.done');
    expect(replyText(a.submitted)).toContain('Your vote is counted, without your name');
    expect(h.logs.lines.slice(logLines)).toEqual([]);
    await h.run();
    expect(h.platform.deliveries).toHaveLength(deliveries);
    expect(outboxRows()).toBe(outbox);
    expect(ballotCounts(h, round.id)).toEqual({ [ids[ALICE]!]: 1, [ids[BRUNO]!]: 1, [ids[CHLOE]!]: 0 });
    expect(ballotTokens(h, round.id)).toBe(1);
    // The token is Alice's HMAC under the ballot's own key: not her check-in token for the same id.
    const secrets = createSecrets('test-secret-that-is-long-enough-for-cairn');
    const stored = h.db.sqlite.prepare('SELECT token FROM case_vote_participation').pluck().all();
    expect(stored).toEqual([secrets.ballotTokens(round.id, alice.userRef)[0]]);
    expect(secrets.participationToken(round.id, alice.userRef)).not.toBe(stored[0]);
    expect(JSON.stringify(h.db.sqlite.prepare('SELECT * FROM case_vote_participation').all())).not.toContain(
      alice.userRef,
    );

    // Bad input: too many choices, a case not on the ballot: a clear message under the field, nothing counted.
    await bruno.press({ action: ACTION.voteOpen, value: round.id });
    const form = bruno.form!;
    expect(form.fields.map((f) => f.id)).toEqual(['choices']);
    const options = form.fields[0]!.kind === 'multiselect' ? form.fields[0]!.options : [];
    expect(options.map((o) => o.label)).toEqual([ALICE, BRUNO, CHLOE]);
    const tooMany = await bruno.submit({ choices: [ids[ALICE]!, ids[BRUNO]!, ids[CHLOE]!] });
    expect(tooMany).toEqual({
      kind: 'form.errors',
      errors: { choices: 'Choose at most 2 cases: nothing was counted.' },
    });
    const hidden = await bruno.submit({ choices: [ids[DAVID]!] });
    expect(hidden.kind === 'form.errors' && hidden.errors.choices).toBe(
      'This case is not part of this vote: nothing was counted.',
    );
    const none = await bruno.submit({ choices: [] });
    expect(none.kind).toBe('form.errors');
    expect(ballotCounts(h, round.id)[ids[DAVID]!]).toBeUndefined();
    expect(ballotTokens(h, round.id)).toBe(1);
    await bruno.submit({ choices: [ids[CHLOE]!] });
    expect(ballotTokens(h, round.id)).toBe(2);

    // A second ballot: refused at the button and from a form kept open, counted once.
    expect(replyText(await alice.press({ action: ACTION.voteOpen, value: round.id }))).toContain(
      'You have already voted: nothing was counted twice.',
    );
    await chloe.press({ action: ACTION.voteOpen, value: round.id });
    const kept = chloe.form!;
    await chloe.submit({ choices: [ids[CHLOE]!, ids[ALICE]!] });
    chloe.form = kept;
    const twice = await chloe.submit({ choices: [ids[BRUNO]!] });
    expect(replyText(twice)).toContain('You have already voted');
    expect(ballotCounts(h, round.id)).toEqual({ [ids[ALICE]!]: 2, [ids[BRUNO]!]: 1, [ids[CHLOE]!]: 2 });

    // While the vote is open nobody sees a count, not even the facilitator; the home says it is open.
    await facilitator.command('cases');
    const queue = replyText(facilitator.lastReply);
    expect(queue).toContain('The group’s vote is open until Wednesday 11 March 2026 at 09:00.');
    expect(queue).toContain('Vote: vote open');
    expect(queue).not.toMatch(/\d+ votes?\b/);
    const home = messageText(
      h.core.home({ platform: 'memory', userRef: emma.userRef, displayName: '', workspace: 'W1' }),
    );
    expect(home).toContain('A vote on the proposed cases is open until Wednesday 11 March 2026 at 09:00.');
    expect(home).toContain('[Vote]');

    // The day before at 09:00: the vote closes with the digest, tokens are gone, the counts go to facilitators.
    await h.advanceTo('2026-03-11T07:00:00Z');
    expect(h.store.votes.getRound(round.id)?.status).toBe('open');
    await h.advanceTo('2026-03-11T08:00:00Z');
    const closed = h.store.votes.getRound(round.id)!;
    expect(closed.status).toBe('closed');
    expect(closed.voters).toBe(3);
    expect(closed.released).toBe(true);
    expect(ballotTokens(h)).toBe(0);
    const digest = facilitator.directs.find((m) => m.fallbackText.startsWith('Tomorrow’s session'))!;
    const result = bars(digest)[0];
    expect(result?.type === 'bars' && result.rows.map((r) => [r.label, r.count])).toEqual([
      [ALICE, 2],
      [CHLOE, 2],
      [BRUNO, 1],
    ]);
    expect(result?.type === 'bars' && result.summary).toBe(
      '3 people voted; each could choose several cases.',
    );
    // Suggested order: urgent first (David's, off the ballot), then the vote, then the rotation.
    const digestText = shown(digest);
    expect(digestText).toContain('Suggested order: urgent first, then the group’s vote');
    const order = [DAVID, ALICE, CHLOE, BRUNO].map((t) =>
      digestText.indexOf(t, digestText.indexOf('Suggested order')),
    );
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(digestText).toContain('Vote: not on the ballot · first time');
    expect(digestText).toContain('Vote: 2 votes · first time');
    // Members get no result.
    for (const u of users) expect(u.directs.some((m) => bars(m).length > 0)).toBe(false);
    expect(h.platform.postsIn(g.space).some((m) => /vote/i.test(messageText(m)))).toBe(false);

    // /cairn cases shows the vote beside each case.
    await facilitator.command('cases');
    const after = replyText(facilitator.lastReply);
    expect(after).toContain('Vote: 2 votes');
    expect(after).toContain('Vote: 1 vote ·');

    // A member of another group can neither open nor send this ballot.
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      language: 'en',
      facilitator: ['U-FAC-P', 'Paul Animateur'],
      members: [['U-ZOE', 'Zoé Blanc']],
    });
    const zoe = paris.users[0]!;
    expect(replyText(await zoe.press({ action: ACTION.voteOpen, value: round.id }))).toContain(
      'No vote of your group matches: nothing was counted.',
    );
    const forged = await zoe.submit({ choices: [ids[BRUNO]!] }, { formId: 'vote', state: kept.state });
    expect(replyText(forged)).toContain('This form has expired or is no longer valid');

    // A ballot after the close: refused, nothing counted.
    const late = await vote(emma, round.id, [ids[BRUNO]!]);
    expect(replyText(late.opened)).toContain('This vote is closed: your choice was not counted.');
    expect(ballotCounts(h, round.id)[ids[BRUNO]!]).toBe(1);

    // The facilitator still decides: members then see which case was retained, never the counts.
    await facilitator.press({ action: ACTION.caseMark, value: `${ids[CHLOE]!}:selected` });
    await emma.command('cases');
    const memberView = replyText(emma.lastReply);
    expect(memberView).toContain(`${CHLOE} (A problem, In the coming weeks) — retained for the session`);
    expect(memberView).not.toMatch(/\bvotes?\b/);
  });

  it('a ballot waiting out a platform failure leaves without a case withdrawn or edited since (issue 16)', async () => {
    const g = await groupWithCases('en');
    const { alice, bruno, users, ids } = g;
    // The platform is down when the ballots open: all five wait in the outbox.
    h.platform.failNext(...Array.from({ length: 50 }, () => new DeliveryError('transient', 'unavailable')));
    await h.advanceTo('2026-03-09T08:00:00Z');
    openBallotOf(h, g.group.id);
    for (const u of users) expect(ballotsOf(u)).toHaveLength(0);

    await alice.press({ action: ACTION.caseWithdraw, value: ids[ALICE]! });
    const edited = await bruno.press({ action: ACTION.caseEdit, value: ids[BRUNO]! });
    expect(edited.kind).toBe('form');
    await bruno.submit({ title: 'How can I welcome a deputy who wanted my job?' });
    h.platform.stopFailing();
    h.clock.advance(10 * 60_000);
    await h.run();

    for (const u of users) {
      const ballots = ballotsOf(u);
      expect(ballots).toHaveLength(1);
      const text = shown(ballots[0]!);
      expect(text).not.toContain(ALICE);
      expect(text).not.toContain(BRUNO);
      expect(text).toContain('How can I welcome a deputy who wanted my job?');
      expect(text).toContain(CHLOE);
    }
  });

  it('every case of the ballot withdrawn since it opened: "Vote" says so, no empty form, nothing counted', async () => {
    const g = await groupWithCases('en');
    const { alice, bruno, chloe, emma, ids } = g;
    await h.advanceTo('2026-03-09T08:00:00Z');
    const round = openBallotOf(h, g.group.id);
    for (const [u, title] of [
      [alice, ALICE],
      [bruno, BRUNO],
      [chloe, CHLOE],
    ] as const)
      await u.press({ action: ACTION.caseWithdraw, value: ids[title]! });
    const opened = await emma.press({ action: ACTION.voteOpen, value: round.id });
    expect(opened.kind).toBe('message');
    expect(emma.form).toBeUndefined();
    expect(replyText(opened)).toBe(
      'No case is left on this ballot: their authors withdrew them or kept them for the facilitator. Nothing to vote on.',
    );
    expect(ballotTokens(h, round.id)).toBe(0);
    // In French too.
    await emma.command('language fr');
    const fr = await emma.press({ action: ACTION.voteOpen, value: round.id });
    expect(replyText(fr)).toBe(
      'Plus aucun cas sur ce bulletin : leurs auteur·es les ont retirés ou réservés à l’animateur·rice. Rien à voter.',
    );
  });

  it('fewer than 3 voters: the facilitator sees "too few votes" and no count is kept', async () => {
    const g = await groupWithCases('en');
    await h.advanceTo('2026-03-09T08:00:00Z');
    const round = openBallotOf(h, g.group.id);
    await vote(g.alice, round.id, [g.ids[ALICE]!]);
    await vote(g.bruno, round.id, [g.ids[ALICE]!, g.ids[CHLOE]!]);
    await h.advanceTo('2026-03-11T08:00:00Z');
    const closed = h.store.votes.getRound(round.id)!;
    expect(closed).toMatchObject({ status: 'closed', voters: null, released: false });
    expect(Object.values(ballotCounts(h, round.id))).toEqual([0, 0, 0]);
    expect(ballotTokens(h)).toBe(0);
    const digest = g.facilitator.directs.find((m) => m.fallbackText.startsWith('Tomorrow’s session'))!;
    expect(bars(digest)).toEqual([]);
    const text = shown(digest);
    expect(text).toContain('The group’s vote: too few votes (fewer than 3 people voted), no count is shown.');
    expect(text).not.toMatch(/\d+ votes?\b/);
    await g.facilitator.command('cases');
    expect(replyText(g.facilitator.lastReply)).toContain('Vote: too few votes');
  });

  it('a case that was never on the ballot says so beside it, while the vote is open and after too few votes', async () => {
    const g = await groupWithCases('en');
    /** The facts line the facilitator's queue shows under a case's title. */
    const factsOf = (text: string, title: string) => {
      const lines = text.split('\n');
      return lines[lines.findIndex((l) => l.includes(title)) + 1];
    };
    await h.advanceTo('2026-03-09T08:00:00Z');
    const round = openBallotOf(h, g.group.id);
    await g.facilitator.command('cases');
    let queue = replyText(g.facilitator.lastReply);
    // David's case is for the facilitator only: the group is not voting on it.
    expect(factsOf(queue, DAVID)).toBe('Vote: not on the ballot · first time');
    expect(factsOf(queue, ALICE)).toBe('Vote: vote open · first time');
    await vote(g.alice, round.id, [g.ids[ALICE]!]);
    await h.advanceTo('2026-03-11T08:00:00Z');
    await g.facilitator.command('cases');
    queue = replyText(g.facilitator.lastReply);
    expect(factsOf(queue, DAVID)).toBe('Vote: not on the ballot · first time');
    expect(factsOf(queue, ALICE)).toBe('Vote: too few votes · first time');
    const digest = shown(g.facilitator.directs.find((m) => m.fallbackText.startsWith('Tomorrow’s session'))!);
    expect(digest).toContain('Vote: not on the ballot · first time');
  });

  it('a case the facilitator postponed from the only session scheduled is not put to the vote for that session', async () => {
    const g = await groupWithCases('en');
    // No session follows Thursday's: Bruno's case waits for one to be scheduled.
    await g.facilitator.press({ action: ACTION.caseMark, value: `${g.ids[BRUNO]!}:postponed` });
    expect(h.store.cases.get(g.ids[BRUNO]!)).toMatchObject({ status: 'postponed', sessionId: null });
    await h.advanceTo('2026-03-09T08:00:00Z');
    const round = openBallotOf(h, g.group.id);
    expect(Object.keys(ballotCounts(h, round.id)).sort()).toEqual([g.ids[ALICE]!, g.ids[CHLOE]!].sort());
    const ballot = shown(ballotsOf(g.emma)[0]!);
    expect(ballot).toContain('3 cases are proposed for the session of Thursday 12 March 2026 at 14:00');
    expect(ballot).not.toContain(BRUNO);
  });

  it('no ballot when the cases fit the session, or when the group does not vote', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const g = await setUpGroup(h, { language: 'en' });
    await scheduleSession(g.facilitator, g.space, '2026-03-12', '14:00');
    await proposeCase(g.users[0]!, { title: ALICE, visibility: 'group' });
    await proposeCase(g.users[1]!, { title: BRUNO, visibility: 'group' });
    await h.advanceTo('2026-03-09T09:00:00Z');
    // Two cases for a session that takes two: nothing to vote on.
    expect(h.store.votes.listOpen()).toHaveLength(0);
    expect(
      h.store.occurrences.has(
        `ballot-open:${h.store.sessions.listUpcoming(g.group.id, h.clock.now())[0]!.id}:2026-03-12`,
      ),
    ).toBe(true);

    // The facilitator turns the vote off; three cases for the next session still open no ballot.
    await scheduleSession(g.facilitator, g.space, '2026-03-26', '14:00');
    await g.facilitator.command('setup', { in: g.space });
    await g.facilitator.submit({ voteWhenMore: '' });
    expect(h.store.caseChoice.settingsOf(g.group.id).voteWhenMore).toBe(false);
    await h.advanceTo('2026-03-13T09:00:00Z');
    for (const t of ['One?', 'Two?', 'Three?'])
      await proposeCase(g.users[2]!, { title: t, visibility: 'group' });
    await h.advanceTo('2026-03-24T09:00:00Z');
    expect(h.store.votes.listOpen()).toHaveLength(0);
    for (const u of g.users) expect(ballotsOf(u)).toHaveLength(0);
  });

  it('speaks French: the ballot, the form, the thanks and the digest (French)', async () => {
    const g = await groupWithCases('fr');
    await h.advanceTo('2026-03-09T08:00:00Z');
    const round = openBallotOf(h, g.group.id);
    const ballot = shown(ballotsOf(g.emma)[0]);
    expect(ballot).toContain('Quels cas pour la prochaine séance ? — Groupe Lyon');
    expect(ballot).toContain(
      '4 cas sont proposés pour la séance du jeudi 12 mars 2026 à 14:00, qui en accueille 2.',
    );
    expect(ballot).toContain(
      'Et 1 autre cas, que seul·e l’animateur·rice peut lire : il ou elle le pèsera aussi.',
    );
    expect(ballot).toContain('Un problème · Dans les prochaines semaines — My manager keeps adding projects');
    await g.emma.press({ action: ACTION.voteOpen, value: round.id });
    expect(g.emma.form?.title).toBe('Vote anonyme');
    const tooMany = await g.emma.submit({ choices: [g.ids[ALICE]!, g.ids[BRUNO]!, g.ids[CHLOE]!] });
    expect(tooMany.kind === 'form.errors' && tooMany.errors.choices).toBe(
      'Choisissez au plus 2 cas : rien n’a été compté.',
    );
    const done = await g.emma.submit({ choices: [g.ids[BRUNO]!] });
    expect(replyText(done)).toContain('Votre vote est compté, sans votre nom.');
    for (const u of [g.alice, g.bruno]) await vote(u, round.id, [g.ids[BRUNO]!, g.ids[ALICE]!]);
    await h.advanceTo('2026-03-11T08:00:00Z');
    const digest = g.facilitator.directs.find((m) => m.fallbackText.startsWith('Séance de demain'))!;
    const result = bars(digest)[0];
    expect(result?.type === 'bars' && [result.title, result.summary]).toEqual([
      'Le vote du groupe',
      '3 personnes ont voté ; chacune pouvait choisir plusieurs cas.',
    ]);
    expect(shown(digest)).toContain('Vote : 3 voix · première fois');
    expect(shown(digest)).toContain('Vote : hors vote · première fois');
  });
});
