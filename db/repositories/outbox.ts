import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  min,
  ne,
  notInArray,
  or,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { OutboxHead, OutboxItem, OutboxRepository } from '../../src/core/ports/repositories/outbox.js';
import type { Db } from '../client.js';
import { PRUNED_MESSAGE, parseStoredMessage } from '../message-schema.js';
import { prepared } from '../prepared.js';
import { groupSuspensions, outbox } from '../schema.js';

type OutboxRow = typeof outbox.$inferSelect;

export const toOutboxItem = ({
  leaseUntil: _lease,
  claim: _claim,
  message,
  ...row
}: OutboxRow): OutboxItem => ({
  ...row,
  message: parseStoredMessage(message, row.id),
});

// Keeps each `IN (...)` list well under SQLite's bound-parameter limit.
const CHUNK = 500;

/** The columns of an `OutboxHead`. */
export const HEAD_COLUMNS = {
  id: outbox.id,
  platform: outbox.platform,
  kind: outbox.kind,
  address: outbox.address,
  personId: outbox.personId,
  status: outbox.status,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  ref: outbox.ref,
  lastError: outbox.lastError,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
  failingSince: outbox.failingSince,
  expiresAt: outbox.expiresAt,
  groupId: outbox.groupId,
  audience: outbox.audience,
};

