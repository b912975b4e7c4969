import type { ChartFonts } from './fonts.js';
import { type GlyphWidths, readGlyphWidths, textWidth } from './text-width.js';

/** What Vega passes a width function: the text item (its font size and weight) and one line of text. */
type TextItem = {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  limit?: number | string | null;
};
type TextMetrics = { width: (item: TextItem, text: unknown) => number };

const isBold = (weight: TextItem['fontWeight']) =>
  weight === 'bold' || weight === 'bolder' || (weight != null && Number(weight) >= 600);

/**
 * Makes Vega measure text by the chart's font files (text-width.ts says why). `textMetrics` is Vega's own
 * hook, exported at run time though its typings omit it; a Vega without it keeps its estimate. Set once
 * for the process: Cairn is the only user of Vega in it.
 */
export function measureTextWithFonts(vega: object, fonts: ChartFonts): void {
  const metrics = (vega as { textMetrics?: TextMetrics }).textMetrics;
  if (!metrics) return;
  const regular: GlyphWidths | undefined = fonts.regular ? readGlyphWidths(fonts.regular) : undefined;
  const bold = (fonts.bold ? readGlyphWidths(fonts.bold) : undefined) ?? regular;
  metrics.width = (item, text) => {
    // Vega's default size is 11 px.
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const width = textWidth(String(text ?? '').trim(), size, isBold(item.fontWeight) ? bold : regular);
    // Text longer than its limit is drawn cut to it: its bounds must say so too. Vega's own truncation
    // only asks whether a width is below the limit, which the cap leaves unchanged.
    const limit = Number(item.limit) || 0;
    return limit > 0 ? Math.min(width, limit) : width;
  };
}
