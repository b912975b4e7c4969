import type { CoreDeps } from '../kernel/deps.js';
import type { OutboxItem } from '../ports/repositories/outbox.js';

/** What to do with a row about to leave: send it, hold it (its group is suspended), or drop it and why. */
export type Verdict = { send: true } | { send: false; hold: true } | { send: false; drop: string };

/**
 * Checked when a row leaves, not only when it was enqueued: a message waits in the queue (an outage, a
 * backoff, an operator's `outbox retry`) while the world changes. A message past its use is dropped (a
 * reminder for a session that started); a message whose content depends on who the recipient is (a
 * facilitator's copy of a case, a digest, a result) is dropped when they are no longer that; nothing goes
 * to or about a suspended group.
 */
export function stillWanted(deps: CoreDeps, row: OutboxItem, now: Date): Verdict {
  if (row.expiresAt && row.expiresAt <= now) return { send: false, drop: 'expired' };
  if (!row.groupId) return { send: true };
  const { store } = deps;
  if (!store.groups.get(row.groupId)) return { send: false, drop: 'group deleted' };
  if (store.groups.suspensionOf(row.groupId)) return { send: false, hold: true };
  if (!row.audience || !row.personId) return { send: true };
  const membership = store.memberships.get(row.groupId, row.personId);
  if (!membership) return { send: false, drop: 'recipient left the group' };
  if (row.audience === 'facilitator' && membership.role !== 'facilitator')
    return { send: false, drop: 'recipient no longer facilitator' };
  return { send: true };
}
