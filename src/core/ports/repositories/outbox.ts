import type { Message } from '../../contract/message.js';

export type OutboxKind = 'direct' | 'space' | 'update';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'cancelled';

export type OutboxItem = {
  /** Deterministic: the same cause enqueued twice is stored once. */
  id: string;
  platform: string;
  kind: OutboxKind;
  /** A user ref (direct), a space address (space), or the outbox id of the message to update. */
  address: string;
  message: Message;
  /** The person the message is addressed to or about, so erasure can find it. */
  personId: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** The platform's reference of the sent message. */
  ref: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** A row without its message (what the worker lists; it reads the message when it sends it). */
export type OutboxHead = Omit<OutboxItem, 'message'>;

/** Where a page of due rows ended: the next page starts after this row, in due order. */
export type DueCursor = { at: Date; id: string };

export type NewOutboxItem = Pick<OutboxItem, 'id' | 'platform' | 'kind' | 'address' | 'message' | 'personId'>;

export interface OutboxRepository {
  /** Inserts unless the id exists; returns whether it was inserted. */
  enqueue(item: NewOutboxItem, now: Date): boolean;
  get(id: string): OutboxItem | undefined;
  /**
   * Pending rows due at `now`, and rows whose sender's lease ran out, oldest first, without their
   * messages (`get` reads one): listing stays cheap however long the queue and however often it is read.
   */
  listDue(now: Date, limit: number, after?: DueCursor): OutboxHead[];
  /** Claims one row for sending until `leaseUntil`; false if someone else has it. */
  claim(id: string, attempts: number, now: Date, leaseUntil: Date): boolean;
  markSent(id: string, ref: string, now: Date): void;
  retryLater(id: string, nextAttemptAt: Date, error: string, countAttempt: boolean): void;
  markDead(id: string, error: string): void;
  /** Replaces the message of a row that has not been sent yet; false if it already left. */
  replacePending(id: string, message: Message): boolean;
  listDead(limit: number): OutboxItem[];
  /** Puts a dead row back in the queue. */
  revive(id: string, now: Date): boolean;
  backlog(): { pending: number; dead: number; oldestPendingAt: Date | null };
  nextDueAt(): Date | null;
  deleteByPerson(personId: string): void;
  deleteByPlatformWorkspace(ids: string[]): void;
  /** Deletes every row addressed to a space (its group was deleted). */
  deleteByAddress(address: string): void;
  /** Deletes rows whose id starts with a prefix (a case's notifications when its author is forgotten). */
  deleteByIdPrefix(prefix: string): void;
  /** Drops the body of every row that is not pending and whose message contains one of these strings. */
  scrub(needles: string[]): void;
  /**
   * Drops message bodies, keeping ids and refs, of rows that will not be sent any more: sent before
   * `before`, or dead or cancelled and created before `before`.
   */
  pruneSent(before: Date): void;
}
