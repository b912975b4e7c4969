import type { Message } from '../../contract/message.js';

export type OutboxKind = 'direct' | 'space' | 'update';
/** `cancelled`: dropped unsent on purpose (expired, recipient no longer allowed); `last_error` says why. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'cancelled';
/** Who may still receive a direct message when it leaves: a facilitator of its group, or any member. */
export type OutboxAudience = 'facilitator' | 'member';

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
  /**
   * Its first transient failure since it was enqueued or put back in the queue: it is retried until
   * `giveUpMs` after this (a row never tried, Cairn being down, or held by a paused platform, is not failing).
   */
  failingSince: Date | null;
  /** Past this instant the message is useless (a reminder for a session that started): dropped unsent. */
  expiresAt: Date | null;
  /** The group the message is about: held while it is suspended, deleted with it. */
  groupId: string | null;
  /** The role the recipient must still have in `groupId` when the message leaves (else it is dropped). */
  audience: OutboxAudience | null;
};

/** A row without its message (what the worker lists; it reads the message when it sends it). */
export type OutboxHead = Omit<OutboxItem, 'message'>;

/** Where a page of due rows ended: the next page starts after this row, in due order. */
export type DueCursor = { at: Date; id: string };

export type NewOutboxItem = Pick<
  OutboxItem,
  'id' | 'platform' | 'kind' | 'address' | 'message' | 'personId'
> &
  Partial<Pick<OutboxItem, 'expiresAt' | 'groupId' | 'audience'>>;

export interface OutboxRepository {
  /** Inserts unless the id exists; returns whether it was inserted. */
  enqueue(item: NewOutboxItem, now: Date): boolean;
  get(id: string): OutboxItem | undefined;
  /**
   * Pending rows due at `now`, and rows whose sender's lease ran out, oldest first, without their
   * messages (`get` reads one): listing stays cheap however long the queue and however often it is read.
   * Rows of a suspended group are not listed.
   */
  listDue(now: Date, limit: number, after?: DueCursor): OutboxHead[];
  /**
   * Claims one row for sending until `leaseUntil`: its claim (a fresh token), or null if someone else has
   * it. The outcome of the send is recorded with the claim, so that a sender whose lease ran out (and whose
   * row another sender took over) changes nothing.
   */
  claim(id: string, attempts: number, now: Date, leaseUntil: Date): string | null;
  markSent(id: string, ref: string, now: Date, claim?: string): void;
  /** Back to pending until `nextAttemptAt`; a counted attempt is a failure (`failingSince` starts at `now`). */
  retryLater(
    id: string,
    nextAttemptAt: Date,
    error: string,
    countAttempt: boolean,
    claim?: string,
    now?: Date,
  ): void;
  markDead(id: string, error: string, claim?: string): void;
  /** Drops a row unsent on purpose (status `cancelled`, `error` says why): pending, or under this claim. */
  cancel(id: string, error: string, claim?: string): boolean;
  /** Drops the pending rows whose `expiresAt` has passed; returns how many. */
  expireDue(now: Date): number;
  /**
   * Ends as dead the pending rows failing since before `before` (their give-up budget is spent), except
   * those of a suspended group; returns their ids.
   */
  giveUpBefore(before: Date, error: string): string[];
  /** Makes these pending rows due now (a platform came back: the rows waiting out a backoff go). */
  hurry(ids: string[], now: Date): void;
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
  /** Deletes every row about a group (the group was deleted). */
  deleteByGroup(groupId: string): void;
  /** A suspended group resumes: its held rows are due now, with a fresh give-up budget. */
  resumeGroup(groupId: string, now: Date): void;
  /** Deletes rows whose id starts with a prefix (a case's notifications when its author is forgotten). */
  deleteByIdPrefix(prefix: string): void;
  /** Deletes the rows not sent yet whose id starts with a prefix (a withdrawn case's notifications). */
  deleteUnsentByIdPrefix(prefix: string): number;
  /** Drops the body of every row that is not pending and whose message contains one of these strings. */
  scrub(needles: string[]): void;
  /**
   * Drops message bodies, keeping ids and refs, of rows that will not be sent any more: sent before
   * `before`, or dead or cancelled and created before `before`.
   */
  pruneSent(before: Date): void;
}
