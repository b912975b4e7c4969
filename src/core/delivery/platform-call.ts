import { type ChatPlatform, DeliveryError, type SendGuard } from '../contract/chat-platform.js';
import type { OutboxItem } from '../ports/repositories/outbox.js';
import { withDeadline } from './deadline.js';

/** What became of one row's call: sent (with the platform's reference), or not made and why. */
export type CallOutcome = { sent: string } | { skipped: 'target missing' | 'target not sent yet' };

export type CallOptions = {
  /** The row an update edits (counting a send of it not recorded yet). */
  target: (id: string) => Pick<OutboxItem, 'status' | 'ref'> | undefined;
  guard: SendGuard;
  timeoutMs: number;
};

/**
 * The platform call a row stands for: a direct message, a post in a space, or the edit of a message sent
 * earlier (which waits until that one is sent, and is dropped when it never will be).
 *
 * Each call gets the platform's answer or a transient failure once `timeoutMs` has passed without one. A
 * send that never answers (a connection the network dropped silently) would otherwise hold its slot, and
 * the worker's round of sends, for ever. The late answer is ignored: the row is sent again, so the platform
 * may show that message twice, which is better than never.
 */
export async function callPlatform(
  platform: ChatPlatform,
  row: OutboxItem,
  { target, guard, timeoutMs }: CallOptions,
): Promise<CallOutcome> {
  const answered = <T>(call: Promise<T>) =>
    withDeadline(call, timeoutMs, () => new DeliveryError('transient', `no answer within ${timeoutMs} ms`));
  if (row.kind === 'direct')
    return { sent: await answered(platform.sendDirect(row.address, row.message, guard)) };
  if (row.kind === 'space')
    return { sent: await answered(platform.postToSpace(row.address, row.message, guard)) };
  const edited = target(row.address);
  if (!edited || edited.status === 'dead' || edited.status === 'cancelled')
    return { skipped: 'target missing' };
  if (edited.status !== 'sent' || !edited.ref) return { skipped: 'target not sent yet' };
  await answered(platform.updateMessage(edited.ref, row.message, guard));
  return { sent: edited.ref };
}
