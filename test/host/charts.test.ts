import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { logger, Warn } from 'vega';
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../manifest/teams/png.js';
import { groupTrendChart, type TrendChart } from '../../src/core/checkins/trends/trend-chart.js';
import { chartFonts, fontFiles } from '../../src/host/charts/fonts.js';
import { renderTrendPng, renderTrendSvg } from '../../src/host/charts/render-trend.js';
import { readGlyphWidths, textWidth } from '../../src/host/charts/text-width.js';
import { type TrendRow, trendSpec } from '../../src/host/charts/trend-spec.js';
import { closedRound, EIGHT, FIVE, times } from '../support/rounds.js';
import { colourCounts, decodePng } from './support/png.js';

const ROOT = join(import.meta.dirname, '..', '..');
const rounds = [
  closedRound('round-A', '2026-03-03T17:00:00Z', 4, FIVE),
  closedRound('round-below', '2026-04-07T17:00:00Z', 4, times(3, [1, 1, 1, 1])),
  closedRound('round-B', '2026-05-12T17:00:00Z', 4, EIGHT),
];
const chartOf = (groupName: string, language: 'fr' | 'en' = 'fr'): TrendChart =>
  groupTrendChart(rounds, { language, timeZone: 'Europe/Paris', groupName })!;

/** The parts of the spec the tests read (vega-lite types it as a wide union). */
type PanelView = {
  title: { text: string };
  data: { values: TrendRow[] };
  encoding: { x: { axis: { labelExpr: string } } };
  layer: {
    encoding: { y: { scale?: { domain: number[] }; axis?: { labelExpr: string; values: number[] } } };
  }[];
};
const panelsOf = (chart: TrendChart) => (trendSpec(chart) as unknown as { vconcat: PanelView[] }).vconcat;
/** The label list a `[...][datum.value]` expression looks up. */
const labelsIn = (expr: string): unknown => JSON.parse(expr.slice(0, expr.lastIndexOf('[datum.value]')));

