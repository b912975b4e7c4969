import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { ballotClosesAt, ballotOpensAt } from '../../src/core/domain/vote.js';
import { createSecrets } from '../../src/host/secrets.js';
import { createHarness, DAY, type Harness, setUpGroup } from '../support/harness.js';
import { caseValues } from '../support/scenario.js';
import { AttackBook, linkLines, logsSince, membersOf, pct, tokensIn } from './support/attack-book.js';
import {
  analyseCopy,
  BALLOT_TABLES,
  type CopyAnalysis,
  diffCopies,
  tallyCellsUnmoved,
} from './support/copy-analysis.js';
import { crossRoundLinks, type RoundTokens, secretHolderGuess } from './support/cross-round.js';
import { testPeople } from './support/people.js';
import { Rng, seededIds, seedFromEnv } from './support/random.js';
import { copyFiles, fastDir, foundAmong } from './support/raw-files.js';
import { type LogLine, leads, type RoundEvidence, STRATEGIES } from './support/strategies.js';
import { TimedMemoryPlatform } from './support/timed-platform.js';

/**
 * Attack 1 on ballots — who voted for what, from copies of the database taken during the vote.
 *
 * 20 members of one group meet every week; before each session three of them propose a case for the whole
 * group, so a ballot opens 3 days before (more cases than the 2 a session takes) and closes the day before
 * at 09:00 with the facilitators' digest: 50 ballots, everyone votes in each, 1,000 ballots. Each member
 * always chooses the same way (the same one or two of the three cases, by position), in an order drawn at
 * random for each round, a random few minutes apart. The attacker gets, when a ballot opens, at a random
 * moment while it is open (after 2 to 18 ballots) and after it closes, copies of the database file, its -wal
 * and -shm files, every log line so far (trace level), every outbox row and the platform's record of every
 * message with its time. The strategies of the check-in attack (support/strategies.ts) each guess who cast
 * each ballot; chance is 1 in 20. Knowing who cast the i-th ballot is what pairing a ballot's choices
 * (the counters' change between two copies) with a person would need.
 *
 * A ballot moves nothing in the file, as a check-in answer: its counters have a fixed width and are
 * overwritten in place, the round's tokens are rewritten in key order (`writeOrderInPages` counts mid-vote
 * copies where either guard fails), and the WAL is truncated after each ballot. Nothing is logged, sent or
 * queued around a ballot (`writesWhileVoting`). The other scheduled work of the group (its reminders, the
 * check-in round after each session, closed at once here) happens outside the ballot's window, so that
 * every instant or row change inside it could only come from the ballots (`instants`, `rows`).
 *
 * The same limits as the check-in's hold: a copy after every ballot shows each ballot's choices (not
 * whose); CAIRN_SECRET during an open ballot tells who has voted so far (the LIMIT line).
 */

const SEED = seedFromEnv(20_260_319);
const SECRET = 'ballot-linkage-secret-that-is-long-enough';
const ROUNDS = 50;
const MEMBERS = 20;
const BAR = 0.067;
const CHANCE = 1 / MEMBERS;
const ZONE = 'Europe/Paris';

/** A member's way of voting among the three cases of a ballot, by position. */
const PROFILES = [[0], [1], [2], [0, 1], [0, 2], [1, 2]];

