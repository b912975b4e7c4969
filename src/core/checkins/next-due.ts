import type { CoreDeps } from '../kernel/deps.js';
import { halfwayKey, halfwayTime, roundOpeningKey, scheduledRoundTimes } from './round-schedule.js';

/** When scheduled rounds open after a session, when open rounds remind halfway and when they close. */
export function checkinDueTimes(deps: CoreDeps, now: Date): Date[] {
  const { store } = deps;
  const due: Date[] = [];
  const pending = (at: Date, key?: string) => {
    if (at > now && !(key && store.occurrences.has(key))) due.push(at);
  };
  for (const group of store.groups.listAll()) {
    const sessions = [
      ...store.sessions.listPast(group.id, now, 1),
      ...store.sessions.listUpcoming(group.id, now),
    ];
    for (const session of sessions)
      pending(scheduledRoundTimes(deps, group, session).opensAt, roundOpeningKey(session.id));
  }
  for (const round of store.checkins.listOpen()) {
    const zone = store.groups.get(round.groupId)?.timeZone ?? 'UTC';
    pending(new Date(halfwayTime(round.openedAt, round.closesAt, zone)), halfwayKey(round.id));
    pending(round.closesAt);
  }
  return due;
}
