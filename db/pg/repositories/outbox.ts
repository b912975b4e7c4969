import { and, asc, count, eq, inArray, lt, lte, min, ne, or, type SQL, sql } from 'drizzle-orm';
import type { OutboxHead, OutboxRepository } from '../../../src/core/ports/repositories/outbox.js';
import { PRUNED_MESSAGE } from '../../message-schema.js';
import { dueOrder, toOutboxItem } from '../../repositories/outbox.js';
import { type Async, bin, changed, type PgDb } from '../db.js';
import { outbox } from '../schema.js';

// Keeps each `IN (...)` list a reasonable size.
const CHUNK = 1000;

/** A prefix match that treats % and _ as themselves (not LIKE). */
const startsWith = (prefix: string) => sql`left(${outbox.id}, char_length(${prefix}::text)) = ${prefix}`;

/** The columns of an `OutboxHead`. */
const HEAD_COLUMNS = {
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
};

export function createPgOutboxRepository(db: PgDb): Async<OutboxRepository> {
  const byId = (id: string) => eq(outbox.id, id);
  const abandoned = (now: Date) => and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now));
  const due = (where: SQL | undefined, limit: number): Promise<OutboxHead[]> =>
    db
      .select(HEAD_COLUMNS)
      .from(outbox)
      .where(where)
      .orderBy(asc(outbox.nextAttemptAt), asc(bin(outbox.id)))
      .limit(limit);

  return {
    async enqueue(item, now) {
      const result = await db
        .insert(outbox)
        .values({
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
        .onConflictDoNothing({ target: outbox.id });
      return changed(result) === 1;
    },
    async get(id) {
      const [row] = await db.select().from(outbox).where(byId(id));
      return row && toOutboxItem(row);
    },
    async listDue(now, limit, after) {
      const cursor =
        after &&
        and(
          sql`${outbox.nextAttemptAt} >= ${after.at}`,
          or(sql`${outbox.nextAttemptAt} > ${after.at}`, sql`${bin(outbox.id)} > ${after.id}`),
        );
      const [pending, abandonedRows] = await Promise.all([
        due(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), cursor), limit),
        due(and(abandoned(now), cursor), limit),
      ]);
      if (abandonedRows.length === 0) return pending;
      return [...abandonedRows, ...pending].sort(dueOrder).slice(0, limit);
    },
    async claim(id, attempts, now, leaseUntil) {
      // Compare-and-set on `attempts`, and SKIP LOCKED: a row another instance is claiming right now is
      // left to it at once instead of waiting for its commit (it would fail the compare-and-set anyway).
      const result = await db.execute(sql`
        update ${outbox} set status = 'sending', lease_until = ${leaseUntil}, attempts = ${outbox.attempts} + 1
        where ${outbox.id} = (
          select ${outbox.id} from ${outbox}
          where ${outbox.id} = ${id} and ${outbox.attempts} = ${attempts}
            and (${outbox.status} = 'pending' or (${outbox.status} = 'sending' and ${outbox.leaseUntil} < ${now}))
          for update skip locked
        )`);
      return changed(result) === 1;
    },
    async markSent(id, ref, now) {
      await db.update(outbox).set({ status: 'sent', ref, sentAt: now, leaseUntil: null }).where(byId(id));
    },
    async retryLater(id, nextAttemptAt, error, countAttempt) {
      const attempts = countAttempt ? outbox.attempts : sql`greatest(${outbox.attempts} - 1, 0)`;
      await db
        .update(outbox)
        .set({ status: 'pending', nextAttemptAt, lastError: error, leaseUntil: null, attempts })
        .where(and(byId(id), inArray(outbox.status, ['pending', 'sending'])));
    },
    async markDead(id, error) {
      await db
        .update(outbox)
        .set({ status: 'dead', lastError: error, leaseUntil: null })
        .where(and(byId(id), ne(outbox.status, 'sent')));
    },
    async replacePending(id, message) {
      const result = await db
        .update(outbox)
        .set({ message: JSON.stringify(message) })
        .where(and(byId(id), eq(outbox.status, 'pending')));
      return changed(result) === 1;
    },
    async listDead(limit) {
      const rows = await db
        .select()
        .from(outbox)
        .where(eq(outbox.status, 'dead'))
        .orderBy(asc(outbox.createdAt), asc(bin(outbox.id)))
        .limit(limit);
      return rows.map(toOutboxItem);
    },
    async revive(id, now) {
      const result = await db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null })
        .where(and(byId(id), eq(outbox.status, 'dead'), ne(outbox.message, JSON.stringify(PRUNED_MESSAGE))));
      return changed(result) === 1;
    },
    async backlog() {
      const [waiting] = await db
        .select({ n: count(), oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']));
      const [dead] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'dead'));
      return {
        pending: waiting?.n ?? 0,
        dead: dead?.n ?? 0,
        oldestPendingAt: waiting?.oldest ?? null,
      };
    },
    async nextDueAt() {
      const [row] = await db
        .select({ at: min(outbox.nextAttemptAt) })
        .from(outbox)
        .where(eq(outbox.status, 'pending'));
      return row?.at ?? null;
    },
    async deleteByPerson(personId) {
      await db.delete(outbox).where(eq(outbox.personId, personId));
    },
    async deleteByPlatformWorkspace(ids) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await db.delete(outbox).where(inArray(outbox.id, ids.slice(i, i + CHUNK)));
      }
    },
    async deleteByAddress(address) {
      await db.delete(outbox).where(eq(outbox.address, address));
    },
    async deleteByIdPrefix(prefix) {
      await db.delete(outbox).where(startsWith(prefix));
    },
    async scrub(needles) {
      for (const needle of needles) {
        if (needle === '') continue;
        await db
          .update(outbox)
          .set({ message: JSON.stringify(PRUNED_MESSAGE) })
          .where(
            and(
              ne(outbox.status, 'pending'),
              sql`strpos(${outbox.message}, ${JSON.stringify(needle).slice(1, -1)}) > 0`,
            ),
          );
      }
    },
    async pruneSent(before) {
      await db
        .update(outbox)
        .set({ message: JSON.stringify(PRUNED_MESSAGE) })
        .where(
          or(
            and(eq(outbox.status, 'sent'), lt(outbox.sentAt, before)),
            and(inArray(outbox.status, ['dead', 'cancelled']), lt(outbox.createdAt, before)),
          ),
        );
    },
  };
}
