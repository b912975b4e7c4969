import type { PlatformUser } from '../contract/chat-platform.js';
import type { Role } from '../domain/group.js';
import type { Person } from '../domain/person.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * Makes the group's members those of its space: newcomers join as members, people who left are removed,
 * facilitators included (a facilitator who is not in the space is no facilitator of its group). When
 * `facilitators` (user refs) is given it is the whole set of facilitators (the set-up form's choice): those
 * in the space become facilitators and anyone else a member; without it roles are kept. The platform is
 * asked first; the database is then changed in one transaction.
 */
export async function syncSpaceMembers(
  deps: CoreDeps,
  groupId: string,
  facilitators?: string[],
): Promise<MemberCounts> {
  const group = deps.store.groups.get(groupId);
  if (!group) return { members: 0, facilitators: 0, joined: 0, left: 0 };
  const users = await deps.platforms.get(group.platform).listSpaceMembers(group.spaceAddress);
  return applySpaceMembers(deps, group.id, users, facilitators);
}

/** How many members and facilitators the group has now, and how many joined or left with this change. */
export type MemberCounts = { members: number; facilitators: number; joined: number; left: number };

/**
 * The group's members become `users` (the space's, as the platform listed them), in one transaction: the
 * same effects as the member.joined and member.left events for each difference.
 */
export function applySpaceMembers(
  deps: CoreDeps,
  groupId: string,
  users: PlatformUser[],
  facilitators?: string[],
): MemberCounts {
  return deps.store.transaction(() => {
    const { store } = deps;
    const group = store.groups.get(groupId);
    if (!group) return { members: 0, facilitators: 0, joined: 0, left: 0 };
    const present = new Set<string>();
    let joined = 0;
    let left = 0;
    for (const user of users) {
      const person = upsertPerson(deps, group.platform, user);
      present.add(person.id);
      const current = store.memberships.get(group.id, person.id);
      if (!current) joined++;
      const role: Role = facilitators
        ? facilitators.includes(user.userRef)
          ? 'facilitator'
          : 'member'
        : (current?.role ?? 'member');
      if (current?.role !== role) store.memberships.set({ groupId: group.id, personId: person.id, role });
      if (!current) store.caseChoice.recordJoin(group.id, person.id, deps.clock.now());
    }
    for (const { person, role } of store.memberships.listByGroup(group.id)) {
      // A facilitator who is not in the space keeps their role only if they asked for it just now.
      if (!present.has(person.id) && !(role === 'facilitator' && facilitators?.includes(person.userRef))) {
        store.memberships.remove(group.id, person.id);
        left++;
      }
    }
    const all = store.memberships.listByGroup(group.id);
    return {
      members: all.filter((m) => m.role === 'member').length,
      facilitators: all.filter((m) => m.role === 'facilitator').length,
      joined,
      left,
    };
  });
}

/** Finds or creates the person behind a platform user, refreshing their display name. */
export function upsertPerson(deps: CoreDeps, platform: string, user: PlatformUser): Person {
  const found = deps.store.people.findByUserRef(platform, user.userRef);
  if (found) {
    if (user.displayName && found.displayName !== user.displayName) {
      const updated = { ...found, displayName: user.displayName };
      deps.store.people.update(updated);
      return updated;
    }
    return found;
  }
  const person: Person = {
    id: deps.ids.newId(),
    platform,
    workspace: user.workspace,
    userRef: user.userRef,
    displayName: user.displayName,
    language: null,
    pausedUntil: null,
    createdAt: deps.clock.now(),
  };
  deps.store.people.insert(person);
  return person;
}