/** The order rows are due in: by due time, then id (SQLite's binary order, the same as JS for ASCII ids). */
export const dueOrder = (a: OutboxHead, b: OutboxHead): number =>
  a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createOutboxRepository(db: Db): OutboxRepository {
  const byId = (id: string | Placeholder) => eq(outbox.id, id);
  /** A placeholder in `set()`, which takes no placeholder as such: bound as given (timestamps in ms). */
  const bound = (name: string) => sql`${sql.placeholder(name)}`;
  /** A row being sent whose sender's lease ran out (the process died mid-send). */
  const abandoned = (now: Date | Placeholder) =>
    and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now));
  /** Rows of no suspended group (those wait until the group resumes or is purged). */
  const notHeld = () =>
    or(
      isNull(outbox.groupId),
      notInArray(outbox.groupId, db.select({ id: groupSuspensions.groupId }).from(groupSuspensions)),
    );
  /** The row, still pending, or being sent under this claim (when one is given). */
  const underClaim = (id: string, claim: string | undefined) =>
    claim === undefined
      ? and(byId(id), inArray(outbox.status, ['pending', 'sending']))
      : and(byId(id), eq(outbox.status, 'sending'), eq(outbox.claim, claim));

  // The statements of the send path (enqueue, list, claim, read, mark sent), built once.
  const insert = prepared(() =>
    db
      .insert(outbox)
      .values({
        id: sql.placeholder('id'),
        platform: sql.placeholder('platform'),
        kind: sql.placeholder('kind'),
        address: sql.placeholder('address'),
        personId: sql.placeholder('personId'),
        message: sql.placeholder('message'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: sql.placeholder('now'),
        createdAt: sql.placeholder('now'),
        // Bound as is (milliseconds or null): drizzle's timestamp mapping refuses a null placeholder.
        expiresAt: sql`${sql.placeholder('expiresAt')}`,
        groupId: sql.placeholder('groupId'),
        audience: sql.placeholder('audience'),
      })
      .onConflictDoNothing({ target: outbox.id })
      .prepare(),
  );
  const one = prepared(() =>
    db
      .select()
      .from(outbox)
      .where(byId(sql.placeholder('id')))
      .prepare(),
  );
  // Two queries rather than one with OR, so that each walks the (status, next_attempt_at) index in order
  // and stops at the limit instead of sorting the whole backlog on every call.
  /** Rows after a cursor, in due order (`>=` first, so that SQLite starts the index walk there). */
  const afterCursor = () =>
    and(
      gte(outbox.nextAttemptAt, sql.placeholder('afterAt')),
      or(gt(outbox.nextAttemptAt, sql.placeholder('afterAt')), gt(outbox.id, sql.placeholder('afterId'))),
    );
  const due = (where: SQL | undefined) =>
    db
      .select(HEAD_COLUMNS)
      .from(outbox)
      .where(where)
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(sql.placeholder('limit'))
      .prepare();
  const pendingNow = () =>
    and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql.placeholder('now')));
  const duePending = prepared(() => due(and(pendingNow(), notHeld())));
  const dueAbandoned = prepared(() => due(and(abandoned(sql.placeholder('now')), notHeld())));
  const duePendingAfter = prepared(() => due(and(pendingNow(), afterCursor(), notHeld())));
  const dueAbandonedAfter = prepared(() =>
    due(and(abandoned(sql.placeholder('now')), afterCursor(), notHeld())),
  );
  const claimRow = prepared(() =>
    db
      .update(outbox)
      .set({
        status: 'sending',
        leaseUntil: bound('leaseUntil'),
        attempts: sql`${outbox.attempts} + 1`,
        claim: bound('claim'),
      })
      .where(
        and(
          byId(sql.placeholder('id')),
          eq(outbox.attempts, sql.placeholder('attempts')),
          or(eq(outbox.status, 'pending'), abandoned(sql.placeholder('now'))),
        ),
      )
      .prepare(),
  );
  const sentRow = prepared(() =>
    db
      .update(outbox)
      .set({ status: 'sent', ref: bound('ref'), sentAt: bound('sentAt'), leaseUntil: null, claim: null })
      .where(byId(sql.placeholder('id')))
      .prepare(),
  );
  const sentRowClaimed = prepared(() =>
    db
      .update(outbox)
      .set({ status: 'sent', ref: bound('ref'), sentAt: bound('sentAt'), leaseUntil: null, claim: null })
      .where(
        and(
          byId(sql.placeholder('id')),
          eq(outbox.status, 'sending'),
          eq(outbox.claim, sql.placeholder('claim')),
        ),
      )
      .prepare(),
  );
  const firstDue = prepared(() =>
    db
      .select({ at: min(outbox.nextAttemptAt) })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), notHeld()))
      .prepare(),
  );

  return {
    enqueue(item, now) {
      // Field by field: a caller passing a whole OutboxItem must not smuggle in its status or ref.
      const result = insert().run({
        id: item.id,
        platform: item.platform,
        kind: item.kind,
        address: item.address,
        personId: item.personId,
        message: JSON.stringify(item.message),
        now,
        expiresAt: item.expiresAt?.getTime() ?? null,
        groupId: item.groupId ?? null,
        audience: item.audience ?? null,
      });
      return result.changes === 1;
    },
    get(id) {
      const row = one().get({ id });
      return row && toOutboxItem(row);
    },
    listDue(now, limit, after) {
      const at = now.getTime();
      const cursor = after && { afterAt: after.at.getTime(), afterId: after.id };
      const pending = cursor
        ? duePendingAfter().all({ now: at, limit, ...cursor })
        : duePending().all({ now: at, limit });
      const abandonedRows = cursor
        ? dueAbandonedAfter().all({ now: at, limit, ...cursor })
        : dueAbandoned().all({ now: at, limit });
      if (abandonedRows.length === 0) return pending;
      return [...abandonedRows, ...pending].sort(dueOrder).slice(0, limit);
    },
    claim(id, attempts, now, leaseUntil) {
      // Compare-and-set on `attempts`: of two senders that read the same row, only one moves it.
      const claim = randomUUID();
      const params = { id, attempts, now: now.getTime(), leaseUntil: leaseUntil.getTime(), claim };
      return claimRow().run(params).changes === 1 ? claim : null;
    },
    markSent(id, ref, now, claim) {
      const sentAt = now.getTime();
      if (claim === undefined) sentRow().run({ id, ref, sentAt });
      else sentRowClaimed().run({ id, ref, sentAt, claim });
    },
    retryLater(id, nextAttemptAt, error, countAttempt, claim, now) {
      // An attempt that never reached the platform (e.g. a rate limit) gives its attempt back.
      const attempts = countAttempt ? outbox.attempts : sql`max(${outbox.attempts} - 1, 0)`;
      const failingSince =
        countAttempt && now ? sql`coalesce(${outbox.failingSince}, ${now.getTime()})` : outbox.failingSince;
      db.update(outbox)
        .set({
          status: 'pending',
          nextAttemptAt,
          lastError: error,
          leaseUntil: null,
          attempts,
          claim: null,
          failingSince,
        })
        .where(underClaim(id, claim))
        .run();
    },
    markDead(id, error, claim) {
      db.update(outbox)
        .set({ status: 'dead', lastError: error, leaseUntil: null, claim: null })
        .where(claim === undefined ? and(byId(id), ne(outbox.status, 'sent')) : underClaim(id, claim))
        .run();
    },
    cancel(id, error, claim) {
      const result = db
        .update(outbox)
        .set({ status: 'cancelled', lastError: error, leaseUntil: null, claim: null })
        .where(underClaim(id, claim))
        .run();
      return result.changes === 1;
    },
    expireDue(now) {
      return db
        .update(outbox)
        .set({ status: 'cancelled', lastError: 'expired' })
        .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.expiresAt), lte(outbox.expiresAt, now)))
        .run().changes;
    },
    giveUpBefore(before, error) {
      // Rows being sent are left to their sender, which applies the same budget to the outcome.
      const ids = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lt(outbox.failingSince, before), notHeld()))
        // In due order, as on PostgreSQL (one log line each, in a stable order).
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .all()
        .map((r) => r.id);
      for (let i = 0; i < ids.length; i += CHUNK)
        db.update(outbox)
          .set({ status: 'dead', lastError: error })
          .where(and(inArray(outbox.id, ids.slice(i, i + CHUNK)), eq(outbox.status, 'pending')))
          .run();
      return ids;
    },
    hurry(ids, now) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        db.update(outbox)
          .set({ nextAttemptAt: now })
          .where(
            and(
              inArray(outbox.id, ids.slice(i, i + CHUNK)),
              eq(outbox.status, 'pending'),
              gt(outbox.nextAttemptAt, now),
            ),
          )
          .run();
      }
    },
    replacePending(id, message) {
      const result = db
        .update(outbox)
        .set({ message: JSON.stringify(message) })
        .where(and(byId(id), eq(outbox.status, 'pending')))
        .run();
      return result.changes === 1;
    },
    listDead(limit) {
      return db
        .select()
        .from(outbox)
        .where(eq(outbox.status, 'dead'))
        .orderBy(asc(outbox.createdAt), asc(outbox.id))
        .limit(limit)
        .all()
        .map(toOutboxItem);
    },
    revive(id, now) {
      // Back in the queue with a new give-up budget.
      const result = db
        .update(outbox)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          failingSince: null,
          leaseUntil: null,
          claim: null,
        })
        // A row whose body retention already dropped has nothing left to send.
        .where(and(byId(id), eq(outbox.status, 'dead'), ne(outbox.message, JSON.stringify(PRUNED_MESSAGE))))
        .run();
      return result.changes === 1;
    },
    backlog() {
      // "Pending" is everything not yet sent: queued rows and rows in flight.
      const waiting = db
        .select({ n: count(), oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']))
        .get();
      const dead = db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'dead')).get();
      return {
        pending: waiting?.n ?? 0,
        dead: dead?.n ?? 0,
        oldestPendingAt: waiting?.oldest ?? null,
      };
    },
    nextDueAt() {
      return firstDue().get()?.at ?? null;
    },
    deleteByPerson(personId) {
      db.delete(outbox).where(eq(outbox.personId, personId)).run();
    },
    deleteByPlatformWorkspace(ids) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        db.delete(outbox)
          .where(inArray(outbox.id, ids.slice(i, i + CHUNK)))
          .run();
      }
    },
    deleteByAddress(address) {
      db.delete(outbox).where(eq(outbox.address, address)).run();
    },
    deleteByGroup(groupId) {
      db.delete(outbox).where(eq(outbox.groupId, groupId)).run();
    },
    resumeGroup(groupId, now) {
      db.update(outbox)
        .set({ nextAttemptAt: now, failingSince: null })
        .where(and(eq(outbox.groupId, groupId), eq(outbox.status, 'pending')))
        .run();
    },
    deleteByIdPrefix(prefix) {
      // substr, not LIKE: ids may contain '%' or '_'.
      db.delete(outbox).where(sql`substr(${outbox.id}, 1, ${prefix.length}) = ${prefix}`).run();
    },
    deleteUnsentByIdPrefix(prefix) {
      return db
        .delete(outbox)
        .where(
          and(
            sql`substr(${outbox.id}, 1, ${prefix.length}) = ${prefix}`,
            inArray(outbox.status, ['pending', 'sending', 'dead']),
          ),
        )
        .run().changes;
    },
    scrub(needles) {
      for (const needle of needles) {
        if (needle === '') continue;
        db.update(outbox)
          .set({ message: JSON.stringify(PRUNED_MESSAGE) })
          .where(
            and(
              ne(outbox.status, 'pending'),
              sql`instr(${outbox.message}, ${JSON.stringify(needle).slice(1, -1)}) > 0`,
            ),
          )
          .run();
      }
    },
    pruneSent(before) {
      // Sent rows from their sending; rows that failed for good or were cancelled from their creation.
      db.update(outbox)
        .set({ message: JSON.stringify(PRUNED_MESSAGE) })
        .where(
          or(
            and(eq(outbox.status, 'sent'), lt(outbox.sentAt, before)),
            and(inArray(outbox.status, ['dead', 'cancelled']), lt(outbox.createdAt, before)),
          ),
        )
        .run();
    },
  };
}
