import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { BallotRound } from '../../src/core/domain/vote.js';
import type { VoteRepository } from '../../src/core/ports/repositories/votes.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { caseVoteParticipation, caseVoteRounds, caseVoteTally } from '../schema.js';
import { TALLY_BASE } from './checkins.js';

/**
 * Ballots are stored like check-in answers (db/repositories/checkins.ts): counters of fixed width
 * (TALLY_BASE + count) overwritten in place, every cell created when the ballot opens, and the round's
 * participation tokens rewritten in key order at each ballot, so the pages keep no order of writing.
 */
export function createVoteRepository(db: Db): VoteRepository {
  const rounds = (where: ReturnType<typeof eq> | undefined) => db.select().from(caseVoteRounds).where(where);
  const roundById = prepared(() => rounds(eq(caseVoteRounds.id, sql.placeholder('id'))).prepare());
  const insertToken = prepared(() =>
    db
      .insert(caseVoteParticipation)
      .values({ roundId: sql.placeholder('roundId'), token: sql.placeholder('token') })
      .onConflictDoNothing()
      .prepare(),
  );
  const roundTokens = prepared(() =>
    db
      .select({ token: caseVoteParticipation.token })
      .from(caseVoteParticipation)
      .where(eq(caseVoteParticipation.roundId, sql.placeholder('roundId')))
      .prepare(),
  );
  const deleteRoundTokens = prepared(() =>
    db
      .delete(caseVoteParticipation)
      .where(eq(caseVoteParticipation.roundId, sql.placeholder('roundId')))
      .prepare(),
  );
  const findToken = prepared(() =>
    db
      .select({ token: caseVoteParticipation.token })
      .from(caseVoteParticipation)
      .where(
        and(
          eq(caseVoteParticipation.roundId, sql.placeholder('roundId')),
          eq(caseVoteParticipation.token, sql.placeholder('token')),
        ),
      )
      .prepare(),
  );
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
    addParticipation(roundId, token) {
      const tokens = roundTokens()
        .all({ roundId })
        .map((r) => r.token);
      if (tokens.includes(token)) return false;
      // Rewritten in key order at every ballot: where a token lies then depends on the set of tokens alone.
      deleteRoundTokens().run({ roundId });
      for (const t of [...tokens, token].sort()) insertToken().run({ roundId, token: t });
      return true;
    },
    hasParticipation(roundId, token) {
      return findToken().get({ roundId, token }) !== undefined;
    },
    participationCount(roundId) {
      return roundTokens().all({ roundId }).length;
    },
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
    deleteParticipation(roundId) {
      return db.delete(caseVoteParticipation).where(eq(caseVoteParticipation.roundId, roundId)).run().changes;
    },
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
