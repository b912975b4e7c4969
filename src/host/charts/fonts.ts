import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_FONT } from './trend-spec.js';

/**
 * The fonts resvg draws the chart's text with. resvg sees no system font unless asked, and a chart whose
 * text depends on whatever fonts a machine has would differ from machine to machine; so: DejaVu Sans when
 * its files are there (Debian's fonts-dejavu-core, which fontconfig depends on), and only otherwise the
 * system's fonts, whatever they are. With no font at all resvg draws the marks and no text, and does not
 * fail: the text alternative still says everything.
 */
export type ChartFonts = {
  regular: string | undefined;
  bold: string | undefined;
  /** The family of those files; undefined when resvg falls back to the system's fonts. */
  family: string | undefined;
  /** Whether resvg also loads the system's fonts (only when DejaVu Sans was not found). */
  system: boolean;
};

const DEJAVU_DIRS = [
  '/usr/share/fonts/truetype/dejavu', // Debian, Ubuntu
  '/usr/share/fonts/dejavu-sans-fonts', // Fedora
  '/usr/share/fonts/TTF', // Arch
  '/usr/share/fonts/dejavu', // Alpine
];

let found: ChartFonts | undefined;

export function chartFonts(): ChartFonts {
  found ??= findFonts();
  return found;
}

function findFonts(): ChartFonts {
  for (const dir of DEJAVU_DIRS) {
    const regular = join(dir, 'DejaVuSans.ttf');
    const bold = join(dir, 'DejaVuSans-Bold.ttf');
    if (existsSync(regular))
      return { regular, bold: existsSync(bold) ? bold : undefined, family: CHART_FONT, system: false };
  }
  return { regular: undefined, bold: undefined, family: undefined, system: true };
}

export const fontFiles = (fonts: ChartFonts): string[] =>
  [fonts.regular, fonts.bold].filter((file): file is string => file !== undefined);
