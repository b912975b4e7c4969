import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorIcon, outlineIcon } from './icons.js';
import { encodePng } from './png.js';

/** `npx tsx manifest/teams/make-icons.ts`: writes color.png and outline.png next to the manifest. */
const here = import.meta.dirname;
writeFileSync(join(here, 'color.png'), encodePng(colorIcon()));
writeFileSync(join(here, 'outline.png'), encodePng(outlineIcon()));
process.stdout.write('manifest/teams/color.png and outline.png written\n');
