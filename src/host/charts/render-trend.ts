import type { TrendChart } from '../../core/contract/chart.js';
import { type ChartFonts, chartFonts, fontFiles } from './fonts.js';
import { encodeIndexedPng } from './png-palette.js';
import { type SpecOptions, trendSpec } from './trend-spec.js';

export type RenderedChart = { png: Buffer; width: number; height: number };

export type RenderOptions = SpecOptions & {
  /** Pixels per point of the chart: 1 keeps the PNG small (Teams carries it inline), 2 for sharp screens. */
  scale?: number;
  /** The fonts resvg draws with (tests draw with none); layout always measures with chartFonts(). */
  fonts?: ChartFonts;
};

/**
 * Vega, Vega-Lite and resvg, loaded at the first chart and not before: they take 150 to 500 ms to load
 * (more on a busy machine) and are not needed to start Cairn. A failed load (a missing resvg binary) is not cached, so the
 * next chart tries again; the caller sends the text alternative meanwhile.
 */
let libraries: Promise<typeof import('./libraries.js')> | undefined;
function loadLibraries() {
  libraries ??= import('./libraries.js').catch((error: unknown) => {
    libraries = undefined;
    throw error;
  });
  return libraries;
}

/** The chart as SVG, rendered by Vega in Node, with no browser and no canvas. */
export async function renderTrendSvg(chart: TrendChart, options: SpecOptions = {}): Promise<string> {
  const { vega, vegaLite } = await loadLibraries();
  const view = new vega.View(vega.parse(vegaLite.compile(trendSpec(chart, options)).spec), {
    renderer: 'none',
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as a PNG on a white background (indexed colour, see png-palette.ts), and its size in pixels.
 * resvg reads the fonts and draws on libuv's thread pool (renderAsync), not on the event loop that answers
 * Slack and Teams.
 */
export async function renderTrendPng(chart: TrendChart, options: RenderOptions = {}): Promise<RenderedChart> {
  return svgToPng(await renderTrendSvg(chart, options), options);
}

/** An SVG drawn by renderTrendSvg, as a PNG at a scale (one layout, several sizes: see chart-renderer.ts). */
export async function svgToPng(
  svg: string,
  options: Pick<RenderOptions, 'scale' | 'fonts'> = {},
): Promise<RenderedChart> {
  const { rasterize } = await loadLibraries();
  const fonts = options.fonts ?? chartFonts();
  const image = await rasterize(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 1 },
    font: {
      loadSystemFonts: fonts.system,
      fontFiles: fontFiles(fonts),
      ...(fonts.family ? { defaultFontFamily: fonts.family, sansSerifFamily: fonts.family } : {}),
    },
  });
  const { width, height, pixels } = image;
  return { png: await encodeIndexedPng({ width, height, pixels }), width, height };
}
