import * as vega from 'vega';
import { chartFonts } from './fonts.js';
import { measureTextWithFonts } from './vega-text.js';

/**
 * The chart libraries, in one module that render-trend.ts imports dynamically: nothing here is loaded
 * until a chart is drawn. vega and vega-lite are ESM; @resvg/resvg-js is CommonJS with a native binary
 * from an optional dependency (@resvg/resvg-js-linux-x64-gnu and the like).
 */
export { renderAsync as rasterize } from '@resvg/resvg-js';
export * as vegaLite from 'vega-lite';
export { vega };

measureTextWithFonts(vega, chartFonts());
