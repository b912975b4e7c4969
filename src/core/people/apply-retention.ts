import { DateTime } from 'luxon';
import type { CoreDeps } from '../kernel/deps.js';
import { expireNotes } from '../notes/expire-notes.js';

const SENT_BODY_DAYS = 7;
const INBOUND_EVENT_DAYS = 2;
const DRAFT_DAYS = 2;

/**
 * Once a day: cases older than their group's retention period (counted from their session) are deleted
 * with their action plans, notes older than their keeping period too,
 * bodies of sent outbox rows are dropped after a week, and old inbound event ids are forgotten.
 */
export function applyRetention(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  const key = `retention:${DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()}`;
  if (store.occurrences.has(key)) return 0;
  let deleted = 0;
  store.transaction(() => {
    if (!store.occurrences.tryRecord(key, now, 'done')) return;
    for (const group of store.groups.listAll()) {
      const before = DateTime.fromJSDate(now).minus({ months: group.retentionMonths }).toJSDate();
      deleted += store.cases.deleteExpired(group.id, before);
    }
    // A note is kept at most its group's retention, or its author's own shorter choice.
    deleted += expireNotes(deps, now);
    store.outbox.pruneSent(new Date(now.getTime() - SENT_BODY_DAYS * 86_400_000));
    store.syntheses.deleteDraftsBefore(new Date(now.getTime() - DRAFT_DAYS * 86_400_000));
    store.inbound.deleteOlderThan(new Date(now.getTime() - INBOUND_EVENT_DAYS * 86_400_000));
  });
  if (deleted > 0) {
    store.checkpoint();
    deps.logger.info({ deleted }, 'retention: expired cases and notes deleted');
  }
  return deleted;
}
