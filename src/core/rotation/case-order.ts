import type { Case } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import { suggestedOrder } from '../domain/rotation.js';
import type { VoteOutcome } from '../domain/vote.js';
import type { Translate } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';
import { voteLabel, voteOutcome, votesFor } from '../votes/vote-outcome.js';
import { lastPresentedLabel, rotationOf } from './rotation-facts.js';

export type OrderedQueue = {
  cases: Case[];
  /** The vote's outcome for each case's session (facilitators only). */
  outcomeOf(c: Case): VoteOutcome | undefined;
  /** "Vote: 3 votes · last presented 2 sessions ago", for the facilitators' queue and digest. */
  factsLine(t: Translate, c: Case): string;
};

/**
 * The facilitators' view of proposed cases: in the suggested order (urgent first, then the group's vote,
 * then whoever presented least recently), each with its vote and how long since its author presented.
 */
export function orderQueue(
  deps: CoreDeps,
  group: Group,
  cases: readonly Case[],
  /** The session the queue is for: cases waiting for a session were on its ballot. */
  sessionId: string | null,
): OrderedQueue {
  const rotation = rotationOf(deps, group);
  const outcomes = new Map<string, VoteOutcome | undefined>();
  const outcomeOf = (c: Case) => {
    const key = c.sessionId ?? sessionId;
    if (!key) return undefined;
    if (!outcomes.has(key)) outcomes.set(key, voteOutcome(deps, key));
    return outcomes.get(key);
  };
  const ordered = suggestedOrder(cases, (c) => ({
    votes: votesFor(outcomeOf(c), c.id),
    lastPresented: rotation.lastOf(c.authorId),
  }));
  return {
    cases: ordered,
    outcomeOf,
    factsLine: (t, c) =>
      t('rotation.caseFacts', {
        vote: voteLabel(t, outcomeOf(c), c.id),
        last: lastPresentedLabel(t, rotation.lastOf(c.authorId)),
      }),
  };
}
