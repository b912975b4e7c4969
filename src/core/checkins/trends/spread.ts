import type { ScaleBucket } from '../../contract/chart.js';

/** A point of the 1–5 scale. */
export type Bucket = ScaleBucket;

/**
 * What a trend shows of one distribution: the median and the middle half of the answers (lower to upper
 * quartile). The interquartile range rather than min–max: in groups of 5 to 8, the minimum and maximum
 * are each one person's answer, so a min–max bar would move with a single member and draw the eye to
 * them; the middle half says how the group as a whole is doing, and moves only when several answers do.
 * The lowest answers are not hidden by this: the round's own result shows every bucket, and a member at
 * the bottom of the scale already gets the support contacts at once.
 */
export type Spread = { median: Bucket; low: Bucket; high: Bucket; respondents: number };

/**
 * The bucket at a 1-based rank of the sorted answers, the answers given as counts per bucket (1..5).
 * Undefined when the rank is outside 1..total.
 */
function bucketAtRank(counts: readonly number[], rank: number): Bucket | undefined {
  let seen = 0;
  for (let i = 0; i < 5; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return (i + 1) as Bucket;
  }
  return undefined;
}

/**
 * The nearest-rank quantile num/den of a distribution: the answer at rank ⌈num·n/den⌉ of the n sorted
 * answers. At 1/2 this is exactly `median` in domain/checkin.ts (rank ⌈n/2⌉, the lower median for an even
 * count), so the quartiles follow the same rule as the median the round's result shows: always one of
 * the answers given, never an average of two, and low ≤ median ≤ high.
 */
export function quantileBucket(counts: readonly number[], num: number, den: number): Bucket | undefined {
  const total = counts.slice(0, 5).reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  return bucketAtRank(counts, Math.max(1, Math.ceil((num * total) / den)));
}

/** Median and quartiles of one question's counts; undefined when nobody answered. */
export function spreadOf(counts: readonly number[]): Spread | undefined {
  const respondents = counts.slice(0, 5).reduce((a, b) => a + b, 0);
  const median = quantileBucket(counts, 1, 2);
  const low = quantileBucket(counts, 1, 4);
  const high = quantileBucket(counts, 3, 4);
  if (median === undefined || low === undefined || high === undefined) return undefined;
  return { median, low, high, respondents };
}
