import type { ClosedRound } from '../../src/core/checkins/trends/select-rounds.js';
import {
  CHECKIN_QUESTIONS,
  type CheckinRound,
  emptyTally,
  type Tally,
} from '../../src/core/domain/checkin.js';
import type { Store } from '../../src/core/ports/store.js';

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

/** Five answers: workload 1,2,2,3,4; support 2,3,3,4,4; perspective 3,3,3,4,4; overall 2,3,3,3,4. */
export const FIVE: Answer[] = [
  [1, 3, 3, 2],
  [2, 4, 3, 3],
  [2, 3, 4, 3],
  [3, 4, 4, 3],
  [4, 2, 3, 4],
];
/** Eight answers: workload 1,1,2,2,4,4,5,5 (lower median 2, not 3 nor 4); the rest all 3. */
export const EIGHT: Answer[] = [1, 1, 2, 2, 4, 4, 5, 5].map((w) => [w, 3, 3, 3]);

/**
 * A group's history of released rounds written straight into the store, as closing them would have left
 * them (counters, count, released): for tests of what comes after a year of check-ins, without answering
 * each through a platform. One round per `closedAt`, each answered as `answersOf(i)` says.
 */
export function seedReleasedRounds(
  store: Store,
  groupId: string,
  closedAt: readonly string[],
  answersOf: (i: number) => readonly Answer[],
): string[] {
  return store.transaction(() =>
    closedAt.map((at, i) => {
      const answers = answersOf(i);
      const closed = new Date(at);
      const round: CheckinRound = {
        id: `seeded-${groupId}-${i}`,
        groupId,
        status: 'open',
        source: 'facilitator',
        afterSessionId: null,
        k: 4,
        openedAt: new Date(closed.getTime() - 7 * 86_400_000),
        closesAt: closed,
        closedAt: null,
        respondents: null,
        released: false,
        sharedAt: null,
      };
      store.checkins.insertRound(round);
      for (const a of answers)
        for (const [q, question] of CHECKIN_QUESTIONS.entries())
          store.checkins.increment(round.id, question, a[q]!);
      store.checkins.close(round.id, closed, answers.length, answers.length >= round.k);
      return round.id;
    }),
  );
}

/** Varied answers for seeded rounds: `count` people, around `level`, never the same twice in a row. */
export function variedAnswers(count: number, level: number, seed: number): Answer[] {
  return Array.from({ length: count }, (_, p) => {
    const at = (q: number) => Math.max(1, Math.min(5, level + (((p + q + seed) % 3) - 1)));
    return [at(0), at(1), at(2), at(3)] as const;
  });
}
