import { inflateSync } from 'node:zlib';
import { pngSize } from '../../../manifest/teams/png.js';

/** An 8-bit RGBA image, row by row. */
export type Rgba = { width: number; height: number; pixels: Uint8Array };

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Decodes an 8-bit RGBA, non-interlaced PNG (what resvg writes), with its row filters. */
export function decodeRgbaPng(png: Buffer): Rgba {
  const size = pngSize(png);
  if (!size) throw new Error('not a PNG');
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('only 8-bit RGBA, not interlaced');
  const parts: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT')
      parts.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const raw = inflateSync(Buffer.concat(parts));
  const stride = size.width * 4;
  const pixels = new Uint8Array(stride * size.height);
  for (let y = 0; y < size.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0] ?? 0;
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { ...size, pixels };
}

/** How many pixels have each colour (as rrggbb; alpha is always opaque on a white background). */
export function colourCounts(image: Rgba): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < image.pixels.length; i += 4) {
    const key = [0, 1, 2].map((c) => image.pixels[i + c]!.toString(16).padStart(2, '0')).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
