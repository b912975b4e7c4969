import type { ImageLimits, TrendChart } from '../contract/chart.js';

/** A chart drawn as a PNG, with its size in pixels. */
export type DrawnChart = { png: Uint8Array; width: number; height: number };

/**
 * Draws the core's charts; the host implements it with its chart libraries (the core knows none). The
 * outbox calls it when it sends a message with a chart, outside any transaction.
 */
export interface ChartRenderer {
  /**
   * The chart as a PNG drawn for a platform's limits: at `scale`, and within `maxBytes` when given (more
   * compact drawings are tried in turn). Undefined when no drawing fits; throws when it cannot draw.
   */
  draw(chart: TrendChart, limits: ImageLimits): Promise<DrawnChart | undefined>;
}
