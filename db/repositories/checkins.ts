import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { BUCKETS, CHECKIN_QUESTIONS, type CheckinRound, emptyTally } from '../../src/core/domain/checkin.js';
import type { CheckinRepository } from '../../src/core/ports/repositories/checkins.js';
import type { Db } from '../client.js';
import { checkinParticipation, checkinRounds, checkinTally } from '../schema.js';

/**
 * Counters are stored as TALLY_BASE + count: SQLite sizes an integer by its value, and a cell whose size
 * changes is moved within its page, so a page would tell which counters changed last. From 2^40 every count
 * takes the same six bytes and an answer overwrites its four cells in place.
 */
export const TALLY_BASE = 2 ** 40;

export function createCheckinRepository(db: Db): CheckinRepository {
  const rounds = (where: ReturnType<typeof eq> | undefined) => db.select().from(checkinRounds).where(where);

  return {
    getRound(id) {
      return rounds(eq(checkinRounds.id, id)).get() as CheckinRound | undefined;
    },
    openRoundOf(groupId) {
      return rounds(and(eq(checkinRounds.groupId, groupId), eq(checkinRounds.status, 'open'))).get() as
        | CheckinRound
        | undefined;
    },
    insertRound(round) {
      db.insert(checkinRounds).values(round).run();
      // Every cell exists from the start: an answer only ever updates counters in place.
      for (const question of CHECKIN_QUESTIONS) {
        for (const bucket of BUCKETS) {
          db.insert(checkinTally).values({ roundId: round.id, question, bucket, count: TALLY_BASE }).run();
        }
      }
    },
    listDueToClose(now) {
      return db
        .select()
        .from(checkinRounds)
        .where(and(eq(checkinRounds.status, 'open'), lte(checkinRounds.closesAt, now)))
        .orderBy(asc(checkinRounds.closesAt))
        .all() as CheckinRound[];
    },
    listOpen() {
      return db.select().from(checkinRounds).where(eq(checkinRounds.status, 'open')).all() as CheckinRound[];
    },
    listClosed(groupId, limit) {
      return db
        .select()
        .from(checkinRounds)
        .where(and(eq(checkinRounds.groupId, groupId), eq(checkinRounds.status, 'closed')))
        .orderBy(desc(checkinRounds.closedAt))
        .limit(limit)
        .all() as CheckinRound[];
    },
    findByAfterSession(sessionId) {
      return rounds(eq(checkinRounds.afterSessionId, sessionId)).get() as CheckinRound | undefined;
    },
    addParticipation(roundId, token) {
      const tokens = db
        .select({ token: checkinParticipation.token })
        .from(checkinParticipation)
        .where(eq(checkinParticipation.roundId, roundId))
        .all()
        .map((r) => r.token);
      if (tokens.includes(token)) return false;
      // The round's tokens are rewritten in key order at every answer: where a token lies in its page
      // then depends on the set of tokens alone, never on the order in which people answered.
      db.delete(checkinParticipation).where(eq(checkinParticipation.roundId, roundId)).run();
      for (const t of [...tokens, token].sort())
        db.insert(checkinParticipation).values({ roundId, token: t }).run();
      return true;
    },
    hasParticipation(roundId, token) {
      return (
        db
          .select({ token: checkinParticipation.token })
          .from(checkinParticipation)
          .where(and(eq(checkinParticipation.roundId, roundId), eq(checkinParticipation.token, token)))
          .get() !== undefined
      );
    },
    increment(roundId, question, bucket) {
      const changes = db
        .update(checkinTally)
        .set({ count: sql`${checkinTally.count} + 1` })
        .where(
          and(
            eq(checkinTally.roundId, roundId),
            eq(checkinTally.question, question),
            eq(checkinTally.bucket, bucket),
          ),
        )
        .run().changes;
      if (changes !== 1) throw new Error(`No tally cell for round ${roundId}`);
    },
    tally(roundId) {
      const result = emptyTally();
      const rows = db.select().from(checkinTally).where(eq(checkinTally.roundId, roundId)).all();
      for (const row of rows) {
        const question = CHECKIN_QUESTIONS.find((q) => q === row.question);
        if (question && row.bucket >= 1 && row.bucket <= 5)
          result[question][row.bucket - 1] = row.count - TALLY_BASE;
      }
      return result;
    },
    close(roundId, closedAt, respondents, released) {
      return (
        db
          .update(checkinRounds)
          .set({ status: 'closed', closedAt, respondents, released })
          .where(and(eq(checkinRounds.id, roundId), eq(checkinRounds.status, 'open')))
          .run().changes === 1
      );
    },
    markShared(roundId, at) {
      db.update(checkinRounds).set({ sharedAt: at }).where(eq(checkinRounds.id, roundId)).run();
    },
    deleteTally(roundId) {
      db.delete(checkinTally).where(eq(checkinTally.roundId, roundId)).run();
    },
    deleteParticipation(roundId) {
      return db.delete(checkinParticipation).where(eq(checkinParticipation.roundId, roundId)).run().changes;
    },
    deleteByGroup(groupId) {
      const ids = db
        .select({ id: checkinRounds.id })
        .from(checkinRounds)
        .where(eq(checkinRounds.groupId, groupId))
        .all()
        .map((r) => r.id);
      for (const id of ids) {
        db.delete(checkinParticipation).where(eq(checkinParticipation.roundId, id)).run();
        db.delete(checkinTally).where(eq(checkinTally.roundId, id)).run();
      }
      db.delete(checkinRounds).where(eq(checkinRounds.groupId, groupId)).run();
    },
  };
}
