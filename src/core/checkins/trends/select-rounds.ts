import { DateTime } from 'luxon';
import {
  aggregateReleasable,
  CHECKIN_QUESTIONS,
  type CheckinRound,
  isReleasable,
  type Tally,
} from '../../domain/checkin.js';

/** How many columns a trend shows at most: a year of rounds (a session every 3 to 6 weeks). */
export const TREND_COLUMNS = 12;

/** A closed round as the store gives it: its release decision and, if released, its counters. */
export type ClosedRound = Pick<CheckinRound, 'id' | 'closedAt' | 'released' | 'respondents' | 'k'> & {
  tally: Tally;
};

/** A group's closed rounds and the time zone in which its months are counted. */
export type GroupRounds = { groupId: string; timeZone: string; rounds: readonly ClosedRound[] };

/**
 * One column of a trend: a sum of whole rounds, each released and releasable on its own. `key` is the
 * round's id (a group's trend) or the month, yyyy-mm (across groups).
 */
export type TrendColumnData = {
  key: string;
  roundIds: readonly string[];
  /** The round's closing time; across groups, the month's first day (UTC midnight). */
  at: Date;
  respondents: number;
  groups: number;
  /** The smallest k among the rounds summed: the column differs from any other by at least this. */
  minK: number;
  tally: Tally;
};

type ReleasedRound = ClosedRound & { closedAt: Date; respondents: number };

/**
 * Released, releasable and whole: the flag says the round was released at close, the count says it had at
 * least k respondents (so a wrong flag alone never lets a round in), and every question's counters add up
 * to that count (a chart never reads counters that would stand for fewer people than the count released).
 */
function isReleasedRound(round: ClosedRound): round is ReleasedRound {
  const { released, respondents, k, closedAt, tally } = round;
  if (!released || respondents === null || closedAt === null || !isReleasable(respondents, k)) return false;
  return CHECKIN_QUESTIONS.every((q) => tally[q].reduce((a, b) => a + b, 0) === respondents);
}

const byCloseThenId = (a: ReleasedRound, b: ReleasedRound) =>
  a.closedAt.getTime() - b.closedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A group's trend: its released rounds only, the last TREND_COLUMNS of them, oldest first, one column each.
 * A round closed below k (or not released for any reason) gives nothing, not even a gap: its answers were
 * never released, so no figure here is computed from them. The caller passes enough closed rounds for
 * 12 released ones (rounds below k are skipped, not counted).
 */
export function trendOfGroup(rounds: readonly ClosedRound[]): TrendColumnData[] {
  return rounds
    .filter(isReleasedRound)
    .sort(byCloseThenId)
    .slice(-TREND_COLUMNS)
    .map((r) => ({
      key: r.id,
      roundIds: [r.id],
      at: r.closedAt,
      respondents: r.respondents,
      groups: 1,
      minK: r.k,
      tally: r.tally,
    }));
}

/** yyyy-mm of a round's closing, in its group's time zone (a round closed on the 31st at 23:30 in Paris is March's). */
const monthOf = (at: Date, timeZone: string): string =>
  DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM');

/**
 * The trend across a facilitator's groups: one column per calendar month, the last TREND_COLUMNS months
 * that have one. A column sums, for each group, its latest released round closed that month; a group with
 * no releasable round that month is simply not in it.
 *
 * Why months: groups meet on their own calendars (every 3 to 6 weeks), so "the n-th round" of two groups
 * may be half a year apart; the calendar is the one axis they share. One round per group per month keeps a
 * column a count of people, not of answers given twice by the same group.
 *
 * Why no subtraction isolates fewer than k people: the sum is `aggregateReleasable`'s, the rule of
 * `/cairn checkin all`, so every column is a sum of whole rounds, each with at least its own k respondents.
 * Two columns (of one chart, of two charts asked at different times or for different sets of groups, or
 * a column and a group's own result) whose rounds are nested differ by whole rounds, so by at least the
 * smallest k among them; a round below k is in no column, so no difference can contain any of it.
 * Columns of different months share no round at all. test/privacy/threshold-trends.property.test.ts
 * checks every such pair.
 */
export function trendAcrossGroups(groups: readonly GroupRounds[]): TrendColumnData[] {
  const months = new Map<string, Map<string, ReleasedRound>>();
  for (const { groupId, timeZone, rounds } of groups)
    for (const round of rounds.filter(isReleasedRound)) {
      const month = monthOf(round.closedAt, timeZone);
      const ofMonth = months.get(month) ?? new Map<string, ReleasedRound>();
      const kept = ofMonth.get(groupId);
      if (!kept || byCloseThenId(kept, round) < 0) ofMonth.set(groupId, round);
      months.set(month, ofMonth);
    }
  return [...months.keys()]
    .sort()
    .slice(-TREND_COLUMNS)
    .flatMap((month) => {
      const rounds = [...(months.get(month)?.values() ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
      const sum = aggregateReleasable(rounds);
      // Every round here is releasable, so the aggregate includes them all; checked, not assumed.
      if (sum.included !== rounds.length || sum.included === 0) return [];
      return [
        {
          key: month,
          roundIds: rounds.map((r) => r.id),
          at: new Date(`${month}-01T00:00:00Z`),
          respondents: sum.respondents,
          groups: sum.included,
          minK: sum.minK,
          tally: sum.tally,
        },
      ];
    });
}
