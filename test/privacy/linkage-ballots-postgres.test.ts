import { afterAll, describe, expect, inject, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { TALLY_BASE } from '../../db/repositories/checkins.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { ballotClosesAt, ballotOpensAt } from '../../src/core/domain/vote.js';
import { createSecrets } from '../../src/host/secrets.js';
import { createHarness, DAY, type Harness, setUpGroup } from '../support/harness.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { caseValues } from '../support/scenario.js';
import { AttackBook, pct } from './support/attack-book.js';
import { testPeople } from './support/people.js';
import { ctidOrder, logicalCopy, type PgRow, physicalFiles } from './support/pg-copy.js';
import { heapTuples, tableFile } from './support/pg-heap.js';
import { Rng, seededIds, seedFromEnv } from './support/random.js';
import { foundAmong } from './support/raw-files.js';

/**
 * Attack 1 on ballots, on PostgreSQL — who voted for what, from logical copies (pg_dump, or SQL with full
 * read rights, system columns included). The world of linkage-ballots.test.ts: 20 members, a session a
 * week, three cases proposed for each, a ballot opening 3 days before and closing the day before at 09:00;
 * 50 ballots, everyone votes in each in a random order, always choosing the same way (by position): 1,000
 * ballots. The attacker gets a copy of every table with each row's xmin, xmax and ctid in the middle of each
 * vote (after 2 to 18 ballots), after its last ballot and after it closes. The strategies guess who cast
 * the i-th ballot (what pairing a ballot's choices, the counters' change between two copies, with a person
 * would need); chance is 1 in 20. Who also holds CAIRN_SECRET knows whose each token is, hence who has
 * voted so far: that limit is measured against what that set alone gives.
 *
 * What must hold (db/pg/repositories/votes.ts): every live row of a round carries the same xmin (the last
 * ballot's), that transaction wrote nothing else, the tokens lie in key order, and after close the kept
 * counters no longer carry the last ballot's xmin, and no token is left in the copy or in the planner's
 * statistics (pg_stats, analysed mid-vote here as autovacuum may). Voting logs, sends and queues nothing.
 *
 * The physical files are measured too, and printed: the table file mid-vote (after a CHECKPOINT, as a file
 * copy or a backup would be), where dead row versions still carry each ballot's transaction id until
 * vacuum — how many ballots' tokens and choices they pair; and the table files and WAL after close.
 */

const SEED = seedFromEnv(20_260_321);
const SECRET = 'ballot-linkage-pg-secret-that-is-long-enough';
const ROUNDS = Number(process.env.CAIRN_PG_BALLOT_ROUNDS ?? 50);
const MEMBERS = 20;
const BAR = 0.067;
const ZONE = 'Europe/Paris';
const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';
/** Who knows the set of the first m voters (and nothing of their order): 2 slots in 20 on average. */
const SET_ONLY = 2 / MEMBERS;
/** A member's way of voting among the three cases of a ballot, by position. */
const PROFILES = [[0], [1], [2], [0, 1], [0, 2], [1, 2]];
const BALLOT_TABLES = ['case_vote_participation', 'case_vote_tally'];

const roundRows = (copy: Record<string, PgRow[]>, roundId: string) =>
  BALLOT_TABLES.flatMap((t) => (copy[t] ?? []).filter((r) => r.round_id === roundId));

describe.skipIf(!postgresAdminUrl() && !required)('attack 1 on ballots on PostgreSQL: logical copies', () => {
  let h: Harness | undefined;
  let reader: PgHandle | undefined;
  afterAll(() => {
    h?.close();
    reader?.close();
  });

  it('no strategy attributes ballots better than chance; a ballot leaves one xmin and key order', async () => {
    const rng = new Rng(SEED);
    const url = createTestDatabase('cairn_ballot_linkage');
    h = await createHarness({
      start: '2026-01-05T08:00:00Z',
      secret: SECRET,
      ids: seededIds(new Rng(SEED + 1)),
      databaseUrl: url,
    });
    reader = openPgStore({ url, poolSize: 1, migrate: false });
    const secrets = createSecrets(SECRET);
    const people = testPeople(MEMBERS);
    const { space, facilitator, group } = await setUpGroup(h, { language: 'en', members: people });
    // No case-preparation reminders: they would fall inside the ballot's window (2 days before).
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ reminderDays: [] } as never);
    const users = people.map(([ref]) => h!.platform.as(ref));
    const profiles = new Map(users.map((u) => [u.userRef, PROFILES[rng.int(0, PROFILES.length - 1)]!]));
    const databaseOid = reader.query<{ oid: string }>(
      'select oid::text from pg_database where datname = current_database()',
    ).rows[0]!.oid;
    const dataDir = inject('postgresDataDir');
    const outboxRows = () => Number(h!.query('SELECT count(*) AS n FROM outbox')[0]!.n);

    const book = new AttackBook();
    const limits = new AttackBook();
    const found = {
      xmins: 0,
      xmaxs: 0,
      sharedXmin: 0,
      ctidOutOfKeyOrder: 0,
      lastBallotXminAfterClose: 0,
      tokensAfterClose: 0,
      writesWhileVoting: 0,
    };
    const physical = {
      copies: 0,
      ballots: 0,
      claimed: 0,
      paired: 0,
      rounds: 0,
      tokens: 0,
      inTables: 0,
      inWal: 0,
    };
    const byId = users.map((u) => u.userRef).sort();
    const fill = (guess: string[]) => [...guess, ...byId.filter((u) => !guess.includes(u))];

    for (let r = 0; r < ROUNDS; r++) {
      // A session a week ahead; three members propose a case for it, for the whole group to read.
      const isoDay = new Date(h.clock.now().getTime() + 7 * DAY).toISOString().slice(0, 10);
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
      const round = h.store.votes.openRoundsOf(group.id)[0]!;
      expect(round.sessionId).toBe(session.id);
      const ballot = h.store.votes.ballotCases(round.id);
      const byPosition = h
        .query(
          `SELECT id FROM cases WHERE id IN (${ballot.map(() => '?').join(',')}) ORDER BY created_at`,
          ...ballot,
        )
        .map((c) => String(c.id));
      const tokenOf = new Map(users.map((u) => [secrets.ballotTokens(round.id, u.userRef)[0]!, u.userRef]));
      const choicesOf = (ref: string) => profiles.get(ref)!.map((p) => byPosition[p]!);

      const order = rng.shuffle(users);
      const truth = order.map((u) => u.userRef);
      const m = rng.int(2, 18);
      const quiet = {
        logs: h.logs.lines.length,
        deliveries: h.platform.deliveries.length,
        outbox: outboxRows(),
      };
      let mid: Record<string, PgRow[]> | undefined;
      for (const [i, user] of order.entries()) {
        h.clock.advance(rng.int(1, 9) * 60_000 + rng.int(0, 59_999));
        await castBallot(user, round.id, choicesOf(user.userRef));
        if (i === m - 1) {
          mid = logicalCopy(reader);
          // Statistics taken now, as autovacuum may take them at any moment (searched after close).
          reader.query('analyze');
          // The table files as a copy of the data directory would hold them: flushed first.
          if (r % 5 === 0) {
            reader.query('checkpoint');
            const claims = pairFromFiles(reader, dataDir, round.id, round.maxChoices);
            physical.copies++;
            physical.ballots += m;
            physical.claimed += claims.length;
            physical.paired += claims.filter((c) => {
              const who = tokenOf.get(c.token);
              return who && c.choices.join() === choicesOf(who).sort().join();
            }).length;
          }
        }
      }
      const last = logicalCopy(reader);
      if (
        h.logs.lines.length !== quiet.logs ||
        h.platform.deliveries.length !== quiet.deliveries ||
        outboxRows() !== quiet.outbox
      )
        found.writesWhileVoting++;

      // What the ballots' transactions leave in the copies taken mid-vote and after the last ballot.
      for (const copy of [mid!, last]) {
        const rows = roundRows(copy, round.id);
        const xmins = new Set(rows.map((row) => row.__xmin));
        if (xmins.size !== 1) found.xmins++;
        if (rows.some((row) => row.__xmax !== '0')) found.xmaxs++;
        const [xmin] = xmins;
        for (const [table, tableRows] of Object.entries(copy))
          for (const row of tableRows)
            if (!(BALLOT_TABLES.includes(table) && row.round_id === round.id) && row.__xmin === xmin)
              found.sharedXmin++;
        const placed = (copy.case_vote_participation ?? [])
          .filter((row) => row.round_id === round.id)
          .sort(ctidOrder)
          .map((row) => String(row.token));
        if (placed.join() !== [...placed].sort().join()) found.ctidOutOfKeyOrder++;
      }

      // The strategies on the mid-vote copy: each guesses the order of the ballots (who voted first…).
      const tokens = (mid!.case_vote_participation ?? []).filter((row) => row.round_id === round.id);
      expect(tokens).toHaveLength(m);
      const byPlace = [...tokens].sort(ctidOrder).map((row) => String(row.token));
      const byXmin = [...tokens].sort((a, b) => Number(a.__xmin) - Number(b.__xmin) || ctidOrder(a, b));
      book.record('token positions (ctid) vs members by id', fill(byPlace.map((_, i) => byId[i]!)), truth);
      book.record(
        'token transaction ids (xmin) vs members by id',
        fill(byXmin.map((_, i) => byId[i]!)),
        truth,
      );
      limits.record(
        'LIMIT: holder of CAIRN_SECRET, tokens by position (ctid)',
        fill(byPlace.map((t) => tokenOf.get(t)!)),
        truth,
      );
      limits.record(
        'LIMIT: holder of CAIRN_SECRET, tokens by transaction id',
        fill(byXmin.map((row) => tokenOf.get(String(row.token))!)),
        truth,
      );
      const personRows = (mid!.people ?? []).filter((p) => String(p.user_ref).startsWith('U-M'));
      book.record(
        'people rows by transaction id, latest first',
        fill(
          [...personRows]
            .sort((a, b) => Number(b.__xmin) - Number(a.__xmin) || ctidOrder(a, b))
            .map((p) => String(p.user_ref)),
        ),
        truth,
      );
      // Rows of any table written after the ballot opened that name a person, in transaction order.
      const opened = Number((mid!.case_vote_rounds ?? []).find((row) => row.id === round.id)?.__xmin ?? 0);
      const refOf = new Map((mid!.people ?? []).map((p) => [String(p.id), String(p.user_ref)]));
      const named: string[] = [];
      for (const row of Object.values(mid!)
        .flat()
        .filter((row) => Number(row.__xmin) > opened)
        .sort((a, b) => Number(a.__xmin) - Number(b.__xmin))) {
        const ref =
          refOf.get(String(row.person_id ?? row.id ?? '')) ??
          (row.user_ref ? String(row.user_ref) : undefined);
        if (ref && users.some((u) => u.userRef === ref) && !named.includes(ref)) named.push(ref);
      }
      book.record('rows written during the vote naming a person, by transaction id', fill(named), truth);

      // The day before at 09:00 it closes, with the digest.
      const lastXmin = roundRows(last, round.id)[0]?.__xmin;
      h.clock.set(ballotClosesAt(session.startsAt, ZONE));
      await h.run();
      expect(h.store.votes.getRound(round.id)).toMatchObject({
        status: 'closed',
        voters: MEMBERS,
        released: true,
      });
      const close = logicalCopy(reader);
      const kept = roundRows(close, round.id);
      expect(kept.map((row) => Number(row.count) - TALLY_BASE).reduce((a, b) => a + b, 0)).toBe(
        users.reduce((n, u) => n + profiles.get(u.userRef)!.length, 0),
      );
      if (kept.some((row) => row.__xmin === lastXmin)) found.lastBallotXminAfterClose++;
      const stats = reader.query("select * from pg_stats where schemaname = 'public'").rows;
      found.tokensAfterClose += foundAmong(Buffer.from(JSON.stringify([close, stats])), [
        ...tokenOf.keys(),
      ]).length;

      // The physical files after close (Cairn's VACUUM FULL ran at the tick), every fifth round.
      if (r % 5 === 0) {
        reader.query('checkpoint');
        physical.rounds++;
        physical.tokens += tokenOf.size;
        physical.inTables += foundAmong(physicalFiles(dataDir, databaseOid, 'base'), [
          ...tokenOf.keys(),
        ]).length;
        physical.inWal += foundAmong(physicalFiles(dataDir, databaseOid, 'wal'), [...tokenOf.keys()]).length;
      }

      // The session is held; the check-in round that opens the next day is closed at once, so that it
      // does not close inside the next ballot's window.
      h.clock.set(new Date(session.startsAt.getTime() + DAY));
      await h.run();
      h.clock.advance(rng.int(60, 120) * 60_000);
      await facilitator.command('checkin close', { in: space });
      await h.run();
    }

    const ballots = ROUNDS * MEMBERS;
    console.log(
      [
        `Attack 1 on ballots on PostgreSQL — logical copies (seed ${SEED}): ${ROUNDS} votes, ${MEMBERS} members, ${ballots} ballots, ${ROUNDS * 3} copies; chance ${pct(1 / MEMBERS)}, bar ${pct(BAR)}`,
        ...book.lines(),
        ...limits.lines(),
        `  (knowing only who has voted at the mid-vote copy, a guess scores ${pct(SET_ONLY)} on average)`,
        `Leads: copies whose round rows carry more than one xmin ${found.xmins}, an xmax ${found.xmaxs}; rows of other tables sharing the ballot's xmin ${found.sharedXmin}; copies whose tokens lie out of key order ${found.ctidOutOfKeyOrder}; closed rounds whose counters keep the last ballot's xmin ${found.lastBallotXminAfterClose}; tokens in a logical copy or the planner statistics (pg_stats) after close ${found.tokensAfterClose}; votes during which Cairn logged, sent or queued something ${found.writesWhileVoting}`,
        `Physical, mid-vote table files after CHECKPOINT (${physical.copies} copies): of ${physical.ballots} ballots, ${physical.claimed} paired with a token from dead row versions, ${physical.paired} rightly (with CAIRN_SECRET: who chose what)`,
        `Physical, after close, Cairn's VACUUM FULL and CHECKPOINT (${physical.rounds} rounds): of ${physical.tokens} ballot tokens, ${physical.inTables} still in the table files, ${physical.inWal} in the WAL`,
      ].join('\n'),
    );
    expect(book.scores.values().next().value?.total).toBe(ballots);
    for (const [name] of book.scores) expect(book.accuracy(name), name).toBeLessThanOrEqual(BAR);
    for (const [name] of limits.scores)
      expect(limits.accuracy(name), name).toBeLessThanOrEqual(SET_ONLY + 2 * (BAR - 1 / MEMBERS));
    expect(found).toEqual({
      xmins: 0,
      xmaxs: 0,
      sharedXmin: 0,
      ctidOutOfKeyOrder: 0,
      lastBallotXminAfterClose: 0,
      tokensAfterClose: 0,
      writesWhileVoting: 0,
    });
  }, 1_800_000);
});

