import type { RoundEvidence } from './strategies.js';

/**
 * Cross-round linkage: can the attacker tell that an answer in one round and an answer in another come
 * from the same person? Tokens only exist while a round is open, so the attacker works from the tokens
 * seen in each mid-round copy: their values, their write order and their key order.
 */
export type RoundTokens = {
  roundId: string;
  /** Tokens in the order they were written (page layout), i.e. in the order of the answers. */
  physical: string[];
  /** Tokens in key order. */
  key: string[];
  /** Ground truth (for scoring only): token -> user ref. */
  truth: Map<string, string>;
};

export type LinkScore = { name: string; claims: number; correct: number };

type Linker = { name: string; links(a: RoundTokens, b: RoundTokens): [string, string][] };

const LINKERS: Linker[] = [
  {
    name: 'same token in two rounds',
    links: (a, b) => a.physical.filter((t) => b.physical.includes(t)).map((t) => [t, t]),
  },
  {
    name: 'same position in the answer order (write order of tokens)',
    links: (a, b) =>
      a.physical.slice(0, b.physical.length).map((t, i) => [t, b.physical[i]!] as [string, string]),
  },
  {
    name: 'same rank in key order',
    links: (a, b) => a.key.slice(0, b.key.length).map((t, i) => [t, b.key[i]!] as [string, string]),
  },
  {
    name: 'same timing pattern (answered before the mid-round copy in both rounds)',
    links: (a, b) => a.physical.flatMap((t) => b.physical.map((u) => [t, u] as [string, string])),
  },
];

/** Each linker over every pair of rounds: how many links it claims and how many join the same person. */
export function crossRoundLinks(rounds: readonly RoundTokens[]): LinkScore[] {
  return LINKERS.map((linker) => {
    let claims = 0;
    let correct = 0;
    for (let i = 0; i < rounds.length; i++)
      for (let j = i + 1; j < rounds.length; j++) {
        const a = rounds[i]!;
        const b = rounds[j]!;
        for (const [x, y] of linker.links(a, b)) {
          claims++;
          if (a.truth.get(x) !== undefined && a.truth.get(x) === b.truth.get(y)) correct++;
        }
      }
    return { name: linker.name, claims, correct };
  });
}

/**
 * A documented limit, not a strategy the bar applies to: someone who holds CAIRN_SECRET computes every
 * member's token for the round, so a mid-round copy tells them who has answered so far, and the page
 * layout in what order. After the close there is no token left to compute against.
 */
export function secretHolderGuess(e: RoundEvidence, tokens: Map<string, string>): string[] {
  const ours = new Set(
    e.mid.participation.filter((r) => r.round_id === e.roundId).map((r) => String(r.token)),
  );
  const early = e.mid.tokens.physicalOrder.filter((t) => ours.has(t)).map((t) => tokens.get(t)!);
  const rest = e.members
    .map((m) => m.userRef)
    .filter((ref) => !early.includes(ref))
    .sort();
  return [...early, ...rest].slice(0, e.slots);
}
