import type { ClosedRound } from '../../../src/core/checkins/trends/select-rounds.js';
import { CHECKIN_QUESTIONS, emptyTally, type Tally } from '../../../src/core/domain/checkin.js';

/** Four answers, one per question (workload, support, perspective, overall), each 1..5. */
export type Answer = readonly [number, number, number, number];

export function tallyOf(answers: readonly Answer[]): Tally {
  const tally = emptyTally();
  for (const a of answers) for (const [i, q] of CHECKIN_QUESTIONS.entries()) tally[q][a[i]! - 1]!++;
  return tally;
}

/**
 * A closed round as close-checkin-round.ts leaves it: released with its counters when at least k
 * answered, otherwise no count and no counters.
 */
export function closedRound(
  id: string,
  closedAt: string,
  k: number,
  answers: readonly Answer[],
): ClosedRound {
  const released = answers.length >= k && k >= 3;
  return released
    ? { id, closedAt: new Date(closedAt), k, released, respondents: answers.length, tally: tallyOf(answers) }
    : { id, closedAt: new Date(closedAt), k, released, respondents: null, tally: emptyTally() };
}

/** The same answer n times. */
export const times = (n: number, answer: Answer): Answer[] => Array.from({ length: n }, () => answer);
