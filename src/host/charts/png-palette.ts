import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import { INK, SPREAD } from './trend-spec.js';

/**
 * The chart as an 8-bit indexed PNG. resvg writes RGBA: 94 KB for a year of rounds, above the ~28 KB a
 * Teams message may carry and heavy for a data URI. The chart has only white, greys (text, grid) and its
 * two colours, with their anti-aliased edges towards white: ramps from white to black, to the ink and to
 * the spread colour hold every pixel within a few levels, and the same picture takes a third of the bytes.
 */
export type RgbaImage = { width: number; height: number; pixels: Uint8Array };

const STEPS = 8;
const deflateAsync = promisify(deflate);
const rgbOf = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** White, then STEPS shades from white to each of black, the ink and the spread colour. */
export function chartPalette(): [number, number, number][] {
  const palette: [number, number, number][] = [[255, 255, 255]];
  for (const target of [[0, 0, 0], rgbOf(INK), rgbOf(SPREAD)])
    for (let step = 1; step <= STEPS; step++)
      palette.push(
        target.map((c) => Math.round(255 + ((c - 255) * step) / STEPS)) as [number, number, number],
      );
  return palette;
}

/** Each pixel's nearest palette entry (the picture is opaque: drawn on white). */
function indexPixels(image: RgbaImage, palette: readonly (readonly number[])[]): Buffer {
  const { width, height, pixels } = image;
  const rows = Buffer.alloc((width + 1) * height);
  const nearest = new Map<number, number>();
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const [r, g, b] = [pixels[at] ?? 255, pixels[at + 1] ?? 255, pixels[at + 2] ?? 255];
      const key = (r << 16) | (g << 8) | b;
      let index = nearest.get(key);
      if (index === undefined) {
        let best = Number.POSITIVE_INFINITY;
        index = 0;
        for (const [i, [pr = 0, pg = 0, pb = 0]] of palette.entries()) {
          const distance = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
          if (distance < best) [best, index] = [distance, i];
        }
        nearest.set(key, index);
      }
      // Each row starts with its filter byte, 0 (none): long runs of one index compress well as they are.
      rows[y * (width + 1) + 1 + x] = index;
    }
  return rows;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes the image with the chart's palette; zlib runs on the thread pool. */
export async function encodeIndexedPng(image: RgbaImage): Promise<Buffer> {
  const palette = chartPalette();
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bits per index
  header[9] = 3; // indexed colour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', await deflateAsync(indexPixels(image, palette), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
