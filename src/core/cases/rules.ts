import type { Case } from '../domain/case.js';
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

/** A case still proposed: neither withdrawn nor presented, whether its session is ahead or went by without it. */
export const isProposed = (c: Case): boolean =>
  c.status === 'submitted' || c.status === 'selected' || c.status === 'postponed';
