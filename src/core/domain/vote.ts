import { atLocalTime, localDay } from './times.js';

/**
 * A ballot round: the members' anonymous vote on the cases proposed for one session. Counted like a
 * check-in: a participation token per member who voted (deleted at close) and a counter per case on the
 * ballot; nothing records who voted for what.
 */
export type BallotRound = {
  id: string;
  groupId: string;
  sessionId: string;
  status: 'open' | 'closed';
  /** How many cases one ballot may choose (the group's cases per session when the ballot opened). */
  maxChoices: number;
  /** Cases proposed "for the facilitator only": never on the ballot, only counted ("1 more case…"). */
  hiddenCases: number;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  /** Set at close, only when the counts are released (at least MIN_VOTERS voted). */
  voters: number | null;
  released: boolean;
};

/** Below this many voters in a round, no count is released for any case ("too few votes"). */
export const MIN_VOTERS = 3;

export const isVoteReleasable = (voters: number): boolean => voters >= MIN_VOTERS;

/** The ballot opens 3 days before the session at 09:00 in the group's zone. */
export const ballotOpensAt = (startsAt: Date, zone: string): Date =>
  atLocalTime(localDay(startsAt, zone, -3), '09:00', zone);

/** It closes the day before at 09:00, when the facilitators' digest goes out with the result. */
export const ballotClosesAt = (startsAt: Date, zone: string): Date =>
  atLocalTime(localDay(startsAt, zone, -1), '09:00', zone);

/** What a closed round tells about the cases: counts per case, or that too few voted (no count at all). */
export type VoteOutcome =
  | { kind: 'open'; closesAt: Date; onBallot: ReadonlySet<string> }
  | { kind: 'tooFew'; onBallot: ReadonlySet<string> }
  | { kind: 'counted'; counts: ReadonlyMap<string, number>; voters: number };

/** A ballot's choices, checked: 1 to `max` distinct cases, each one on the ballot. */
export function checkChoices(
  chosen: readonly string[],
  onBallot: readonly string[],
  max: number,
): { ok: true; value: string[] } | { ok: false; problem: 'none' | 'tooMany' | 'notOnBallot' } {
  const distinct = [...new Set(chosen)];
  if (distinct.length === 0) return { ok: false, problem: 'none' };
  if (distinct.some((id) => !onBallot.includes(id))) return { ok: false, problem: 'notOnBallot' };
  if (distinct.length > max) return { ok: false, problem: 'tooMany' };
  return { ok: true, value: distinct };
}