describe('the trend chart specification', () => {
  it("carries each panel's released columns: medians and middle halves, nothing of a round below k", () => {
    const panels = panelsOf(chartOf('Groupe Lyon'));
    expect(panels.map((p) => p.title.text)).toEqual([
      'Ma charge de travail',
      'Le soutien que je ressens',
      'Mon recul sur ma situation',
      'Comment je vais, globalement',
    ]);
    expect(panels[0]?.data.values).toEqual([
      { column: 0, id: 'round-A', median: 2, low: 2, high: 3, respondents: 5 },
      { column: 1, id: 'round-B', median: 2, low: 1, high: 4, respondents: 8 },
    ]);
    expect(panels[3]?.data.values.map((r) => [r.low, r.median, r.high])).toEqual([
      [3, 3, 3],
      [3, 3, 3],
    ]);
    const json = JSON.stringify(trendSpec(chartOf('Groupe Lyon')));
    expect(json).not.toContain('round-below');
    expect(json).not.toMatch(/"url"/);
  });

  it('labels each column with its date and count, and y from 1 to 5 with the scale words', () => {
    const [workload] = panelsOf(chartOf('Lyon group', 'en'));
    expect(labelsIn(workload!.encoding.x.axis.labelExpr)).toEqual([
      ['3 Mar', '2026', 'n = 5'],
      ['12 May', '2026', 'n = 8'],
    ]);
    const y = workload!.layer[0]!.encoding.y;
    expect(y.axis?.values).toEqual([1, 2, 3, 4, 5]);
    expect(labelsIn(y.axis!.labelExpr)).toEqual([
      '',
      '1 — overwhelming',
      '2 — heavy',
      '3 — tight but bearable',
      '4 — reasonable',
      '5 — entirely manageable',
    ]);
    expect(y.scale?.domain[0]).toBeLessThan(1);
    expect(y.scale?.domain[1]).toBeGreaterThan(5);
  });

  it('compiles with Vega-Lite without a warning', () => {
    const warnings: unknown[] = [];
    const log = logger(Warn, undefined, (_method, _level, input) => warnings.push(...input));
    expect(compile(trendSpec(chartOf('Groupe Lyon')), { logger: log }).spec.marks?.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
});

describe('the trend chart as SVG and PNG', () => {
  const hostile = chartOf('<Lyon & "co">');
  let first: { ms: number; png: Buffer; width: number; height: number };

  beforeAll(async () => {
    const start = performance.now();
    const rendered = await renderTrendPng(hostile);
    first = { ...rendered, ms: performance.now() - start };
  });

  it('draws the words of the chart, escaped', async () => {
    const svg = await renderTrendSvg(hostile);
    for (const words of ['Ma charge de travail', '5 — tout à fait soutenable', '12 mai', 'n = 8'])
      expect(svg).toContain(words);
    expect(svg).toContain('&lt;Lyon &amp; ');
    expect(svg).not.toContain('<Lyon');
  });

  it('is a PNG of the size it says, not blank, with the medians and spreads drawn, the same each time', async () => {
    expect(pngSize(first.png)).toEqual({ width: first.width, height: first.height });
    expect(first.width).toBeGreaterThan(500);
    expect(first.width).toBeLessThanOrEqual(1024);
    expect(first.height).toBeGreaterThan(600);
    expect(first.height).toBeLessThanOrEqual(1024);
    const colours = colourCounts(decodePng(first.png));
    const pixels = first.width * first.height;
    expect(colours.size).toBeGreaterThan(10);
    expect(1 - (colours.get('ffffff') ?? 0) / pixels).toBeGreaterThan(0.02);
    // 8 median points (4 panels × 2 rounds) in the ink colour, and the spread bars in theirs.
    expect(colours.get('1f4e79') ?? 0).toBeGreaterThan(8 * 20);
    expect(colours.get('a9c8e8') ?? 0).toBeGreaterThan(8 * 50);

    const start = performance.now();
    const again = await renderTrendPng(hostile);
    const ms = performance.now() - start;
    expect(again.png.equals(first.png)).toBe(true);
    const double = await renderTrendPng(hostile, { scale: 2 });
    expect(Math.abs(double.width - 2 * first.width)).toBeLessThanOrEqual(1);
    expect(pngSize(double.png)).toEqual({ width: double.width, height: double.height });
    console.log(
      `Trend chart (2 rounds): first render ${first.ms.toFixed(0)} ms, then ${ms.toFixed(0)} ms; ${first.width}×${first.height} px, ${first.png.length} bytes (×2: ${double.png.length} bytes)`,
    );
  });

  it('stays within 1024 px wide with 12 rounds and the longest group name', async () => {
    const year = Array.from({ length: 14 }, (_, i) =>
      closedRound(
        `r${i}`,
        new Date(Date.UTC(2026, 0, 12 + 28 * i, 17)).toISOString(),
        4,
        i % 2 ? FIVE : EIGHT,
      ),
    );
    const name = 'Groupe Auvergne-Rhône-Alpes — managers de proximité des sites industriels 2026';
    expect(name.length).toBeLessThanOrEqual(80);
    const chart = groupTrendChart(year, { language: 'fr', timeZone: 'Europe/Paris', groupName: name })!;
    expect(chart.panels[0]?.columns).toHaveLength(12);
    const { width, height, png } = await renderTrendPng(chart);
    // Small enough to send anywhere (resvg's RGBA PNG of the same picture: about 94 KB).
    expect(png.length).toBeLessThan(32_000);
    expect(width).toBeGreaterThan(800);
    expect(width).toBeLessThanOrEqual(1024);
    expect(height).toBeLessThanOrEqual(1024);
    expect(chart.altText).toContain(name);
  });

  it('keeps every pixel close to what resvg drew, in a third of the bytes', async () => {
    const svg = await renderTrendSvg(hostile);
    const fonts = chartFonts();
    const drawn = new Resvg(svg, {
      background: 'white',
      font: { loadSystemFonts: fonts.system, fontFiles: fontFiles(fonts), defaultFontFamily: fonts.family },
    }).render();
    const sent = decodePng(first.png);
    expect(sent.indexed).toBe(true);
    expect([sent.width, sent.height]).toEqual([drawn.width, drawn.height]);
    // `pixels` is a getter that copies the image out of resvg: read it once.
    const original = drawn.pixels;
    let total = 0;
    let worst = 0;
    for (let i = 0; i < original.length; i++) {
      if (i % 4 === 3) continue;
      const error = Math.abs(original[i]! - sent.pixels[i]!);
      total += error;
      worst = Math.max(worst, error);
    }
    const mean = total / ((original.length * 3) / 4);
    expect(mean).toBeLessThan(1);
    expect(worst).toBeLessThan(48);
    const rgba = drawn.asPng().length;
    expect(first.png.length).toBeLessThan(rgba / 2.5);
    console.log(
      `Indexed PNG: ${first.png.length} bytes against ${rgba} for resvg's RGBA; per channel, mean error ${mean.toFixed(2)}, worst ${worst}`,
    );
  });

  it('renders without any font: the marks but no text, no failure', async () => {
    const bare = await renderTrendPng(hostile, {
      fonts: { regular: undefined, bold: undefined, family: undefined, system: false },
    });
    expect({ width: bare.width, height: bare.height }).toEqual({ width: first.width, height: first.height });
    const dark = (png: Buffer) =>
      [...colourCounts(decodePng(png))].filter(([c]) => parseInt(c, 16) < 0x606060).length;
    const withText = colourCounts(decodePng(first.png));
    const without = colourCounts(decodePng(bare.png));
    expect(without.get('1f4e79') ?? 0).toBe(withText.get('1f4e79') ?? 0);
    if (chartFonts().regular) expect(dark(bare.png)).toBeLessThan(dark(first.png));
  });
});

describe('text widths for the layout', () => {
  const regular = chartFonts().regular;

  it.skipIf(!regular)('are read from the font file: DejaVu Sans advance widths', () => {
    const widths = readGlyphWidths(regular!)!;
    expect(widths.unitsPerEm).toBe(2048);
    expect(widths.advanceOf('M'.codePointAt(0)!)).toBeGreaterThan(widths.advanceOf('i'.codePointAt(0)!)!);
    expect(widths.advanceOf('é'.codePointAt(0)!)).toBe(widths.advanceOf('e'.codePointAt(0)!));
    const em = textWidth('5 — tout à fait soutenable', 10, widths) / 10 / 26;
    expect(em).toBeGreaterThan(0.4);
    expect(em).toBeLessThan(0.7);
  });

  it('fall back to 0.6 em a character without a readable font', () => {
    expect(readGlyphWidths(join(ROOT, 'package.json'))).toBeUndefined();
    expect(readGlyphWidths('/nonexistent/font.ttf')).toBeUndefined();
    expect(textWidth('abcde', 10, undefined)).toBeCloseTo(30);
  });
});

describe('start-up cost', () => {
  it('loads vega, vega-lite and resvg only when a chart is drawn: one module imports them, dynamically', () => {
    const dir = join(ROOT, 'src', 'host', 'charts');
    const LIBRARIES = /from\s+'(vega|vega-lite|@resvg\/resvg-js)'/;
    for (const name of readdirSync(dir)) {
      const source = readFileSync(join(dir, name), 'utf8');
      const runtime = source
        .split('\n')
        .filter((line) => LIBRARIES.test(line) && !/^import type /.test(line));
      if (name === 'libraries.ts') expect(runtime.length).toBeGreaterThan(0);
      else expect(runtime, name).toEqual([]);
      expect(/from '\.\/libraries\.js'/.test(source) && !/^import type .*libraries/m.test(source), name).toBe(
        false,
      );
    }
    const trends = join(ROOT, 'src', 'core', 'checkins', 'trends');
    for (const name of readdirSync(trends))
      expect(readFileSync(join(trends, name), 'utf8')).not.toMatch(/vega|resvg/);
  });
});
