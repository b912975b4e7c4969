import type { ImageLimits, TrendChart } from '../../core/contract/chart.js';
import type { ChartRenderer, DrawnChart } from '../../core/ports/charts.js';
import { renderTrendSvg, svgToPng } from './render-trend.js';

/** One drawing of a chart: its layout and its scale. */
export type Variant = { compact: boolean; scale: number };

/**
 * The drawings tried, in order, for a platform that carries the picture inside its message (Teams): the
 * full picture, then the compact layout (dates under the last panel only, lower panels), smaller and
 * smaller. A year of rounds in French with an 80-character group name: 30.6 KB at scale 1, compact 21.5,
 * 19.9 (0.9), 17.2 (0.8) and 15.6 KB (0.75), measured; the words are most of the bytes, so fewer colours
 * gain little. Below 0.75 the smallest words fall under 8 px, and the text alternative says it better.
 */
const COMPACT_SCALES = [1, 0.9, 0.8, 0.75];

export function variantsFor(limits: ImageLimits): Variant[] {
  const full: Variant = { compact: false, scale: limits.scale };
  if (limits.maxBytes === undefined) return [full];
  return [
    full,
    ...COMPACT_SCALES.filter((s) => s <= limits.scale).map((scale) => ({ compact: true, scale })),
  ];
}

/**
 * Cairn's chart renderer (the core's ChartRenderer port), with Vega-Lite, Vega and resvg (render-trend.ts).
 * Each layout is laid out once and rasterized at each scale tried. One chart at a time: laying out is
 * synchronous JavaScript (100 to 300 ms), and sixteen sends drawing at once would hold the event loop
 * that must answer Slack within 3 s; one after the other, each wait stays short. The queue is bounded by
 * the outbox's sends in flight.
 */
export function createChartRenderer(): ChartRenderer {
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const done = queue.then(work, work);
    queue = done.catch(() => undefined);
    return done;
  };
  return { draw: (chart, limits) => serially(() => drawWithin(chart, limits)) };
}

async function drawWithin(chart: TrendChart, limits: ImageLimits): Promise<DrawnChart | undefined> {
  const layouts = new Map<boolean, Promise<string>>();
  for (const { compact, scale } of variantsFor(limits)) {
    let svg = layouts.get(compact);
    if (!svg) {
      svg = renderTrendSvg(chart, { compact });
      layouts.set(compact, svg);
    }
    const drawn = await svgToPng(await svg, { scale });
    if (limits.maxBytes === undefined || drawn.png.byteLength <= limits.maxBytes) return drawn;
  }
  return undefined;
}
