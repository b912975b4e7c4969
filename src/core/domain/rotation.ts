import type { Case, CaseUrgency } from './case.js';

/**
 * The rotation: who presented when, and a suggested order for the cases proposed for a session. Cairn
 * keeps no attendance record: "sessions since" counts the sessions the group held while the person was a
 * member, which is what the facilitator is told.
 */

/** How long since someone last presented: never (as far as Cairn keeps), or n sessions of the group ago. */
export type LastPresented = { kind: 'never' } | { kind: 'sessionsAgo'; sessions: number };

/**
 * `heldStarts`: the start times of the group's sessions already held, any order. `presentedAt`: when the
 * person's cases were presented. The latest presentation at the most recent session is "1 session ago".
 */
export function lastPresented(heldStarts: readonly Date[], presentedAt: readonly Date[]): LastPresented {
  if (presentedAt.length === 0) return { kind: 'never' };
  const latest = Math.max(...presentedAt.map((d) => d.getTime()));
  const since = heldStarts.filter((s) => s.getTime() >= latest).length;
  return { kind: 'sessionsAgo', sessions: Math.max(1, since) };
}

/** Sessions held after `from` (exclusive) and before `until`. */
export const sessionsBetween = (heldStarts: readonly Date[], from: Date | null, until: Date): number =>
  heldStarts.filter((s) => (from === null || s > from) && s < until).length;

const URGENCY_RANK: Record<CaseUrgency, number> = { high: 0, medium: 1, low: 2 };

export type OrderFacts = {
  /** Votes for the case, when a released vote counted it; undefined otherwise (not on a ballot, too few). */
  votes?: number;
  lastPresented: LastPresented;
};

/**
 * The suggested order: urgent first, then the group's vote (most votes first; a case with no released
 * count after those with one), then whoever presented least recently (never first), then the oldest case.
 */
export function suggestedOrder<C extends Pick<Case, 'id' | 'urgency' | 'createdAt'>>(
  cases: readonly C[],
  facts: (c: C) => OrderFacts,
): C[] {
  const recency = (l: LastPresented) => (l.kind === 'never' ? Number.POSITIVE_INFINITY : l.sessions);
  return [...cases].sort((a, b) => {
    const fa = facts(a);
    const fb = facts(b);
    return (
      URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
      (fb.votes ?? -1) - (fa.votes ?? -1) ||
      recency(fb.lastPresented) - recency(fa.lastPresented) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id)
    );
  });
}
