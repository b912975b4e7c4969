import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import { atLocalTime, localDay } from '../domain/times.js';
import type { CoreDeps } from '../kernel/deps.js';
import { takeawayKey } from '../notes/prompt-takeaway.js';
import { closeRound } from './close-round.js';
import { openRound, promptMembers } from './open-round.js';

const LOOKBACK_DAYS = 21;
const DEFAULT_ROUND_DAYS = 7;

export const roundOpeningKey = (sessionId: string): string => `checkin-open:${sessionId}`;
export const halfwayKey = (roundId: string): string => `checkin-halfway:${roundId}`;

/** When the scheduled round after a session opens (the next day at 09:00) and closes. */
export function scheduledRoundTimes(
  deps: CoreDeps,
  group: Group,
  session: Session,
): { opensAt: Date; closesAt: Date } {
  const zone = group.timeZone;
  const opensAt = atLocalTime(localDay(session.startsAt, zone, 1), '09:00', zone);
  const next = deps.store.sessions.listUpcoming(group.id, new Date(session.startsAt.getTime() + 1))[0];
  const closesAt = next
    ? atLocalTime(localDay(next.startsAt, zone, -2), '18:00', zone)
    : atLocalTime(localDay(opensAt, zone, DEFAULT_ROUND_DAYS), '18:00', zone);
  return { opensAt, closesAt };
}

/** Scheduled rounds: open after each session, remind halfway, close when due. */
export function runCheckinSchedule(deps: CoreDeps, now: Date): number {
  return openScheduledRounds(deps, now) + remindHalfway(deps, now) + closeDueRounds(deps, now);
}

function openScheduledRounds(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let opened = 0;
  const recent = store.sessions.listStartingBetween(
    new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000),
    now,
  );
  for (const session of recent) {
    const key = roundOpeningKey(session.id);
    if (store.occurrences.has(key)) continue;
    const group = store.groups.get(session.groupId);
    if (!group) continue;
    const { opensAt, closesAt } = scheduledRoundTimes(deps, group, session);
    if (opensAt > now) continue;
    store.transaction(() => {
      // A round that would last less than a day, or one while another is open, is not worth opening.
      const useless = closesAt.getTime() - now.getTime() < 86_400_000 || store.checkins.openRoundOf(group.id);
      if (!store.occurrences.tryRecord(key, now, useless ? 'skipped' : 'done') || useless) return;
      // The same morning, "What do I take away?" rides in the check-in prompt (once: its own occurrence).
      const takeaway = store.occurrences.tryRecord(takeawayKey(session.id), now, 'done') ? session : null;
      openRound(deps, group, 'schedule', closesAt, session.id, takeaway);
      opened++;
    });
  }
  return opened;
}

function remindHalfway(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let reminded = 0;
  for (const round of store.checkins.listOpen()) {
    const halfway = halfwayTime(
      round.openedAt,
      round.closesAt,
      store.groups.get(round.groupId)?.timeZone ?? 'UTC',
    );
    const key = halfwayKey(round.id);
    if (now.getTime() < halfway || now >= round.closesAt || store.occurrences.has(key)) continue;
    const group = store.groups.get(round.groupId);
    if (!group) continue;
    store.transaction(() => {
      if (!store.occurrences.tryRecord(key, now, 'done')) return;
      promptMembers(deps, group, round, 'halfway');
      reminded++;
    });
  }
  return reminded;
}

function closeDueRounds(deps: CoreDeps, now: Date): number {
  let closed = 0;
  for (const round of deps.store.checkins.listDueToClose(now)) if (closeRound(deps, round.id)) closed++;
  return closed;
}

/** Halfway through a round, moved to 09:00 local that day so that nobody is reminded at night. */
export function halfwayTime(openedAt: Date, closesAt: Date, zone: string): number {
  const middle = openedAt.getTime() + (closesAt.getTime() - openedAt.getTime()) / 2;
  const morning = atLocalTime(localDay(new Date(middle), zone), '09:00', zone).getTime();
  return morning > openedAt.getTime() && morning < closesAt.getTime() ? morning : middle;
}
