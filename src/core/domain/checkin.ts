import { z } from 'zod';

/** The four check-in questions, each on a 1–5 scale. */
export const CHECKIN_QUESTIONS = ['workload', 'support', 'perspective', 'overall'] as const;
export type CheckinQuestion = (typeof CHECKIN_QUESTIONS)[number];
export const BUCKETS = [1, 2, 3, 4, 5] as const;

export const checkinAnswersSchema = z.object({
  workload: z.coerce.number().int().min(1).max(5),
  support: z.coerce.number().int().min(1).max(5),
  perspective: z.coerce.number().int().min(1).max(5),
  overall: z.coerce.number().int().min(1).max(5),
});
export type CheckinAnswers = z.infer<typeof checkinAnswersSchema>;

export type RoundStatus = 'open' | 'closed';

export type CheckinRound = {
  id: string;
  groupId: string;
  status: RoundStatus;
  source: 'schedule' | 'facilitator';
  afterSessionId: string | null;
  /** Copied from the group at opening; never changes afterwards. */
  k: number;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  respondents: number | null;
  released: boolean;
  sharedAt: Date | null;
};

/** Counts per question and bucket (1..5). */
export type Tally = Record<CheckinQuestion, [number, number, number, number, number]>;

export const emptyTally = (): Tally => ({
  workload: [0, 0, 0, 0, 0],
  support: [0, 0, 0, 0, 0],
  perspective: [0, 0, 0, 0, 0],
  overall: [0, 0, 0, 0, 0],
});

/** The release rule: results exist only with at least k respondents. */
export const isReleasable = (respondents: number, k: number): boolean => respondents >= k && k >= 3;

/** Median bucket of a distribution (lower median for an even count); null when empty. */
export function median(counts: readonly number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= middle) return i + 1;
  }
  return null;
}

/** What an aggregate needs of a group's latest closed round. */
export type RoundOutcome = Pick<CheckinRound, 'released' | 'respondents' | 'k'> & { tally: Tally };

export type Aggregate = {
  tally: Tally;
  respondents: number;
  included: number;
  excluded: number;
  minK: number;
};

/**
 * Sums the groups' latest rounds, only those releasable on their own (a group without a closed round, or
 * whose round stayed below its k, is left out and counted as excluded): no aggregate ever lets a group
 * below k be recovered by subtracting two aggregates.
 */
export function aggregateReleasable(outcomes: (RoundOutcome | undefined)[]): Aggregate {
  const tally = emptyTally();
  let respondents = 0;
  let included = 0;
  let minK = Number.POSITIVE_INFINITY;
  for (const o of outcomes) {
    if (!o?.released || o.respondents === null || !isReleasable(o.respondents, o.k)) continue;
    for (const q of CHECKIN_QUESTIONS)
      o.tally[q].forEach((n, i) => {
        tally[q][i] = (tally[q][i] ?? 0) + n;
      });
    respondents += o.respondents;
    minK = Math.min(minK, o.k);
    included++;
  }
  return { tally, respondents, included, excluded: outcomes.length - included, minK };
}
