import type { Case } from '../domain/case.js';
import type { CoreDeps } from '../kernel/deps.js';
import { refreshPendingDigests } from '../reminders/send-case-digest.js';
import { refreshPendingBallots } from '../votes/refresh-ballots.js';

/**
 * Messages still queued that show a case are written again from the case as stored now (edited,
 * withdrawn, made "facilitator only"): its session's digests and the ballots. In the caller's transaction.
 */
export function refreshQueuedAbout(deps: CoreDeps, c: Case): void {
  const session = c.sessionId ? deps.store.sessions.get(c.sessionId) : undefined;
  const group = deps.store.groups.get(c.groupId);
  if (session && group) refreshPendingDigests(deps, group, session);
  refreshPendingBallots(deps, c);
}
