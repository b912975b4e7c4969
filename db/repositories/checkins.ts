import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { BUCKETS, CHECKIN_QUESTIONS, type CheckinRound, emptyTally } from '../../src/core/domain/checkin.js';
import type { CheckinRepository } from '../../src/core/ports/repositories/checkins.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { checkinParticipation, checkinRounds, checkinTally } from '../schema.js';
import { createParticipationTokens } from './participation-tokens.js';

/**
 * Counters are stored as TALLY_BASE + count: SQLite sizes an integer by its value, and a cell whose size
 * changes is moved within its page, so a page would tell which counters changed last. From 2^40 every count
 * takes the same six bytes and an answer overwrites its four cells in place.
 */
export const TALLY_BASE = 2 ** 40;

export function createCheckinRepository(db: Db): CheckinRepository {
  const tokens = createParticipationTokens(db, checkinParticipation);
  const rounds = (where: ReturnType<typeof eq> | undefined) => db.select().from(checkinRounds).where(where);
  // What an answer runs (opening the form, then recording it): built once.
  const roundById = prepared(() => rounds(eq(checkinRounds.id, sql.placeholder('id'))).prepare());
  const openRound = prepared(() =>
    rounds(
      and(eq(checkinRounds.groupId, sql.placeholder('groupId')), eq(checkinRounds.status, 'open')),
    ).prepare(),
  );
  const bump = prepared(() =>
    db
      .update(checkinTally)
      .set({ count: sql`${checkinTally.count} + 1` })
      .where(
        and(
          eq(checkinTally.roundId, sql.placeholder('roundId')),
          eq(checkinTally.question, sql.placeholder('question')),
          eq(checkinTally.bucket, sql.placeholder('bucket')),
        ),
      )
      .prepare(),
  );

  return {
    getRound(id) {
      return roundById().get({ id }) as CheckinRound | undefined;
    },
    openRoundOf(groupId) {
      return openRound().get({ groupId }) as CheckinRound | undefined;
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
    listReleased(groupId, limit) {
      return db
        .select()
        .from(checkinRounds)
        .where(
          and(
            eq(checkinRounds.groupId, groupId),
            eq(checkinRounds.status, 'closed'),
            eq(checkinRounds.released, true),
          ),
        )
        .orderBy(desc(checkinRounds.closedAt), desc(checkinRounds.id))
        .limit(limit)
        .all() as CheckinRound[];
    },
    findByAfterSession(sessionId) {
      return rounds(eq(checkinRounds.afterSessionId, sessionId)).get() as CheckinRound | undefined;
    },
    addParticipation: (roundId, token) => tokens.add(roundId, token),
    hasParticipation: (roundId, token) => tokens.has(roundId, token),
    increment(roundId, question, bucket) {
      const changes = bump().run({ roundId, question, bucket }).changes;
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
    deleteParticipation: (roundId) => tokens.deleteRound(roundId),
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
