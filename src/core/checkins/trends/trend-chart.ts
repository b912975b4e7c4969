import type {
  TrendChart as ContractTrendChart,
  TrendPanel as ContractTrendPanel,
  ScaleWords,
  TrendColumn,
} from '../../contract/chart.js';
import type { Language } from '../../contract/language.js';
import { CHECKIN_QUESTIONS, type CheckinQuestion } from '../../domain/checkin.js';
import { type Translate, translator } from '../../i18n/catalogue.js';
import { altText } from './alt-text.js';
import { type ColumnName, monthName, roundName } from './labels.js';
import {
  type ClosedRound,
  type GroupRounds,
  type TrendColumnData,
  trendAcrossGroups,
  trendOfGroup,
} from './select-rounds.js';
import { type Spread, spreadOf } from './spread.js';

/**
 * The picture's data, as the contract types it (drawn by the host, carried in a message's `chart` block),
 * with the check-in's questions for panels.
 */
export type TrendPanel = ContractTrendPanel<CheckinQuestion>;
export type TrendChart = ContractTrendChart<CheckinQuestion>;
export type { ScaleWords, TrendColumn };

export type GroupChartView = { language: Language; timeZone: string; groupName: string };
export type GroupsChartView = { language: Language };

const scaleOf = (t: Translate, q: CheckinQuestion): ScaleWords => [
  t(`checkin.q.${q}.1`),
  t(`checkin.q.${q}.2`),
  t(`checkin.q.${q}.3`),
  t(`checkin.q.${q}.4`),
  t(`checkin.q.${q}.5`),
];

type NamedColumn = { data: TrendColumnData; name: ColumnName; spreads: Record<CheckinQuestion, Spread> };

/** Each question's median and quartiles; a column whose counters would give none is left out. */
function withSpreads(data: TrendColumnData, name: ColumnName): NamedColumn[] {
  const spreads: Partial<Record<CheckinQuestion, Spread>> = {};
  for (const q of CHECKIN_QUESTIONS) {
    const spread = spreadOf(data.tally[q]);
    if (!spread) return [];
    spreads[q] = spread;
  }
  return [{ data, name, spreads: spreads as Record<CheckinQuestion, Spread> }];
}

function panelsOf(t: Translate, scope: TrendChart['scope'], columns: readonly NamedColumn[]): TrendPanel[] {
  return CHECKIN_QUESTIONS.map((question) => ({
    question,
    title: t(`checkin.q.${question}`),
    scale: scaleOf(t, question),
    columns: columns.map(({ data, name, spreads }) => ({
      id: data.key,
      roundIds: data.roundIds,
      label: name.label,
      axisLabel: [
        ...name.axisLines,
        t('trends.axisCount', { count: data.respondents }),
        ...(scope === 'groups' ? [t('trends.axisGroups', { count: data.groups })] : []),
      ],
      respondents: data.respondents,
      groups: data.groups,
      median: spreads[question].median,
      low: spreads[question].low,
      high: spreads[question].high,
    })),
  }));
}

/**
 * A group's trend picture from its closed rounds (any order, released or not): its last 12 released
 * rounds, dated in the group's time zone. Undefined when the group has no released round yet.
 */
export function groupTrendChart(
  rounds: readonly ClosedRound[],
  view: GroupChartView,
): TrendChart | undefined {
  const t = translator(view.language);
  const columns = trendOfGroup(rounds).flatMap((data) =>
    withSpreads(data, roundName(data.at, view.language, view.timeZone)),
  );
  const first = columns[0];
  const last = columns.at(-1);
  if (!first || !last) return undefined;
  const panels = panelsOf(t, 'group', columns);
  const intro = t('trends.alt.groupIntro', {
    group: view.groupName,
    count: columns.length,
    from: first.name.label,
    to: last.name.label,
  });
  return {
    scope: 'group',
    language: view.language,
    title: t('trends.groupTitle', { group: view.groupName }),
    subtitle: [t('trends.legend')],
    panels,
    altText: altText(t, 'group', intro, panels),
  };
}

/**
 * The picture across a facilitator's groups: one column per month, summing only rounds releasable on
 * their own (see `trendAcrossGroups` for why no two figures can be subtracted to isolate fewer than k
 * people). Undefined when no group has a released round.
 */
export function crossGroupTrendChart(
  groups: readonly GroupRounds[],
  view: GroupsChartView,
): TrendChart | undefined {
  const t = translator(view.language);
  const columns = trendAcrossGroups(groups).flatMap((data) =>
    withSpreads(data, monthName(data.key, view.language)),
  );
  const first = columns[0];
  const last = columns.at(-1);
  if (!first || !last) return undefined;
  const panels = panelsOf(t, 'groups', columns);
  const intro = t('trends.alt.groupsIntro', {
    count: columns.length,
    from: first.name.label,
    to: last.name.label,
  });
  return {
    scope: 'groups',
    language: view.language,
    title: t('trends.groupsTitle'),
    subtitle: [t('trends.legend'), t('trends.groupsLegend')],
    panels,
    altText: altText(t, 'groups', intro, panels),
  };
}
