import { type Case, isProposed } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import { GUIDE_OPENS_BEFORE_MS, type Guide } from '../domain/guide.js';
import { type Session, sessionEndsAt } from '../domain/session.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * The session a guide may run in at `now`: one of the group's scheduled sessions, from 30 minutes
 * before its start to its end (the latest to start, should two overlap).
 */
export function sessionInWindow(deps: CoreDeps, groupId: string, now: Date): Session | undefined {
  const opensBy = new Date(now.getTime() + GUIDE_OPENS_BEFORE_MS + 1);
  return deps.store.sessions.listPast(groupId, opensBy, 3).find((s) => sessionEndsAt(s) >= now);
}

/**
 * The cases a facilitator may guide in a session: those selected for it first, then every other case
 * still proposed in the group (for this session, a later one, none, or one of the recent sessions that
 * never got to it: the queue keeps those until the facilitator decides, see cases/list-cases.ts).
 */
export function guideCandidates(deps: CoreDeps, group: Group, session: Session, now: Date): Case[] {
  const { store } = deps;
  const later = store.sessions.listUpcoming(group.id, now).filter((s) => s.id !== session.id);
  const earlier = store.sessions.listPast(group.id, session.startsAt, 3);
  const all = [
    ...store.cases.listBySession(session.id),
    ...later.flatMap((s) => store.cases.listBySession(s.id)),
    ...store.cases.listUnscheduled(group.id),
    ...earlier.flatMap((s) => store.cases.listBySession(s.id)),
  ].filter(isProposed);
  const selected = all.filter((c) => c.status === 'selected' && c.sessionId === session.id);
  return [...selected, ...all.filter((c) => !selected.includes(c))];
}

/** The next case selected for a session and not presented yet (two cases in one session). */
export const nextSelectedCase = (deps: CoreDeps, sessionId: string): Case | undefined =>
  deps.store.cases.listBySession(sessionId).find((c) => c.status === 'selected');

/** Whether a person leads a guide: facilitators of its group only. */
export const leads = (deps: CoreDeps, g: Guide, personId: string): boolean =>
  deps.store.memberships.get(g.groupId, personId)?.role === 'facilitator';

/**
 * Outbox ids of a guide's messages, under its case: erasing the case's author erases what is still queued
 * about it (people/forget-me.ts).
 */
export const guideOutboxPrefix = (caseId: string): string => `guide:${caseId}:`;
export const guideOutboxId = (g: Pick<Guide, 'id' | 'caseId'>, what: string): string =>
  `${guideOutboxPrefix(g.caseId)}${g.id}:${what}`;