describe('attack 1 on ballots: linking votes to people from copies of the database', () => {
  let h: Harness;
  afterAll(() => {
    h?.close();
    if (h) rmSync(h.dir, { recursive: true, force: true });
  });

  it('no strategy attributes ballots better than chance, none links a member across ballots', async () => {
    const rng = new Rng(SEED);
    const platform = new TimedMemoryPlatform();
    h = await createHarness({
      start: '2026-01-05T08:00:00Z',
      platform,
      secret: SECRET,
      ids: seededIds(new Rng(SEED + 1)),
      dir: fastDir(),
    });
    platform.now = () => h.clock.now().getTime();
    const secrets = createSecrets(SECRET);
    const people = testPeople(MEMBERS);
    const { space, facilitator, group } = await setUpGroup(h, { language: 'en', members: people });
    // No case-preparation reminders: they would fall inside the ballot's window (2 days before).
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ reminderDays: [] } as never);
    const users = people.map(([ref]) => h.platform.as(ref));
    const profiles = new Map(users.map((u) => [u.userRef, PROFILES[rng.int(0, PROFILES.length - 1)]!]));

    const book = new AttackBook();
    const tokens: RoundTokens[] = [];
    const found = {
      rows: 0,
      lines: 0,
      instants: 0,
      tokensAfterClose: 0,
      writesWhileVoting: 0,
      writeOrderInPages: 0,
    };
    const copy = () => analyseCopy(copyFiles(h.file), BALLOT_TABLES);
    let before = copy();
    let logMark = h.logs.lines.length;
    let sentMark = platform.sentLog.length;
    const outboxRows = () =>
      (h.db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

    for (let r = 0; r < ROUNDS; r++) {
      // A session a week ahead; three members propose a case for it, for the whole group to read.
      const date = new Date(h.clock.now().getTime() + 7 * DAY);
      const isoDay = date.toISOString().slice(0, 10);
      await facilitator.command('session', { in: space });
      await facilitator.submit({ date: isoDay, time: '14:00', place: 'Salle Rhône' });
      const session = h.store.sessions.listUpcoming(group.id, h.clock.now()).at(-1)!;
      for (const [i, author] of rng.shuffle(users).slice(0, 3).entries()) {
        h.clock.advance(rng.int(1, 60) * 60_000);
        await author.command('case');
        await author.submit(caseValues({ title: `Round ${r} case ${i}: how can I…?`, visibility: 'group' }));
      }
      await h.run();

      // The ballot opens 3 days before at 09:00.
      h.clock.set(ballotOpensAt(session.startsAt, ZONE));
      await h.run();
      const round = h.store.votes.openRoundsOf(group.id)[0];
      expect(round?.sessionId).toBe(session.id);
      const ballot = h.store.votes.ballotCases(round!.id);
      const byPosition = h.db.sqlite
        .prepare(`SELECT id FROM cases WHERE id IN (${ballot.map(() => '?').join(',')}) ORDER BY created_at`)
        .all(...ballot)
        .map((c) => (c as { id: string }).id);
      const opened = copy();

      const order = rng.shuffle(users);
      const m = rng.int(2, 18);
      const quiet = {
        logs: h.logs.lines.length,
        deliveries: h.platform.deliveries.length,
        outbox: outboxRows(),
      };
      let mid: { copy: CopyAnalysis; at: number; logs: LogLine[]; sent: typeof platform.sentLog } | undefined;
      for (const [i, user] of order.entries()) {
        h.clock.advance(rng.int(1, 9) * 60_000 + rng.int(0, 59_999));
        await castBallot(
          user,
          round!.id,
          profiles.get(user.userRef)!.map((p) => byPosition[p]!),
        );
        if (i === m - 1) {
          mid = {
            copy: copy(),
            at: h.clock.now().getTime(),
            logs: logsSince(h.logs, logMark),
            sent: platform.sentLog.slice(sentMark),
          };
          logMark = h.logs.lines.length;
          sentMark = platform.sentLog.length;
        }
      }
      // Voting wrote no log line, sent nothing and queued nothing.
      if (
        h.logs.lines.length !== quiet.logs ||
        h.platform.deliveries.length !== quiet.deliveries ||
        outboxRows() !== quiet.outbox
      )
        found.writesWhileVoting++;

      // The day before at 09:00 it closes, with the digest.
      h.clock.set(ballotClosesAt(session.startsAt, ZONE));
      await h.run();
      const closeFiles = copyFiles(h.file);
      const close = analyseCopy(closeFiles, BALLOT_TABLES);
      const closed = h.store.votes.getRound(round!.id)!;
      expect(closed).toMatchObject({ status: 'closed', voters: MEMBERS, released: true });
      const truth = order.map((u) => u.userRef);
      const roundTokens = new Map(
        users.map((u) => [secrets.ballotTokens(round!.id, u.userRef)[0], u.userRef]),
      );
      found.tokensAfterClose += foundAmong(Buffer.concat([closeFiles.db, closeFiles.wal, closeFiles.shm]), [
        ...roundTokens.keys(),
      ]).length;

      const evidence: RoundEvidence = {
        roundId: round!.id,
        openedAt: round!.openedAt.getTime(),
        closedAt: closed.closedAt!.getTime(),
        members: membersOf(mid!.copy, group.id),
        slots: MEMBERS,
        // What the attacker reads in the mid-vote copy: the tokens there, one per ballot so far.
        m: mid!.copy.participation.filter((p) => p.round_id === round!.id).length,
        midAt: mid!.at,
        before,
        mid: mid!.copy,
        close,
        changes: { a: diffCopies(before, mid!.copy), b: diffCopies(mid!.copy, close) },
        logs: { a: mid!.logs, b: logsSince(h.logs, logMark) },
        sent: { a: mid!.sent, b: platform.sentLog.slice(sentMark) },
      };
      expect(evidence.m).toBe(m);
      expect(evidence.members.map((p) => p.userRef).sort()).toEqual(truth.slice().sort());
      for (const s of STRATEGIES) book.record(s.name, s.guess(evidence), truth);
      book.record('LIMIT: holder of CAIRN_SECRET', secretHolderGuess(evidence, roundTokens), truth);
      const l = leads(evidence);
      found.rows += l.rows.length;
      found.lines += l.lines.length;
      found.instants += l.instants;
      // The ballot's tables have no rowid, in SQL and in the file (their roots are index b-trees).
      for (const c of [mid!.copy, close]) {
        expect(c.withoutRowid).toEqual(
          expect.arrayContaining(['case_vote_participation', 'case_vote_tally']),
        );
        expect(c.rowidTables).not.toContain('case_vote_participation');
        expect(c.rowidTables).not.toContain('case_vote_tally');
        for (const kind of Object.values(c.checkinRootKinds)) expect(kind).toMatch(/index$/);
      }
      if (!mid!.copy.tokensInKeyOrder) found.writeOrderInPages++;
      if (!tallyCellsUnmoved(opened, mid!.copy, round!.id)) found.writeOrderInPages++;
      tokens.push({ roundId: round!.id, ...tokensIn(mid!.copy, round!.id), truth: roundTokens });

      // The session is held; the check-in round that opens the next day is closed at once, so that it
      // does not close inside the next ballot's window.
      h.clock.set(new Date(session.startsAt.getTime() + DAY));
      await h.run();
      h.clock.advance(rng.int(60, 120) * 60_000);
      await facilitator.command('checkin close', { in: space });
      await h.run();
      before = copy();
      logMark = h.logs.lines.length;
      sentMark = platform.sentLog.length;
    }

    const links = crossRoundLinks(tokens);
    const ballots = ROUNDS * MEMBERS;
    const lines = [
      `Attack 1 on ballots — linkage from database copies (seed ${SEED}): ${ROUNDS} ballots, ${MEMBERS} members, ${ballots} votes, ${ROUNDS * 3} copies; chance ${pct(CHANCE)}, bar ${pct(BAR)}`,
      ...book.lines(),
      'Cross-ballot linkage (precision of the links each strategy claims; chance 5.0%):',
      ...linkLines(links),
      `Leads: person-naming rows changed inside a ballot ${found.rows}; log lines naming a member ${found.lines}; instants inside a ballot ${found.instants}; tokens left after close ${found.tokensAfterClose}; ballots where voting wrote a log line, a message or an outbox row ${found.writesWhileVoting}; mid-vote copies whose pages keep an order of writing ${found.writeOrderInPages}`,
    ];
    console.log(lines.join('\n'));

    expect(book.scores.get(STRATEGIES[0]!.name)?.total).toBe(ballots);
    for (const s of STRATEGIES) expect(book.accuracy(s.name), s.name).toBeLessThanOrEqual(BAR);
    for (const l of links) {
      if (l.name.startsWith('same token')) expect(l.claims, l.name).toBe(0);
      else expect(l.claims ? l.correct / l.claims : 0, l.name).toBeLessThanOrEqual(BAR);
    }
    expect(found).toEqual({
      rows: 0,
      lines: 0,
      instants: 0,
      tokensAfterClose: 0,
      writesWhileVoting: 0,
      writeOrderInPages: 0,
    });
  }, 240_000);
});

/** The ballot's button, then its form with these choices. */
async function castBallot(user: MemoryUser, roundId: string, choices: string[]) {
  const opened = await user.press({ action: ACTION.voteOpen, value: roundId });
  expect(opened.kind).toBe('form');
  const done = await user.submit({ choices });
  expect(done.kind).toBe('form.done');
}
