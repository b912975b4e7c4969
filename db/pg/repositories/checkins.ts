import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import {
  BUCKETS,
  CHECKIN_QUESTIONS,
  type CheckinRound,
  emptyTally,
} from '../../../src/core/domain/checkin.js';
import type { CheckinRepository } from '../../../src/core/ports/repositories/checkins.js';
import { TALLY_BASE } from '../../repositories/checkins.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { checkinParticipation, checkinRounds, checkinTally } from '../schema.js';

/**
 * The check-in store on PostgreSQL. PostgreSQL never updates in place: every write leaves a new row
 * version stamped with its transaction id (`xmin`, readable by any SELECT) at a new place (`ctid`). Were an
 * answer to insert its token and bump four counters, the token and those four cells would share an xmin
 * that no other row has — the answer, linked to its token. So every answer's transaction rewrites the whole
 * round: every token row, deleted and inserted again in key order, and every tally cell (the twenty of
 * them, changed or not). After each answer, every live row of the round carries that answer's xmin and
 * the tokens lie in key order: a logical copy (pg_dump, or SQL with every system column) shows which
 * tokens answered and the totals, never which token gave which answer. Answers to one round are
 * serialised by a transaction-scoped advisory lock (nothing written, nothing left behind).
 *
 * Old row versions stay in the data files until vacuum, and the WAL keeps every change: PRIVACY.md states
 * that physical limit and what operators should do about it.
 */
export function createPgCheckinRepository(db: PgDb, lock: KeyLock = noLock): Async<CheckinRepository> {
  const rounds = () => db.select().from(checkinRounds);
  /** Waits for any other answer to the same round to commit; released at commit or rollback. */
  const lockRound = (roundId: string) =>
    db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cairn-checkin:${roundId}`}, 0))`);
  /** Rewrites every tally cell of the round, adding one to a cell if given. */
  const touchTally = (roundId: string, cell?: { question: string; bucket: number }) =>
    db
      .update(checkinTally)
      .set({
        count: cell
          ? sql`${checkinTally.count} + (case when ${checkinTally.question} = ${cell.question} and ${checkinTally.bucket} = ${cell.bucket} then 1 else 0 end)`
          : sql`${checkinTally.count}`,
      })
      .where(eq(checkinTally.roundId, roundId));

  return {
    async getRound(id) {
      await lock(`checkin-rounds:${id}`);
      const [row] = await rounds().where(eq(checkinRounds.id, id));
      return row as CheckinRound | undefined;
    },
    async openRoundOf(groupId) {
      await lock(`checkin-open:${groupId}`);
      const [row] = await rounds().where(
        and(eq(checkinRounds.groupId, groupId), eq(checkinRounds.status, 'open')),
      );
      return row as CheckinRound | undefined;
    },
    async insertRound(round) {
      await db.insert(checkinRounds).values(round);
      const cells = CHECKIN_QUESTIONS.flatMap((question) =>
        BUCKETS.map((bucket) => ({ roundId: round.id, question, bucket, count: TALLY_BASE })),
      );
      await db.insert(checkinTally).values(cells);
    },
    async listDueToClose(now) {
      return (await rounds()
        .where(and(eq(checkinRounds.status, 'open'), lte(checkinRounds.closesAt, now)))
        .orderBy(asc(checkinRounds.closesAt))) as CheckinRound[];
    },
    async listOpen() {
      return (await rounds().where(eq(checkinRounds.status, 'open'))) as CheckinRound[];
    },
    async listClosed(groupId, limit) {
      return (await rounds()
        .where(and(eq(checkinRounds.groupId, groupId), eq(checkinRounds.status, 'closed')))
        .orderBy(desc(checkinRounds.closedAt))
        .limit(limit)) as CheckinRound[];
    },
    async listReleased(groupId, limit) {
      return (await rounds()
        .where(
          and(
            eq(checkinRounds.groupId, groupId),
            eq(checkinRounds.status, 'closed'),
            eq(checkinRounds.released, true),
          ),
        )
        .orderBy(desc(checkinRounds.closedAt), desc(bin(checkinRounds.id)))
        .limit(limit)) as CheckinRound[];
    },
    async findByAfterSession(sessionId) {
      await lock(`checkin-after:${sessionId}`);
      const [row] = await rounds().where(eq(checkinRounds.afterSessionId, sessionId));
      return row as CheckinRound | undefined;
    },
    async addParticipation(roundId, token) {
      await lockRound(roundId);
      const tokens = (
        await db
          .select({ token: checkinParticipation.token })
          .from(checkinParticipation)
          .where(eq(checkinParticipation.roundId, roundId))
      ).map((r) => r.token);
      if (tokens.includes(token)) return false;
      await db.delete(checkinParticipation).where(eq(checkinParticipation.roundId, roundId));
      const all = [...tokens, token].sort();
      await db.insert(checkinParticipation).values(all.map((t) => ({ roundId, token: t })));
      // Every cell too, even when the answer's increments will not reach it.
      await touchTally(roundId);
      return true;
    },
    async hasParticipation(roundId, token) {
      const rows = await db
        .select({ token: checkinParticipation.token })
        .from(checkinParticipation)
        .where(and(eq(checkinParticipation.roundId, roundId), eq(checkinParticipation.token, token)));
      return rows.length > 0;
    },
    async increment(roundId, question, bucket) {
      const result = await touchTally(roundId, { question, bucket });
      if (changed(result) !== CHECKIN_QUESTIONS.length * BUCKETS.length)
        throw new Error(`No tally cell for round ${roundId}`);
    },
    async tally(roundId) {
      const result = emptyTally();
      const rows = await db.select().from(checkinTally).where(eq(checkinTally.roundId, roundId));
      for (const row of rows) {
        const question = CHECKIN_QUESTIONS.find((q) => q === row.question);
        if (question && row.bucket >= 1 && row.bucket <= 5)
          result[question][row.bucket - 1] = row.count - TALLY_BASE;
      }
      return result;
    },
    async close(roundId, closedAt, respondents, released) {
      const result = await db
        .update(checkinRounds)
        .set({ status: 'closed', closedAt, respondents, released })
        .where(and(eq(checkinRounds.id, roundId), eq(checkinRounds.status, 'open')));
      return changed(result) === 1;
    },
    async markShared(roundId, at) {
      await db.update(checkinRounds).set({ sharedAt: at }).where(eq(checkinRounds.id, roundId));
    },
    async deleteTally(roundId) {
      await db.delete(checkinTally).where(eq(checkinTally.roundId, roundId));
    },
    async deleteParticipation(roundId) {
      return changed(await db.delete(checkinParticipation).where(eq(checkinParticipation.roundId, roundId)));
    },
    async deleteByGroup(groupId) {
      const ids = (
        await db
          .select({ id: checkinRounds.id })
          .from(checkinRounds)
          .where(eq(checkinRounds.groupId, groupId))
      ).map((r) => r.id);
      for (const id of ids) {
        await db.delete(checkinParticipation).where(eq(checkinParticipation.roundId, id));
        await db.delete(checkinTally).where(eq(checkinTally.roundId, id));
      }
      await db.delete(checkinRounds).where(eq(checkinRounds.groupId, groupId));
    },
  };
}
