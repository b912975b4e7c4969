import type { CoreDeps } from '../kernel/deps.js';

/**
 * Facilitators' round operations (open, close, share) per group and hour. Each close rewrites the
 * database file and each open writes to every member: in a multi-workspace install anyone can create a
 * channel, set a group up and loop those commands. Six an hour is more than any real group needs.
 */
export const ROUND_OPERATIONS_PER_HOUR = 6;
const HOUR_MS = 3_600_000;

/** Occurrence keys of a group's round operations (deleted with the group). */
export const roundOperationPrefix = (groupId: string): string => `round-op:${groupId}:`;

/**
 * Inside a transaction: records one operation on the group's rounds, or returns false when the last
 * hour's allowance is spent (nothing is recorded then). Older records are forgotten on the way.
 */
export function spendRoundOperation(deps: CoreDeps, groupId: string): boolean {
  const { store, clock, ids } = deps;
  const now = clock.now();
  const prefix = roundOperationPrefix(groupId);
  const since = new Date(now.getTime() - HOUR_MS);
  store.occurrences.deleteBefore(prefix, since);
  if (store.occurrences.countSince(prefix, since) >= ROUND_OPERATIONS_PER_HOUR) {
    deps.logger.warn({ groupId }, 'check-in round operation refused: too many in the last hour');
    return false;
  }
  store.occurrences.tryRecord(`${prefix}${ids.newId()}`, now, 'done');
  return true;
}
