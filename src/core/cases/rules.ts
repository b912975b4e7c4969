import type { Case } from '../domain/case.js';
import type { Session } from '../domain/session.js';
import type { CoreDeps } from '../kernel/deps.js';
import type { Request } from '../kernel/request.js';

/** An author may change or withdraw a case until its session (or its guide) starts, unless it was presented. */
export function caseEditable(deps: CoreDeps, c: Case): boolean {
  if (c.status === 'withdrawn' || c.status === 'presented') return false;
  if (beingGuided(deps, c)) return false;
  if (!c.sessionId) return true;
  const session = deps.store.sessions.get(c.sessionId);
  return !session || session.startsAt > deps.clock.now();
}

/** A case whose session guide runs is being presented (a guide may start 30 minutes before the session). */
export const beingGuided = (deps: CoreDeps, c: Case): boolean =>
  deps.store.guides.findRunning(c.groupId)?.caseId === c.id;

/**
 * Who may read a case: its author, the group's facilitators, and, when the author chose "whole group",
 * the group's members. Anyone else is told it does not exist.
 */
export function canRead(req: Request, c: Case): boolean {
  if (!req.stored) return false;
  if (c.authorId === req.person.id) return true;
  const membership = req.deps.store.memberships.get(c.groupId, req.person.id);
  if (!membership) return false;
  return membership.role === 'facilitator' || (c.visibility === 'group' && c.status !== 'withdrawn');
}

/**
 * Where a case postponed from a session (or to a session then cancelled) goes: the group's first scheduled
 * session after that one, or after now when it has taken place. None: the case waits for one (no session).
 */
export function sessionAfter(
  deps: CoreDeps,
  groupId: string,
  from: Session | undefined,
): Session | undefined {
  const now = deps.clock.now();
  const after = from && from.startsAt > now ? from.startsAt : now;
  return deps.store.sessions.listUpcoming(groupId, new Date(after.getTime() + 1))[0];
}

/**
 * The session a case waiting for one goes to, once `scheduled` sessions were added to the group's
 * `upcoming` ones (soonest first): the next one; but a postponed case waits only when no session followed
 * the one it was postponed from, which may still be ahead, so it goes to the first session after all those
 * the group already had. Nothing to go to: it keeps waiting.
 */
export function sessionForWaiting(
  c: Case,
  upcoming: readonly Session[],
  scheduled: readonly Session[],
): Session | undefined {
  if (c.status !== 'postponed') return upcoming[0];
  const lastPlanned = upcoming.filter((s) => !scheduled.some((n) => n.id === s.id)).at(-1);
  return lastPlanned ? upcoming.find((s) => s.startsAt > lastPlanned.startsAt) : upcoming[0];
}