/** The ballot's button, then its form with these choices. */
async function castBallot(user: MemoryUser, roundId: string, choices: string[]) {
  const opened = await user.press({ action: ACTION.voteOpen, value: roundId });
  expect(opened.kind).toBe('form');
  const done = await user.submit({ choices });
  expect(done.kind).toBe('form.done');
}

/**
 * The physical attack on a table file: every version of the round's token rows and counters, dead or
 * live, with its xmin. Each ballot's transaction wrote the round's whole set of tokens and every counter:
 * where two successive transactions' versions are both still in the file, the one token the later set
 * adds is its ballot's, and the counters it raised are its choices. A pairing is claimed only there
 * (one token more, counters raised by 1 to maxChoices): token and choices, sorted.
 */
function pairFromFiles(pg: PgHandle, dataDir: string, roundId: string, maxChoices: number) {
  const tokenSets = new Map<number, Set<string>>();
  for (const t of heapTuples(tableFile(pg, dataDir, 'case_vote_participation'), ['text', 'text'])) {
    if (t.values[0] !== roundId) continue;
    tokenSets.set(t.xmin, (tokenSets.get(t.xmin) ?? new Set()).add(String(t.values[1])));
  }
  // The counters as each transaction left them: its versions with the highest command id, per case.
  const states = new Map<number, Map<string, { cid: number; count: bigint }>>();
  for (const c of heapTuples(tableFile(pg, dataDir, 'case_vote_tally'), ['text', 'text', 'int8'])) {
    if (c.values[0] !== roundId) continue;
    const state = states.get(c.xmin) ?? new Map();
    const caseId = String(c.values[1]);
    if ((state.get(caseId)?.cid ?? -1) < c.cid)
      state.set(caseId, { cid: c.cid, count: c.values[2] as bigint });
    states.set(c.xmin, state);
  }
  const xmins = [...tokenSets.keys()].sort((a, b) => a - b);
  const claims: { token: string; choices: string[] }[] = [];
  for (const [i, xmin] of xmins.entries()) {
    const previous = xmins[i - 1];
    if (previous === undefined) continue;
    const [set, prior] = [tokenSets.get(xmin)!, tokenSets.get(previous)!];
    const added = [...set].filter((t) => !prior.has(t));
    if (added.length !== 1 || set.size !== prior.size + 1) continue;
    const [before, after] = [states.get(previous), states.get(xmin)];
    if (!before || !after || before.size !== after.size) continue;
    const choices: string[] = [];
    let raised = 0n;
    for (const [caseId, { count }] of after) {
      const was = before.get(caseId)?.count;
      if (was === undefined) continue;
      raised += count - was;
      if (count > was) choices.push(caseId);
    }
    if (raised >= 1n && raised <= BigInt(maxChoices))
      claims.push({ token: added[0]!, choices: choices.sort() });
  }
  return claims;
}
