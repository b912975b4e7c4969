import type { Group } from '../domain/group.js';
import type { Person } from '../domain/person.js';
import { type LastPresented, lastPresented, sessionsBetween } from '../domain/rotation.js';
import { parseLocal } from '../domain/times.js';
import type { Translate } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';

/** Every held session of a group is read: a group meets every few weeks, for a few years at most. */
const HISTORY = 1_000;

export type MemberRotation = {
  person: Person;
  last: LastPresented;
  /** Sessions the group held since they last presented, or since they joined when they never have. */
  sessionsSince: number;
  presentedThisCycle: number;
};

export type GroupRotation = {
  /** When the current cycle began (its settings' date, else the group's first session); null: no session yet. */
  cycleStart: Date | null;
  heldInCycle: number;
  members: MemberRotation[];
  /** How long since a person last presented in this group. */
  lastOf(personId: string): LastPresented;
};

/**
 * Who presented when, from the cases marked presented. Cairn keeps no attendance record: sessions are
 * counted while the person was a member (from when they joined, or, for memberships older than that
 * record, from when Cairn first knew them or the group was created).
 */
export function rotationOf(deps: CoreDeps, group: Group): GroupRotation {
  const { store, clock } = deps;
  const now = clock.now();
  const past = store.sessions.listPast(group.id, now, HISTORY);
  const held = past.map((s) => s.startsAt);
  const presented = new Map<string, Date[]>();
  for (const p of store.caseChoice.presentations(group.id))
    presented.set(p.authorId, [...(presented.get(p.authorId) ?? []), p.at]);
  const joined = store.caseChoice.joinedAt(group.id);
  const cycleStart = cycleStartOf(deps, group, past.at(-1)?.startsAt);
  const lastOf = (personId: string) => lastPresented(held, presented.get(personId) ?? []);
  const members = store.memberships
    .listByGroup(group.id)
    .filter((m) => m.role === 'member')
    .map(({ person }): MemberRotation => {
      const dates = presented.get(person.id) ?? [];
      const latest = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
      const since =
        joined.get(person.id) ?? new Date(Math.max(group.createdAt.getTime(), person.createdAt.getTime()));
      return {
        person,
        last: lastOf(person.id),
        sessionsSince: sessionsBetween(held, latest ?? new Date(since.getTime() - 1), now),
        presentedThisCycle: cycleStart ? dates.filter((d) => d >= cycleStart).length : 0,
      };
    });
  return {
    cycleStart,
    heldInCycle: cycleStart ? held.filter((s) => s >= cycleStart).length : 0,
    members,
    lastOf,
  };
}

function cycleStartOf(deps: CoreDeps, group: Group, firstHeld: Date | undefined): Date | null {
  const { cycleStartsOn } = deps.store.caseChoice.settingsOf(group.id);
  if (cycleStartsOn) return parseLocal(cycleStartsOn, '00:00', group.timeZone);
  return firstHeld ?? deps.store.sessions.listUpcoming(group.id, deps.clock.now())[0]?.startsAt ?? null;
}

/** "first time", "presented at the last session", "last presented 3 sessions ago". */
export const lastPresentedLabel = (t: Translate, last: LastPresented): string =>
  last.kind === 'never' ? t('rotation.last.never') : t('rotation.last.sessions', { count: last.sessions });
