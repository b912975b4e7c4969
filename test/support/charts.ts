import type { ChartRenderer } from '../../src/core/ports/charts.js';

/**
 * A renderer that never draws: every trend picture reaches the platform as its words (title and text
 * alternative), which carry the same figures. For tests that read the figures, not the pixels, over many
 * rounds (drawing takes 100 to 400 ms a picture).
 */
export const wordsOnly: ChartRenderer = { draw: async () => undefined };

/** The answer counts a trend's words give, column by column ("Number of answers: 2 March 2026: 4; …"). */
export function trendCounts(text: string): number[] {
  const line = text.split('\n').find((l) => /^(Number of answers|Nombre de réponses)\s?:/.test(l));
  if (!line) return [];
  return line
    .replace(/^[^:]*:\s*/, '')
    .replace(/\.$/, '')
    .split(' ; ')
    .flatMap((part) => part.split('; '))
    .map((column) => Number(/:\s*(\d+)(?: \(.*\))?$/.exec(column)?.[1]));
}
