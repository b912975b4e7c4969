import { readFileSync } from 'node:fs';

/**
 * Text widths from the font file resvg draws with. Vega lays out titles and axis labels by the width of
 * their text; in Node, with no canvas, it guesses 0.8 em a character, which is a third too wide for DejaVu
 * Sans (labels cut short, space wasted). Vega lets us give it a width function (vl-convert does the same);
 * this one reads the advance widths from the TrueType file (head, hhea, hmtx and a format 4 cmap), so that
 * the layout matches the drawing. Kerning is ignored: a word comes out a little wider, never cut.
 */
export type GlyphWidths = { unitsPerEm: number; advanceOf: (codePoint: number) => number | undefined };

/** Used for a character the font lacks and when there is no font file at all. */
const FALLBACK_EM = 0.6;

type Tables = Map<string, number>;

function tablesOf(font: Buffer): Tables {
  const tables: Tables = new Map();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

/** Glyph id of a BMP code point in a format 4 cmap subtable; 0 (the missing glyph) when there is none. */
function glyphOf(font: Buffer, subtable: number, codePoint: number): number {
  const segments = font.readUInt16BE(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let i = 0; i < segments; i++) {
    if (font.readUInt16BE(ends + 2 * i) < codePoint) continue;
    const start = font.readUInt16BE(starts + 2 * i);
    if (start > codePoint) return 0;
    const delta = font.readInt16BE(deltas + 2 * i);
    const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * i);
    if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
    const glyph = font.readUInt16BE(rangeOffsets + 2 * i + rangeOffset + 2 * (codePoint - start));
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  }
  return 0;
}

/** The Unicode BMP subtable (Windows 3/1 or Unicode 0/3) if it is in format 4. */
function unicodeSubtable(font: Buffer, cmap: number): number | undefined {
  const count = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const subtable = cmap + font.readUInt32BE(record + 4);
    const unicode = (platform === 3 && encoding === 1) || (platform === 0 && encoding === 3);
    if (unicode && font.readUInt16BE(subtable) === 4) return subtable;
  }
  return undefined;
}

/** The advance widths of a TrueType font file; undefined when the file cannot be read as one. */
export function readGlyphWidths(file: string): GlyphWidths | undefined {
  try {
    const font = readFileSync(file);
    const tables = tablesOf(font);
    const [head, hhea, hmtx, cmap] = ['head', 'hhea', 'hmtx', 'cmap'].map((tag) => tables.get(tag));
    if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined)
      return undefined;
    const subtable = unicodeSubtable(font, cmap);
    if (subtable === undefined) return undefined;
    const unitsPerEm = font.readUInt16BE(head + 18);
    const metrics = font.readUInt16BE(hhea + 34);
    const cache = new Map<number, number | undefined>();
    const advanceOf = (codePoint: number): number | undefined => {
      if (cache.has(codePoint)) return cache.get(codePoint);
      const glyph = codePoint > 0xffff ? 0 : glyphOf(font, subtable, codePoint);
      // Glyphs past the last full metric share its advance (the hmtx table's rule).
      const advance = glyph === 0 ? undefined : font.readUInt16BE(hmtx + 4 * Math.min(glyph, metrics - 1));
      cache.set(codePoint, advance);
      return advance;
    };
    return { unitsPerEm, advanceOf };
  } catch {
    return undefined;
  }
}

/** The width in pixels of a line of text at a font size, by the font's widths when there are some. */
export function textWidth(text: string, fontSize: number, widths: GlyphWidths | undefined): number {
  let em = 0;
  for (const char of text) {
    const advance = widths?.advanceOf(char.codePointAt(0) ?? 0);
    em += advance === undefined || !widths ? FALLBACK_EM : advance / widths.unitsPerEm;
  }
  return em * fontSize;
}
