import { DateTime } from 'luxon';
import { DEFAULT_RETENTION_MONTHS } from '../domain/group.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * How long a person's notes are kept, in months: their own choice if shorter, else the shortest retention
 * of their groups (a note written outside a group follows that; a note of a group follows the group's).
 */
export function keepingMonths(deps: CoreDeps, personId: string, groupId?: string | null): number {
  const own = personId ? deps.store.notes.keepMonths(personId) : null;
  const group = groupId ? deps.store.groups.get(groupId) : undefined;
  const rules = group
    ? [group.retentionMonths]
    : (personId ? deps.store.memberships.listByPerson(personId) : []).map((m) => m.group.retentionMonths);
  return Math.min(own ?? Number.POSITIVE_INFINITY, ...(rules.length ? rules : [DEFAULT_RETENTION_MONTHS]));
}

/** Deletes the notes kept longer than their rule allows: daily (people/apply-retention.ts), and on a new choice. */
export function expireNotes(deps: CoreDeps, now: Date, onlyPerson?: string): number {
  const { store } = deps;
  let deleted = 0;
  for (const { authorId, groupId } of store.notes.listAuthorGroups()) {
    if (onlyPerson && authorId !== onlyPerson) continue;
    const months = keepingMonths(deps, authorId, groupId);
    const before = DateTime.fromJSDate(now).minus({ months }).toJSDate();
    deleted += store.notes.deleteOlderThan(authorId, groupId, before);
  }
  return deleted;
}
