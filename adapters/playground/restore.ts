import type { Core } from '../../src/core/index.js';
import { PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE, type PlaygroundPlatform } from './platform.js';

/**
 * After a restart on a database that already holds the demo: the personas are the playground's people,
 * the spaces its groups' spaces with their members. Conversations start empty (they lived in memory).
 */
export function restoreFromStore(core: Core, platform: PlaygroundPlatform): void {
  const { store } = core.deps;
  for (const person of store.people.listByWorkspace(PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE)) {
    platform.addPersona({ ref: person.userRef, name: person.displayName });
  }
  for (const group of store.groups.listByWorkspace(PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE)) {
    const members = store.memberships.listByGroup(group.id).map((m) => m.person.userRef);
    platform.addSpace(group.spaceAddress, members);
  }
}
