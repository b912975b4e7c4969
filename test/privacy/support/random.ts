import type { IdSource } from '../../../src/core/ports/ids.js';

/** A small seeded generator (mulberry32): the attack simulations replay exactly from their seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** The seed of a simulation: PRIVACY_SEED in the environment, or the given default. */
export const seedFromEnv = (fallback: number): number => {
  const raw = Number(process.env.PRIVACY_SEED);
  return Number.isInteger(raw) && raw > 0 ? raw : fallback;
};

/** UUID-shaped ids from a seeded generator (ids look like production ids; runs are reproducible). */
export function seededIds(rng: Rng): IdSource {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return { newId: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}` };
}
