import type { CheckinQuestion, CheckinRound, Tally } from '../../domain/checkin.js';

export interface CheckinRepository {
  getRound(id: string): CheckinRound | undefined;
  openRoundOf(groupId: string): CheckinRound | undefined;
  /** Creates the round and every tally cell at zero, so answering only ever updates counters in place. */
  insertRound(round: CheckinRound): void;
  /** Open rounds whose closing time has come. */
  listDueToClose(now: Date): CheckinRound[];
  listOpen(): CheckinRound[];
  /** Closed rounds of a group, latest first. */
  listClosed(groupId: string, limit: number): CheckinRound[];
  /**
   * Closed rounds of a group whose result was released (k answers or more), latest first: what a trend
   * may show. Rounds closed below k are not in it at all (they keep no counters either).
   */
  listReleased(groupId: string, limit: number): CheckinRound[];
  /** The round created after a given session, if any (scheduled rounds). */
  findByAfterSession(sessionId: string): CheckinRound | undefined;
  /**
   * Records a participation token; false if it is already there (a second answer). Must run inside the
   * same transaction as `increment`.
   */
  addParticipation(roundId: string, token: string): boolean;
  hasParticipation(roundId: string, token: string): boolean;
  increment(roundId: string, question: CheckinQuestion, bucket: number): void;
  tally(roundId: string): Tally;
  /** Closes an open round; false if it was not open (already closed by someone else). */
  close(roundId: string, closedAt: Date, respondents: number | null, released: boolean): boolean;
  markShared(roundId: string, at: Date): void;
  /** Deletes a round's counters (a round below k keeps nothing computed from its few answers). */
  deleteTally(roundId: string): void;
  /** Deletes every participation token of a round (at close). Returns how many. */
  deleteParticipation(roundId: string): number;
  /** Removes a group's rounds with their tallies and tokens. */
  deleteByGroup(groupId: string): void;
}
