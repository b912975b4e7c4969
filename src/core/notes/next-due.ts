import type { CoreDeps } from '../kernel/deps.js';
import { takeawayDueAt, takeawayKey } from './prompt-takeaway.js';

/** When "What do I take away?" prompts not yet sent are due (the day after each session at 09:00). */
export function takeawayDueTimes(deps: CoreDeps, now: Date): Date[] {
  const { store } = deps;
  const due: Date[] = [];
  for (const group of store.groups.listAll()) {
    const sessions = [
      ...store.sessions.listPast(group.id, now, 1),
      ...store.sessions.listUpcoming(group.id, now),
    ];
    for (const session of sessions) {
      const at = takeawayDueAt(session, group.timeZone);
      if (at > now && !store.occurrences.has(takeawayKey(session.id))) due.push(at);
    }
  }
  return due;
}
