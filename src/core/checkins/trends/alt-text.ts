import type { Translate } from '../../i18n/catalogue.js';
import type { TrendChart, TrendPanel } from './trend-chart.js';

/**
 * The chart in words, for screen readers and for clients that show no image: the intro, how to read it,
 * then for each question every column's median and middle half, then the number of answers per column
 * (and, across groups, of groups).
 * One line each, so that a platform showing it as a message keeps it readable.
 */
export function altText(
  t: Translate,
  scope: TrendChart['scope'],
  intro: string,
  panels: readonly TrendPanel[],
): string {
  const sep = t('trends.alt.separator');
  const lines = [intro, t('trends.alt.howToRead')];
  for (const panel of panels) {
    const values = panel.columns
      .map((c) => t('trends.alt.value', { label: c.label, median: c.median, low: c.low, high: c.high }))
      .join(sep);
    lines.push(
      t('trends.alt.question', {
        question: panel.title,
        hint: t(`checkin.q.${panel.question}.hint`),
        values,
      }),
    );
  }
  const counts = (panels[0]?.columns ?? []).map((c) =>
    scope === 'groups'
      ? t('trends.alt.countGroups', { label: c.label, count: c.respondents, groups: c.groups })
      : t('trends.alt.count', { label: c.label, count: c.respondents }),
  );
  lines.push(t('trends.alt.respondents', { values: counts.join(sep) }));
  return lines.join('\n');
}
