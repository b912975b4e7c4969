import { DateTime } from 'luxon';
import type { Case } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import type { ActionPlan } from '../domain/plan.js';
import { type Session, sessionEndsAt } from '../domain/session.js';
import { atLocalTime, localDay } from '../domain/times.js';
import type { CoreDeps } from '../kernel/deps.js';
import type { Request } from '../kernel/request.js';

/** One "Write my action plan" per case, whoever sends it (the schedule, a facilitator, the session guide). */
export const planPromptKey = (caseId: string): string => `plan-prompt:${caseId}`;

/** One follow-up per plan and date: a plan moved to another date is followed up again on the new one. */
export const followUpKey = (plan: ActionPlan): string => `plan-followup:${plan.id}:${plan.followUpOn}`;

/** Days of the default follow-up before the next session. */
const DEFAULT_DAYS_BEFORE = 7;
/** Without a session after the next one, a plan may run this long. */
const HORIZON_DAYS = 90;
const DEFAULT_WITHOUT_SESSION_DAYS = 21;

/** "At the end of the session's day": 18:00 local, or the session's end when it ends later. */
export function planPromptDueAt(session: Session, zone: string): Date {
  const evening = atLocalTime(localDay(session.startsAt, zone), '18:00', zone);
  return new Date(Math.max(sessionEndsAt(session).getTime(), evening.getTime()));
}

/**
 * Whether a case marked presented now gets its "Write my action plan" at once: its session is over (or it
 * has none). Marked during the session, it waits for the end of the session's day (the scheduled job).
 */
export function planPromptNow(deps: CoreDeps, c: Case, now: Date): boolean {
  const session = c.sessionId ? deps.store.sessions.get(c.sessionId) : undefined;
  return !session || now >= sessionEndsAt(session);
}

/** The follow-up: the plan's date at 09:00 in the group's time zone. */
export const followUpDueAt = (plan: ActionPlan, zone: string): Date =>
  atLocalTime(DateTime.fromISO(plan.followUpOn, { zone }), '09:00', zone);

export type DateBounds = { min: string; max: string; initial: string };

/**
 * The dates a plan's follow-up may take (local days, yyyy-mm-dd): from today to the day of the session
 * after next (or 90 days without one), by default 7 days before the next session.
 */
export function planDateBounds(deps: CoreDeps, group: Group, now: Date): DateBounds {
  const zone = group.timeZone;
  const today = localDay(now, zone);
  const upcoming = deps.store.sessions.listUpcoming(group.id, now);
  const [next, afterNext] = upcoming;
  const max = afterNext ? localDay(afterNext.startsAt, zone) : today.plus({ days: HORIZON_DAYS });
  let initial = next
    ? localDay(next.startsAt, zone, -DEFAULT_DAYS_BEFORE)
    : today.plus({ days: DEFAULT_WITHOUT_SESSION_DAYS });
  const tomorrow = today.plus({ days: 1 });
  if (initial < tomorrow) initial = tomorrow < max ? tomorrow : today;
  if (initial > max) initial = max;
  const iso = (d: DateTime) => d.toISODate() ?? '';
  return { min: iso(today), max: iso(max), initial: iso(initial) };
}

/** Who may read a plan: its author; the group's facilitators or members, as the author chose. */
export function canReadPlan(req: Request, plan: ActionPlan): boolean {
  if (!req.stored) return false;
  if (plan.authorId === req.person.id) return true;
  if (plan.visibility === 'me') return false;
  const membership = req.deps.store.memberships.get(plan.groupId, req.person.id);
  if (!membership) return false;
  return plan.visibility === 'group' || membership.role === 'facilitator';
}

/** The author's presented cases, the most recent session first. */
export function presentedCases(deps: CoreDeps, authorId: string): Case[] {
  const sessionStart = (c: Case) =>
    (c.sessionId ? deps.store.sessions.get(c.sessionId)?.startsAt.getTime() : undefined) ??
    c.updatedAt.getTime();
  return deps.store.cases
    .listByAuthor(authorId)
    .filter((c) => c.status === 'presented')
    .sort((a, b) => sessionStart(b) - sessionStart(a) || b.updatedAt.getTime() - a.updatedAt.getTime());
}
