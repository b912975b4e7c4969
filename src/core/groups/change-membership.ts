import type { CoreDeps } from '../kernel/deps.js';
import { upsertPerson } from './sync-space-members.js';

/** Someone joined a group's space: they become a member (a space Cairn does not serve is ignored). */
export function memberJoined(
  deps: CoreDeps,
  platform: string,
  space: string,
  user: { userRef: string; displayName: string; workspace: string },
): void {
  const group = deps.store.groups.findBySpace(space);
  if (!group || group.platform !== platform) return;
  deps.store.transaction(() => {
    const person = upsertPerson(deps, platform, user);
    if (!deps.store.memberships.get(group.id, person.id)) {
      deps.store.memberships.set({ groupId: group.id, personId: person.id, role: 'member' });
      deps.store.caseChoice.recordJoin(group.id, person.id, deps.clock.now());
    }
  });
}

/** Someone left a group's space: they leave the group (their cases stay until the retention period). */
export function memberLeft(deps: CoreDeps, platform: string, space: string, userRef: string): void {
  const group = deps.store.groups.findBySpace(space);
  if (!group || group.platform !== platform) return;
  deps.store.transaction(() => {
    const person = deps.store.people.findByUserRef(platform, userRef);
    if (person) deps.store.memberships.remove(group.id, person.id);
  });
}
