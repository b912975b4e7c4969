import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { BallotRound } from '../../src/core/domain/vote.js';
import type { VoteRepository } from '../../src/core/ports/repositories/votes.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { caseVoteParticipation, caseVoteRounds, caseVoteTally } from '../schema.js';
import { TALLY_BASE } from './checkins.js';
import { createParticipationTokens } from './participation-tokens.js';

/**
 * Ballots are stored like check-in answers (db/repositories/checkins.ts): counters of fixed width
 * (TALLY_BASE + count) overwritten in place, every cell created when the ballot opens, and the round's
 * participation tokens rewritten in key order at each ballot, so the pages keep no order of writing.
 */
export function createVoteRepository(db: Db): VoteRepository {
  const tokens = createParticipationTokens(db, caseVoteParticipation);
  const rounds = (where: ReturnType<typeof eq> | undefined) => db.select().from(caseVoteRounds).where(where);
  const roundById = prepared(() => rounds(eq(caseVoteRounds.id, sql.placeholder('id'))).prepare());
  const bump = prepared(() =>
    db
      .update(caseVoteTally)
      .set({ count: sql`${caseVoteTally.count} + 1` })
      .where(
        and(
          eq(caseVoteTally.roundId, sql.placeholder('roundId')),
          eq(caseVoteTally.caseId, sql.placeholder('caseId')),
        ),
      )
      .prepare(),
  );
  const cells = prepared(() =>
    db
      .select()
      .from(caseVoteTally)
      .where(eq(caseVoteTally.roundId, sql.placeholder('roundId')))
      .prepare(),
  );

  return {
    getRound(id) {
      return roundById().get({ id }) as BallotRound | undefined;
    },
    roundOfSession(sessionId) {
      return db
        .select()
        .from(caseVoteRounds)
        .where(eq(caseVoteRounds.sessionId, sessionId))
        .orderBy(desc(caseVoteRounds.openedAt), desc(caseVoteRounds.id))
        .get() as BallotRound | undefined;
    },
    openRoundsOf(groupId) {
      return db
        .select()
        .from(caseVoteRounds)
        .where(and(eq(caseVoteRounds.groupId, groupId), eq(caseVoteRounds.status, 'open')))
        .orderBy(asc(caseVoteRounds.closesAt), asc(caseVoteRounds.id))
        .all() as BallotRound[];
    },
    listOpen() {
      return db
        .select()
        .from(caseVoteRounds)
        .where(eq(caseVoteRounds.status, 'open'))
        .orderBy(asc(caseVoteRounds.closesAt), asc(caseVoteRounds.id))
        .all() as BallotRound[];
    },
    insertRound(round, caseIds) {
      db.insert(caseVoteRounds).values(round).run();
      // Every counter exists from the start: a ballot only ever updates counters in place.
      for (const caseId of [...new Set(caseIds)].sort())
        db.insert(caseVoteTally).values({ roundId: round.id, caseId, count: TALLY_BASE }).run();
    },
    ballotCases(roundId) {
      return cells()
        .all({ roundId })
        .map((c) => c.caseId);
    },
    addParticipation: (roundId, token) => tokens.add(roundId, token),
    hasParticipation: (roundId, token) => tokens.has(roundId, token),
    participationCount: (roundId) => tokens.count(roundId),
    increment(roundId, caseId) {
      const changes = bump().run({ roundId, caseId }).changes;
      if (changes !== 1) throw new Error(`No ballot counter for round ${roundId}`);
    },
    counts(roundId) {
      return new Map(
        cells()
          .all({ roundId })
          .map((c) => [c.caseId, c.count - TALLY_BASE] as const),
      );
    },
    close(roundId, closedAt, voters, released) {
      return (
        db
          .update(caseVoteRounds)
          .set({ status: 'closed', closedAt, voters, released })
          .where(and(eq(caseVoteRounds.id, roundId), eq(caseVoteRounds.status, 'open')))
          .run().changes === 1
      );
    },
    clearCounts(roundId) {
      db.update(caseVoteTally).set({ count: TALLY_BASE }).where(eq(caseVoteTally.roundId, roundId)).run();
    },
    deleteParticipation: (roundId) => tokens.deleteRound(roundId),
    deleteByGroup(groupId) {
      const ids = db
        .select({ id: caseVoteRounds.id })
        .from(caseVoteRounds)
        .where(eq(caseVoteRounds.groupId, groupId))
        .all()
        .map((r) => r.id);
      for (const id of ids) {
        db.delete(caseVoteParticipation).where(eq(caseVoteParticipation.roundId, id)).run();
        db.delete(caseVoteTally).where(eq(caseVoteTally.roundId, id)).run();
      }
      db.delete(caseVoteRounds).where(eq(caseVoteRounds.groupId, groupId)).run();
    },
  };
}
