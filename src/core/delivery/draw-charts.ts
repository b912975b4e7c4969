import type { ImageLimits, TrendChart } from '../contract/chart.js';
import type { Logger } from '../contract/logger.js';
import { type Block, chartAsText, type Message } from '../contract/message.js';
import { translator } from '../i18n/catalogue.js';
import type { ChartRenderer } from '../ports/charts.js';
import { withDeadline } from './deadline.js';

export type DrawOptions = {
  renderer: ChartRenderer | undefined;
  /** What the platform shows of a picture; undefined when it shows none. */
  limits: ImageLimits | undefined;
  logger: Logger;
  /** Longest wait for a drawing; past it the text alternative is sent. */
  timeoutMs: number;
};

/**
 * The message as the platform will get it: each chart block drawn as a picture for that platform, or,
 * when the platform shows no picture, no renderer is there, the drawing fails, takes too long or does not
 * fit, the chart's title and text alternative instead. A chart never stops its message: whatever happens
 * to the drawing, the words are sent. Runs at send time, outside any transaction; the stored row keeps
 * the chart's data, never the picture.
 */
export async function drawCharts(message: Message, options: DrawOptions): Promise<Message> {
  if (!message.blocks.some((b) => b.type === 'chart')) return message;
  const blocks: Block[] = [];
  for (const block of message.blocks) {
    if (block.type === 'chart') blocks.push(...(await drawChart(block.chart, options)));
    else blocks.push(block);
  }
  return { ...message, blocks };
}

async function drawChart(chart: TrendChart, options: DrawOptions): Promise<Block[]> {
  const { renderer, limits, logger, timeoutMs } = options;
  if (!renderer || !limits) return chartAsText(chart);
  try {
    const drawn = await withDeadline(
      renderer.draw(chart, limits),
      timeoutMs,
      () => new Error(`chart not drawn within ${timeoutMs} ms`),
    );
    if (!drawn) {
      logger.warn({ code: 'CHART.TOO_LARGE', maxBytes: limits.maxBytes }, 'chart sent as text');
      return chartAsText(chart);
    }
    return [
      {
        type: 'image',
        image: {
          pngBase64: Buffer.from(drawn.png).toString('base64'),
          width: drawn.width,
          height: drawn.height,
          title: chart.title,
          altText: chart.altText,
          filename: translator(chart.language)('trends.filename'),
        },
      },
    ];
  } catch (err) {
    // The error's class only: a drawing library's message may quote the chart's labels.
    logger.warn(
      { code: 'CHART.NOT_DRAWN', err: err instanceof Error ? err.name : 'unknown' },
      'chart sent as text',
    );
    return chartAsText(chart);
  }
}
