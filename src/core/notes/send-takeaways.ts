import { roundOpeningKey, scheduledRoundTimes } from '../checkins/round-schedule.js';
import type { CoreDeps } from '../kernel/deps.js';
import { promptTakeaway, takeawayDueAt, takeawayKey } from './prompt-takeaway.js';

const LOOKBACK_DAYS = 7;
/** Past this, a takeaway prompt Cairn missed (down) is not worth sending any more. */
const STALE_DAYS = 3;

/**
 * The day after each session at 09:00: "What do I take away?" to every member, on its own when no check-in
 * round opens with it. When the scheduled round is due at the same time, the check-in job carries the
 * question in its prompt and records this occurrence; this job waits for it.
 */
export function sendDueTakeaways(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let sent = 0;
  const recent = store.sessions.listStartingBetween(
    new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000),
    now,
  );
  for (const session of recent) {
    const key = takeawayKey(session.id);
    const group = store.groups.get(session.groupId);
    if (!group || store.occurrences.has(key)) continue;
    const due = takeawayDueAt(session, group.timeZone);
    if (due > now) continue;
    const roundDue = scheduledRoundTimes(deps, group, session).opensAt <= now;
    if (roundDue && !store.occurrences.has(roundOpeningKey(session.id))) continue;
    if (now.getTime() - due.getTime() > STALE_DAYS * 86_400_000) {
      store.occurrences.tryRecord(key, now, 'skipped');
      continue;
    }
    sent += promptTakeaway(deps, session.id, now);
  }
  return sent;
}
