import type { Message } from '../contract/message.js';
import type { Group } from '../domain/group.js';
import type { Person } from '../domain/person.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * Proactive messages are rows in the outbox, written in the caller's transaction; the worker sends them.
 * Ids are deterministic so that enqueuing the same cause twice stores one row.
 */
export function enqueueDirect(deps: CoreDeps, id: string, person: Person, msg: Message): boolean {
  return deps.store.outbox.enqueue(
    {
      id,
      platform: person.platform,
      kind: 'direct',
      address: person.userRef,
      message: msg,
      personId: person.id,
    },
    deps.clock.now(),
  );
}

export function enqueueSpacePost(deps: CoreDeps, id: string, group: Group, msg: Message): boolean {
  return deps.store.outbox.enqueue(
    {
      id,
      platform: group.platform,
      kind: 'space',
      address: group.spaceAddress,
      message: msg,
      personId: null,
    },
    deps.clock.now(),
  );
}

/** Edits a message already enqueued (sent or not) under `targetId`. */
export function enqueueUpdate(
  deps: CoreDeps,
  id: string,
  platform: string,
  targetId: string,
  msg: Message,
): void {
  if (deps.store.outbox.replacePending(targetId, msg)) return;
  deps.store.outbox.enqueue(
    { id, platform, kind: 'update', address: targetId, message: msg, personId: null },
    deps.clock.now(),
  );
}
