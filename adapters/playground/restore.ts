import type { Core } from '../../src/core/index.js';
import { PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE, type PlaygroundPlatform } from './platform.js';

/**
 * After a restart on a database that already holds the demo: the personas are the playground's people,
 * the spaces its groups' spaces with their members. Conversations start empty (they lived in memory).
 */
export function restoreFromStore(core: Core, platform: PlaygroundPlatform): void {
  const { directory } = core;
  for (const person of directory.people(PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE)) {
    platform.addPersona({ ref: person.userRef, name: person.displayName });
  }
  for (const space of directory.spaces(PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE)) {
    platform.addSpace(space.address, space.memberRefs);
  }
}
