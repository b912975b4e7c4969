import { expect } from 'vitest';
import type { Message } from '../../../src/core/contract/message.js';

/** A released aggregate: the rounds it sums (ids), its respondents and the smallest k among them. */
export type Released = { rounds: Set<string>; respondents: number; minK: number };

/** The total of each bars block of a message (each question's distribution sums to its respondents). */
export const barsOf = (m: Message): number[] =>
  m.blocks.flatMap((b) => (b.type === 'bars' ? [b.rows.reduce((a, r) => a + r.count, 0)] : []));

/** Every number written in a text. */
export const digitsIn = (text: string): string[] => text.match(/\d+/g) ?? [];

/** Keys under which Slack blocks and Adaptive Cards carry what a person reads. */
const SHOWN = new Set([
  'text',
  'title',
  'fallbackText',
  'altText',
  'label',
  'placeholder',
  'value',
  'summary',
]);

/** The strings a person could read in a rendered message (Block Kit JSON, Adaptive Card JSON). */
export function shownStrings(rendered: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key: string | undefined) => {
    if (typeof node === 'string') {
      if (key !== undefined && SHOWN.has(key)) out.push(node);
    } else if (Array.isArray(node)) for (const item of node) walk(item, key);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node))
        walk(v, typeof v === 'string' ? k : k === 'text' ? 'text' : k);
  };
  walk(rendered, undefined);
  return out;
}

/**
 * Differencing: for every two released aggregates whose rounds are nested (one's rounds all in the
 * other's), the larger exceeds the smaller by 0 (same rounds) or by at least the smallest k of the rounds
 * that differ. Returns how many nested pairs were compared.
 */
export function checkNested(released: readonly Released[], kOf: Record<string, number>): number {
  // One entry per distinct set of rounds (the same set always gives the same numbers).
  const bySet = new Map<string, Released>();
  for (const r of released) {
    const key = [...r.rounds].sort().join('|');
    const seen = bySet.get(key);
    if (seen) expect(r.respondents).toBe(seen.respondents);
    else bySet.set(key, r);
  }
  const distinct = [...bySet.values()];
  let pairs = 0;
  for (const small of distinct)
    for (const large of distinct) {
      if (small === large || small.rounds.size >= large.rounds.size) continue;
      if (![...small.rounds].every((id) => large.rounds.has(id))) continue;
      pairs++;
      const extra = [...large.rounds].filter((id) => !small.rounds.has(id));
      const k = Math.min(...extra.map((id) => kOf[id]!));
      expect(large.respondents - small.respondents).toBeGreaterThanOrEqual(k);
    }
  return pairs;
}
