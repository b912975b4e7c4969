import type { Session } from '../domain/session.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * Why a facilitator may no longer move or cancel a scheduled session, if they may not: it has started, or
 * its session guide runs (a guide may start 30 minutes before the session).
 */
export function sessionChangeRefusal(
  deps: CoreDeps,
  session: Session,
): 'SESSION.STARTED' | 'SESSION.GUIDE_RUNNING' | undefined {
  if (session.startsAt <= deps.clock.now()) return 'SESSION.STARTED';
  if (deps.store.guides.findRunning(session.groupId)?.sessionId === session.id)
    return 'SESSION.GUIDE_RUNNING';
  return undefined;
}
