import { digestDueAt, reminderDueAt } from '../domain/times.js';
import type { CoreDeps } from '../kernel/deps.js';
import { digestKey } from './send-case-digest.js';
import { reminderKey } from './send-case-reminders.js';

/** When case-preparation reminders and facilitators' digests not yet sent are due. */
export function reminderDueTimes(deps: CoreDeps, now: Date): Date[] {
  const { store } = deps;
  const due: Date[] = [];
  const pending = (at: Date, key: string) => {
    if (at > now && !store.occurrences.has(key)) due.push(at);
  };
  for (const group of store.groups.listAll()) {
    for (const session of store.sessions.listUpcoming(group.id, now)) {
      for (const offset of group.reminderOffsets)
        pending(
          reminderDueAt(session.startsAt, offset, group.timeZone),
          reminderKey(session, group.timeZone, offset),
        );
      pending(digestDueAt(session.startsAt, group.timeZone), digestKey(session, group.timeZone));
    }
  }
  return due;
}
