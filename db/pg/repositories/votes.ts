import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BallotRound } from '../../../src/core/domain/vote.js';
import type { VoteRepository } from '../../../src/core/ports/repositories/votes.js';
import { TALLY_BASE } from '../../repositories/checkins.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { caseVoteParticipation, caseVoteRounds, caseVoteTally } from '../schema.js';

/**
 * Ballots on PostgreSQL, written as check-in answers are (db/pg/repositories/checkins.ts): PostgreSQL never
 * updates in place, and every row version carries the id of the transaction that wrote it (`xmin`, which
 * any SELECT can read) at a new place (`ctid`). Were a ballot to insert its token and bump its one or two
 * counters, those rows would share an xmin no other row has: the ballot's choices, tied to its token. So
 * every ballot's transaction rewrites the whole round: every token row, deleted and inserted again in key
 * order, and every counter of the ballot, chosen or not. After each ballot every live row of the round
 * carries that ballot's xmin and the tokens lie in key order: a logical copy (pg_dump, or SQL with every
 * system column) shows which tokens voted and the totals, never which token chose what. Ballots of one
 * round are serialised by a transaction-scoped advisory lock (nothing written, nothing left behind); the
 * primary key on (round, token) with ON CONFLICT DO NOTHING refuses a second ballot even without it.
 *
 * Old row versions stay in the data files until vacuum (closing a round asks for VACUUM FULL), and the WAL
 * keeps every change: PRIVACY.md states that physical limit and what operators should do about it.
 */
export function createPgVoteRepository(db: PgDb, lock: KeyLock = noLock): Async<VoteRepository> {
  const rounds = () => db.select().from(caseVoteRounds);
  const soonestFirst = [asc(caseVoteRounds.closesAt), asc(bin(caseVoteRounds.id))];
  /** Waits for any other ballot of the same round to commit; released at commit or rollback. */
  const lockRound = (roundId: string) =>
    db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cairn-ballot:${roundId}`}, 0))`);
  /** Rewrites every counter of the round, adding one to a case's if given; the cases rewritten. */
  const touchTally = async (roundId: string, caseId?: string) =>
    (
      await db
        .update(caseVoteTally)
        .set({
          count: caseId
            ? sql`${caseVoteTally.count} + (case when ${caseVoteTally.caseId} = ${caseId} then 1 else 0 end)`
            : sql`${caseVoteTally.count}`,
        })
        .where(eq(caseVoteTally.roundId, roundId))
        .returning({ caseId: caseVoteTally.caseId })
    ).map((r) => r.caseId);
  const tokensOf = async (roundId: string) =>
    (
      await db
        .select({ token: caseVoteParticipation.token })
        .from(caseVoteParticipation)
        .where(eq(caseVoteParticipation.roundId, roundId))
    ).map((r) => r.token);
  /** The round's counters in key order (SQLite's: its WITHOUT ROWID table is read in key order). */
  const cells = (roundId: string) =>
    db
      .select()
      .from(caseVoteTally)
      .where(eq(caseVoteTally.roundId, roundId))
      .orderBy(asc(bin(caseVoteTally.caseId)));

  return {
    async getRound(id) {
      // A ballot and the round's closing decide on what they read: one waits for the other's commit.
      await lock(`vote-rounds:${id}`);
      const [row] = await rounds().where(eq(caseVoteRounds.id, id));
      return row as BallotRound | undefined;
    },
    async roundOfSession(sessionId) {
      const [row] = await rounds()
        .where(eq(caseVoteRounds.sessionId, sessionId))
        .orderBy(desc(caseVoteRounds.openedAt), desc(bin(caseVoteRounds.id)))
        .limit(1);
      return row as BallotRound | undefined;
    },
    async openRoundsOf(groupId) {
      return (await rounds()
        .where(and(eq(caseVoteRounds.groupId, groupId), eq(caseVoteRounds.status, 'open')))
        .orderBy(...soonestFirst)) as BallotRound[];
    },
    async listOpen() {
      return (await rounds()
        .where(eq(caseVoteRounds.status, 'open'))
        .orderBy(...soonestFirst)) as BallotRound[];
    },
    async insertRound(round, caseIds) {
      await db.insert(caseVoteRounds).values(round);
      // Every counter exists from the start: a ballot only ever rewrites counters.
      const ids = [...new Set(caseIds)].sort();
      if (ids.length)
        await db
          .insert(caseVoteTally)
          .values(ids.map((caseId) => ({ roundId: round.id, caseId, count: TALLY_BASE })));
    },
    async ballotCases(roundId) {
      return (await cells(roundId)).map((c) => c.caseId);
    },
    async addParticipation(roundId, token) {
      await lockRound(roundId);
      const tokens = await tokensOf(roundId);
      if (tokens.includes(token)) return false;
      await db.delete(caseVoteParticipation).where(eq(caseVoteParticipation.roundId, roundId));
      const all = [...tokens, token].sort();
      const inserted = await db
        .insert(caseVoteParticipation)
        .values(all.map((t) => ({ roundId, token: t })))
        .onConflictDoNothing()
        .returning({ token: caseVoteParticipation.token });
      // Only a ballot that did not wait for the lock (none does) could find its token taken meanwhile.
      if (!inserted.some((r) => r.token === token)) return false;
      // Every counter too, even those the ballot's choices will not reach.
      await touchTally(roundId);
      return true;
    },
    async hasParticipation(roundId, token) {
      const rows = await db
        .select({ token: caseVoteParticipation.token })
        .from(caseVoteParticipation)
        .where(and(eq(caseVoteParticipation.roundId, roundId), eq(caseVoteParticipation.token, token)));
      return rows.length > 0;
    },
    async participationCount(roundId) {
      return (await tokensOf(roundId)).length;
    },
    async increment(roundId, caseId) {
      if (!(await touchTally(roundId, caseId)).includes(caseId))
        throw new Error(`No ballot counter for round ${roundId}`);
    },
    async counts(roundId) {
      return new Map((await cells(roundId)).map((c) => [c.caseId, c.count - TALLY_BASE] as const));
    },
    async close(roundId, closedAt, voters, released) {
      const result = await db
        .update(caseVoteRounds)
        .set({ status: 'closed', closedAt, voters, released })
        .where(and(eq(caseVoteRounds.id, roundId), eq(caseVoteRounds.status, 'open')));
      return changed(result) === 1;
    },
    async clearCounts(roundId) {
      await db.update(caseVoteTally).set({ count: TALLY_BASE }).where(eq(caseVoteTally.roundId, roundId));
    },
    async deleteParticipation(roundId) {
      const deleted = changed(
        await db.delete(caseVoteParticipation).where(eq(caseVoteParticipation.roundId, roundId)),
      );
      // The counters kept after close then carry the closing transaction's id, not the last ballot's.
      await touchTally(roundId);
      return deleted;
    },
    async deleteByGroup(groupId) {
      const ids = (
        await db
          .select({ id: caseVoteRounds.id })
          .from(caseVoteRounds)
          .where(eq(caseVoteRounds.groupId, groupId))
      ).map((r) => r.id);
      if (ids.length) {
        await db.delete(caseVoteParticipation).where(inArray(caseVoteParticipation.roundId, ids));
        await db.delete(caseVoteTally).where(inArray(caseVoteTally.roundId, ids));
      }
      await db.delete(caseVoteRounds).where(eq(caseVoteRounds.groupId, groupId));
    },
  };
}
