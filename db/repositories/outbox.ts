import { and, asc, count, eq, inArray, lt, lte, min, ne, or, sql } from 'drizzle-orm';
import type { OutboxItem, OutboxRepository } from '../../src/core/ports/repositories/outbox.js';
import type { Db } from '../client.js';
import { PRUNED_MESSAGE, parseStoredMessage } from '../message-schema.js';
import { outbox } from '../schema.js';

type OutboxRow = typeof outbox.$inferSelect;

const toItem = ({ leaseUntil: _lease, message, ...row }: OutboxRow): OutboxItem => ({
  ...row,
  message: parseStoredMessage(message, row.id),
});

/**
 * The rows `listDue` returns: their message is read (JSON parsed, then checked) only when the row is sent.
 * A pass of the worker reads every due row, and pacing holds most of them back: parsing them all on each
 * pass cost more than the sending.
 */
const toDueItem = ({ leaseUntil: _lease, message, ...row }: OutboxRow): OutboxItem => {
  let parsed: OutboxItem['message'] | undefined;
  return Object.defineProperty({ ...row }, 'message', {
    enumerable: true,
    get: () => {
      parsed ??= parseStoredMessage(message, row.id);
      return parsed;
    },
  }) as OutboxItem;
};

// Keeps each `IN (...)` list well under SQLite's bound-parameter limit.
const CHUNK = 500;

export function createOutboxRepository(db: Db): OutboxRepository {
  const byId = (id: string) => eq(outbox.id, id);
  /** A row being sent whose sender's lease ran out (the process died mid-send). */
  const abandoned = (now: Date) => and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now));
  // Read by the worker several times a second: prepared once.
  const now = sql.placeholder('now');
  const due = db
    .select()
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
        and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now)),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(sql.placeholder('limit'))
    .prepare();

  return {
    enqueue(item, now) {
      const result = db
        .insert(outbox)
        .values({
          // Field by field: a caller passing a whole OutboxItem must not smuggle in its status or ref.
          id: item.id,
          platform: item.platform,
          kind: item.kind,
          address: item.address,
          personId: item.personId,
          message: JSON.stringify(item.message),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing({ target: outbox.id })
        .run();
      return result.changes === 1;
    },
    get(id) {
      const row = db.select().from(outbox).where(byId(id)).get();
      return row && toItem(row);
    },
    listDue(at, limit) {
      // Placeholders skip the column mapping: the instant goes as the stored integer (ms).
      return due.all({ now: at.getTime(), limit }).map(toDueItem);
    },
    claim(id, attempts, now, leaseUntil) {
      // Compare-and-set on `attempts`: of two senders that read the same row, only one moves it.
      const result = db
        .update(outbox)
        .set({ status: 'sending', leaseUntil, attempts: sql`${outbox.attempts} + 1` })
        .where(and(byId(id), eq(outbox.attempts, attempts), or(eq(outbox.status, 'pending'), abandoned(now))))
        .run();
      return result.changes === 1;
    },
    markSent(id, ref, now) {
      db.update(outbox).set({ status: 'sent', ref, sentAt: now, leaseUntil: null }).where(byId(id)).run();
    },
    retryLater(id, nextAttemptAt, error, countAttempt) {
      // An attempt that never reached the platform (e.g. a rate limit) gives its attempt back.
      const attempts = countAttempt ? outbox.attempts : sql`max(${outbox.attempts} - 1, 0)`;
      db.update(outbox)
        .set({ status: 'pending', nextAttemptAt, lastError: error, leaseUntil: null, attempts })
        .where(and(byId(id), inArray(outbox.status, ['pending', 'sending'])))
        .run();
    },
    markDead(id, error) {
      db.update(outbox)
        .set({ status: 'dead', lastError: error, leaseUntil: null })
        .where(and(byId(id), ne(outbox.status, 'sent')))
        .run();
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
        .map(toItem);
    },
    revive(id, now) {
      const result = db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null })
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
      const row = db
        .select({ at: min(outbox.nextAttemptAt) })
        .from(outbox)
        .where(eq(outbox.status, 'pending'))
        .get();
      return row?.at ?? null;
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
    deleteByIdPrefix(prefix) {
      // substr, not LIKE: ids may contain '%' or '_'.
      db.delete(outbox).where(sql`substr(${outbox.id}, 1, ${prefix.length}) = ${prefix}`).run();
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
