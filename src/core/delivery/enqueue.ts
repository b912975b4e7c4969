import type { Message } from '../contract/message.js';
import type { Group } from '../domain/group.js';
import type { Person } from '../domain/person.js';
import type { CoreDeps } from '../kernel/deps.js';
import type { OutboxAudience } from '../ports/repositories/outbox.js';

/** What the outbox checks when a direct message leaves (see still-wanted.ts). */
export type DirectOptions = {
  /** The group the message is about: held while the group is suspended, deleted with it. */
  groupId?: string;
  /** The recipient must still be a facilitator (or a member) of `groupId` when it leaves. */
  audience?: OutboxAudience;
  /** Past this instant the message is useless and is dropped unsent. */
  expiresAt?: Date;
};

/**
 * Proactive messages are rows in the outbox, written in the caller's transaction; the worker sends them.
 * Ids are deterministic so that enqueuing the same cause twice stores one row.
 */
export function enqueueDirect(
  deps: CoreDeps,
  id: string,
  person: Person,
  msg: Message,
  options: DirectOptions = {},
): boolean {
  return deps.store.outbox.enqueue(
    {
      id,
      platform: person.platform,
      kind: 'direct',
      address: person.userRef,
      message: msg,
      personId: person.id,
      ...options,
    },
    deps.clock.now(),
  );
}

export function enqueueSpacePost(
  deps: CoreDeps,
  id: string,
  group: Group,
  msg: Message,
  options: Pick<DirectOptions, 'expiresAt'> = {},
): boolean {
  return deps.store.outbox.enqueue(
    {
      id,
      platform: group.platform,
      kind: 'space',
      address: group.spaceAddress,
      message: msg,
      personId: null,
      groupId: group.id,
      ...options,
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

/**
 * Edits a message that changes often (a countdown): an edit still waiting in the outbox (paced, or held by
 * a Retry-After) is replaced rather than followed by another, so that a message never has more than one
 * edit queued and a platform's edit limits are never pressed harder than the outbox paces one
 * conversation. `latestId` is the row holding the previous edit (null before the first); `nextId` is used
 * when a new row is needed. Returns the row now holding the latest edit (null while the message itself
 * still waits, carrying it).
 */
export function enqueueLatestUpdate(
  deps: CoreDeps,
  edit: { platform: string; targetId: string; latestId: string | null; nextId: string; message: Message },
): string | null {
  const { outbox } = deps.store;
  // The message itself has not left yet (or waits to be tried again): it leaves with this content. An edit
  // queued behind it gets the same content, so that it cannot bring an older one back.
  const message = outbox.replacePending(edit.targetId, edit.message);
  const latest = edit.latestId !== null && outbox.replacePending(edit.latestId, edit.message);
  if (message || latest) return edit.latestId;
  outbox.enqueue(
    {
      id: edit.nextId,
      platform: edit.platform,
      kind: 'update',
      address: edit.targetId,
      message: edit.message,
      personId: null,
    },
    deps.clock.now(),
  );
  return edit.nextId;
}
