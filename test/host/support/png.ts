import { inflateSync } from 'node:zlib';
import { pngSize } from '../../../manifest/teams/png.js';

/** An 8-bit RGBA image, row by row. */
export type Rgba = { width: number; height: number; pixels: Uint8Array };

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

function chunks(png: Buffer): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    found.set(type, type === 'IDAT' ? Buffer.concat([found.get(type) ?? Buffer.alloc(0), data]) : data);
    offset += length + 12;
  }
  return found;
}

/** Decodes an 8-bit, non-interlaced PNG, RGBA (what resvg writes) or indexed (what Cairn sends). */
export function decodePng(png: Buffer): Rgba & { indexed: boolean } {
  const size = pngSize(png);
  if (!size) throw new Error('not a PNG');
  const [depth, type, interlace] = [png[24], png[25], png[28]];
  if (depth !== 8 || (type !== 6 && type !== 3) || interlace !== 0) throw new Error('unsupported PNG');
  const parts = chunks(png);
  const raw = inflateSync(parts.get('IDAT') ?? Buffer.alloc(0));
  const bpp = type === 6 ? 4 : 1;
  const stride = size.width * bpp;
  const samples = new Uint8Array(stride * size.height);
  for (let y = 0; y < size.height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= bpp ? samples[y * stride + x - bpp]! : 0;
      const up = y > 0 ? samples[(y - 1) * stride + x]! : 0;
      const upLeft = x >= bpp && y > 0 ? samples[(y - 1) * stride + x - bpp]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      samples[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  if (type === 6) return { ...size, pixels: samples, indexed: false };
  const palette = parts.get('PLTE') ?? Buffer.alloc(0);
  const pixels = new Uint8Array(size.width * size.height * 4);
  samples.forEach((index, i) => {
    pixels.set([palette[3 * index]!, palette[3 * index + 1]!, palette[3 * index + 2]!, 255], 4 * i);
  });
  return { ...size, pixels, indexed: true };
}

/** How many pixels have each colour (as rrggbb; the chart is opaque, drawn on white). */
export function colourCounts(image: Rgba): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < image.pixels.length; i += 4) {
    const key = [0, 1, 2].map((c) => image.pixels[i + c]!.toString(16).padStart(2, '0')).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
