import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import type { caseVoteParticipation, checkinParticipation } from '../schema.js';

/** A table of participation tokens: (round_id, token), WITHOUT ROWID, wiped at the round's close. */
type TokenTable = typeof checkinParticipation | typeof caseVoteParticipation;

/**
 * The anonymity store's rule for participation tokens, shared by check-in answers and ballots: a round's
 * tokens are rewritten in key order at every answer, so that where a token lies in its page depends on
 * the set of tokens alone, never on the order in which people answered (PRIVACY.md, DESIGN.md).
 */
export function createParticipationTokens(db: Db, table: TokenTable) {
  const t = table as typeof checkinParticipation;
  const insert = prepared(() =>
    db
      .insert(t)
      .values({ roundId: sql.placeholder('roundId'), token: sql.placeholder('token') })
      .onConflictDoNothing()
      .prepare(),
  );
  const ofRound = prepared(() =>
    db
      .select({ token: t.token })
      .from(t)
      .where(eq(t.roundId, sql.placeholder('roundId')))
      .prepare(),
  );
  const deleteRound = prepared(() =>
    db
      .delete(t)
      .where(eq(t.roundId, sql.placeholder('roundId')))
      .prepare(),
  );
  const find = prepared(() =>
    db
      .select({ token: t.token })
      .from(t)
      .where(and(eq(t.roundId, sql.placeholder('roundId')), eq(t.token, sql.placeholder('token'))))
      .prepare(),
  );
  return {
    /** False when the token is already there (a second answer); runs in the caller's transaction. */
    add(roundId: string, token: string): boolean {
      const tokens = ofRound()
        .all({ roundId })
        .map((r) => r.token);
      if (tokens.includes(token)) return false;
      deleteRound().run({ roundId });
      for (const each of [...tokens, token].sort()) insert().run({ roundId, token: each });
      return true;
    },
    has: (roundId: string, token: string): boolean => find().get({ roundId, token }) !== undefined,
    count: (roundId: string): number => ofRound().all({ roundId }).length,
    /** Every token of the round (at its close); returns how many went. */
    deleteRound: (roundId: string): number => deleteRound().run({ roundId }).changes,
  };
}
