import type { Image } from './png.js';

/**
 * Cairn's icons, drawn in code: a cairn of three stacked stones. The colour icon (192×192) has the stones
 * on the accent colour; the outline icon (32×32) is white stones on transparent, as Teams requires.
 */
export const ACCENT = '#3F6E5A';

type Rgb = [number, number, number];
const STONE: Rgb = [0xf2, 0xef, 0xe6];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Stones as ellipses in a unit square: centre x, centre y, half width, half height. */
const STONES: [number, number, number, number][] = [
  [0.5, 0.76, 0.34, 0.12],
  [0.5, 0.52, 0.25, 0.1],
  [0.5, 0.32, 0.16, 0.08],
];

export function colorIcon(size = 192): Image {
  return draw(size, hex(ACCENT), STONE, 0.08);
}

export function outlineIcon(size = 32): Image {
  return draw(size, null, WHITE, 0);
}

function draw(size: number, background: Rgb | null, ink: Rgb, margin: number): Image {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Coverage by supersampling, for smooth edges.
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          if (STONES.some(([cx, cy, rx, ry]) => inside(u, v, cx, cy, rx * (1 - margin), ry * (1 - margin))))
            covered++;
        }
      }
      const alpha = covered / (samples * samples);
      const i = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c++)
          pixels[i + c] = Math.round(background[c]! * (1 - alpha) + ink[c]! * alpha);
        pixels[i + 3] = 255;
      } else {
        pixels.set(ink, i);
        pixels[i + 3] = Math.round(alpha * 255);
      }
    }
  }
  return { width: size, height: size, pixels };
}

const inside = (u: number, v: number, cx: number, cy: number, rx: number, ry: number): boolean =>
  ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 <= 1;

function hex(color: string): Rgb {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
