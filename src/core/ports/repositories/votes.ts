import type { BallotRound } from '../../domain/vote.js';

/** Ballot rounds: the rounds themselves, their anonymous participation tokens and per-case counters. */
export interface VoteRepository {
  getRound(id: string): BallotRound | undefined;
  /** The latest round held for a session, if any. */
  roundOfSession(sessionId: string): BallotRound | undefined;
  /** Open rounds of a group (one per upcoming session at most), soonest to close first. */
  openRoundsOf(groupId: string): BallotRound[];
  listOpen(): BallotRound[];
  /** Creates the round and one counter at zero per case on the ballot: voting only updates counters. */
  insertRound(round: BallotRound, caseIds: readonly string[]): void;
  /** The ids of the cases on the round's ballot. */
  ballotCases(roundId: string): string[];
  /**
   * Records a participation token; false if it is already there (a second ballot). Must run inside the same
   * transaction as `increment`.
   */
  addParticipation(roundId: string, token: string): boolean;
  hasParticipation(roundId: string, token: string): boolean;
  /** How many have voted so far (tokens of the round). */
  participationCount(roundId: string): number;
  increment(roundId: string, caseId: string): void;
  /** Votes per case on the ballot. */
  counts(roundId: string): Map<string, number>;
  /** Closes an open round; false if it was not open. */
  close(roundId: string, closedAt: Date, voters: number | null, released: boolean): boolean;
  /** Sets every counter of the round back to zero (a round below the threshold keeps no count). */
  clearCounts(roundId: string): void;
  /** Deletes every participation token of a round (at close). Returns how many. */
  deleteParticipation(roundId: string): number;
  /** Removes a group's rounds with their counters and tokens. */
  deleteByGroup(groupId: string): void;
}
