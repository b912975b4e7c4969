import type { Language } from '../contract/language.js';
import { chart, type Message, message } from '../contract/message.js';
import type { Group } from '../domain/group.js';
import type { CoreDeps } from '../kernel/deps.js';
import { type ClosedRound, type GroupRounds, TREND_COLUMNS } from './trends/select-rounds.js';
import { crossGroupTrendChart, groupTrendChart, type TrendChart } from './trends/trend-chart.js';

/**
 * Released rounds read per group for the picture across groups: one column per month over the last
 * TREND_COLUMNS months that have one, so at most that many months of rounds matter; groups meet every 3 to
 * 6 weeks, and five a month is far beyond what any group holds.
 */
const ROUNDS_PER_GROUP_ACROSS = 5 * TREND_COLUMNS;

/**
 * A group's released rounds with their counters, latest first. Rounds closed below k are not read at all:
 * they keep no counters, and no picture is computed from them (trends/select-rounds.ts checks it again).
 */
function releasedRounds(deps: CoreDeps, groupId: string, limit: number): ClosedRound[] {
  const { checkins } = deps.store;
  return checkins
    .listReleased(groupId, limit)
    .map((round) => ({ ...round, tally: checkins.tally(round.id) }));
}

/** The group's trend over its last 12 released rounds, in a language; undefined before its first one. */
export function groupTrend(deps: CoreDeps, group: Group, language: Language): TrendChart | undefined {
  return groupTrendChart(releasedRounds(deps, group.id, TREND_COLUMNS), {
    language,
    timeZone: group.timeZone,
    groupName: group.name,
  });
}

/** The trend across groups (one column per month, groups releasable on their own); undefined if none. */
export function groupsTrend(
  deps: CoreDeps,
  groups: readonly Group[],
  language: Language,
): TrendChart | undefined {
  const rounds: GroupRounds[] = groups.map((group) => ({
    groupId: group.id,
    timeZone: group.timeZone,
    rounds: releasedRounds(deps, group.id, ROUNDS_PER_GROUP_ACROSS),
  }));
  return crossGroupTrendChart(rounds, { language });
}

/** The message that carries a trend: the outbox draws it for the platform, or sends its words. */
export const trendMessage = (trend: TrendChart): Message => message(trend.title, chart(trend));
