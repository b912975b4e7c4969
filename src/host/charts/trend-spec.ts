import type { TopLevelSpec } from 'vega-lite';
import type { ScaleBucket as Bucket, TrendChart, TrendPanel } from '../../core/contract/chart.js';

/** One row of a panel's data: a column's median and middle half, at its position on the x axis. */
export type TrendRow = {
  /** 0-based position: the x field, so two rounds closed the same day stay two columns. */
  column: number;
  id: string;
  median: Bucket;
  low: Bucket;
  high: Bucket;
  respondents: number;
};

/** The family the SVG asks for; fonts.ts gives resvg the file (or its fallback when there is none). */
export const CHART_FONT = 'DejaVu Sans';

const COLUMN_WIDTH = 56;
const MIN_PLOT_WIDTH = 260;
const PANEL_HEIGHT = 120;
/** The same room for every panel's scale words, so that the four plots line up column under column. */
const SCALE_WORDS_WIDTH = 190;
/**
 * The widest a title line may be: twelve columns and the scale words fit (862 px), and with the padding
 * the PNG stays within the 1024 px Teams shows inline. A longer group name ends with an ellipsis; the text
 * alternative keeps it whole.
 */
const TITLE_LIMIT = 900;
/** The chart's two colours; its text and grid are greys. png-palette.ts builds the PNG's palette from them. */
export const INK = '#1f4e79';
export const SPREAD = '#a9c8e8';

export const panelRows = (panel: TrendPanel): TrendRow[] =>
  panel.columns.map((c, column) => ({
    column,
    id: c.id,
    median: c.median,
    low: c.low,
    high: c.high,
    respondents: c.respondents,
  }));

/**
 * A Vega expression that looks a value up in a list of labels. The labels are the core's own words (dates,
 * scale words, counts), written as JSON string literals, which Vega's expression language reads as is.
 */
const lookup = (labels: readonly (string | readonly string[])[]): string =>
  `${JSON.stringify(labels)}[datum.value]`;

export type SpecOptions = {
  /**
   * Dates and counts under the last panel only, and lower panels: about half the text, so half the bytes
   * of a PNG that must travel inside a message (Teams). The columns line up, so one axis still reads.
   */
  compact?: boolean;
};

type PanelLayout = { height: number; xLabels: boolean };
const COMPACT_PANEL_HEIGHT = 96;

/** A panel of a vertical concatenation, as vega-lite types it. */
type PanelSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

function panelSpec(
  panel: TrendPanel,
  width: number,
  xLabels: readonly (readonly string[])[],
  layout: PanelLayout,
): PanelSpec {
  const y = { type: 'quantitative', title: null } as const;
  return {
    title: { text: panel.title, anchor: 'start', fontSize: 13, fontWeight: 'bold', offset: 8 },
    width,
    height: layout.height,
    data: { values: panelRows(panel) },
    encoding: {
      x: {
        field: 'column',
        type: 'ordinal',
        title: null,
        scale: { domain: xLabels.map((_, i) => i), paddingInner: 0.2, paddingOuter: 0.3 },
        axis: layout.xLabels
          ? { labelExpr: lookup(xLabels), labelAngle: 0, labelPadding: 6, ticks: false, domain: false }
          : { labels: false, ticks: false, domain: false },
      },
    },
    layer: [
      {
        // The middle half of the answers: from the lower to the upper quartile.
        mark: { type: 'rule', strokeWidth: 10, strokeCap: 'round', color: SPREAD },
        encoding: {
          y: {
            ...y,
            field: 'low',
            // A little room past 1 and 5 so that a round cap or a point there is not cut.
            scale: { domain: [0.6, 5.4], nice: false, zero: false },
            axis: {
              values: [1, 2, 3, 4, 5],
              // Vega thins explicit values down to its tick count (one per 40 px by default).
              tickCount: 5,
              labelExpr: lookup(['', ...panel.scale]),
              minExtent: SCALE_WORDS_WIDTH,
              labelLimit: 0,
              // Every word of the scale, even when two lines come close (Vega would drop every other one).
              labelOverlap: false,
              domain: false,
              ticks: false,
              gridColor: '#e6e6e6',
            },
          },
          y2: { field: 'high' },
        },
      },
      {
        mark: { type: 'line', color: INK, strokeWidth: 1.5, opacity: 0.5 },
        encoding: { y: { ...y, field: 'median' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70, color: INK, opacity: 1 },
        encoding: { y: { ...y, field: 'median' } },
      },
    ],
  };
}

/**
 * The Vega-Lite specification of a trend: one panel per question stacked vertically (so a round's column
 * sits at the same x in every panel), one column per round or month, the median as a point joined to the
 * next, the middle half as a bar, y from 1 to 5 with the question's scale words. Every string comes from
 * the chart (already in the reader's language); the data is inline, nothing is fetched.
 */
export function trendSpec(chart: TrendChart, options: SpecOptions = {}): TopLevelSpec {
  const compact = options.compact === true;
  const columns = chart.panels[0]?.columns ?? [];
  const width = Math.max(MIN_PLOT_WIDTH, COLUMN_WIDTH * columns.length);
  const xLabels = columns.map((c) => c.axisLabel);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.altText,
    background: 'white',
    padding: 16,
    title: {
      text: chart.title,
      subtitle: [...chart.subtitle],
      anchor: 'start',
      limit: TITLE_LIMIT,
      fontSize: 16,
      subtitleFontSize: 11,
      subtitleColor: '#555555',
      offset: 14,
    },
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, labelColor: '#333333' },
      concat: { spacing: compact ? 14 : 22 },
    },
    vconcat: chart.panels.map((panel, i) =>
      panelSpec(panel, width, xLabels, {
        height: compact ? COMPACT_PANEL_HEIGHT : PANEL_HEIGHT,
        xLabels: !compact || i === chart.panels.length - 1,
      }),
    ),
  };
}
