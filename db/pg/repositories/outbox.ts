import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  min,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { OutboxHead, OutboxRepository } from '../../../src/core/ports/repositories/outbox.js';
import { PRUNED_MESSAGE } from '../../message-schema.js';
import { dueOrder, toOutboxItem } from '../../repositories/outbox.js';
import { type Async, bin, changed, type PgDb } from '../db.js';
import { groupSuspensions, outbox } from '../schema.js';

// Keeps each `IN (...)` list a reasonable size.
const CHUNK = 1000;

/** A prefix match that treats % and _ as themselves (not LIKE). */
const startsWith = (prefix: string) => sql`left(${outbox.id}, char_length(${prefix}::text)) = ${prefix}`;

/** Due time, then id in byte order (as `dueOrder`). */
const byDue = (a: { nextAttemptAt: Date; id: string }, b: { nextAttemptAt: Date; id: string }): number =>
  a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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
  failingSince: outbox.failingSince,
  expiresAt: outbox.expiresAt,
  groupId: outbox.groupId,
  audience: outbox.audience,
};

/**
 * The outbox on PostgreSQL: the same rows and answers as db/repositories/outbox.ts. Several instances send
 * from the same table: a claim is a compare-and-set taken with FOR UPDATE SKIP LOCKED (no row goes to two
 * senders), and the outcome of a send is recorded under the claim's token, so that a sender whose lease ran
 * out (its row taken over by another instance) changes nothing.
 */
export function createPgOutboxRepository(db: PgDb): Async<OutboxRepository> {
  const byId = (id: string) => eq(outbox.id, id);
  /** A row being sent whose sender's lease ran out (the process died mid-send). */
  const abandoned = (now: Date) => and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now));
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
  const due = (where: SQL | undefined, limit: number): Promise<OutboxHead[]> =>
    db
      .select(HEAD_COLUMNS)
      .from(outbox)
      .where(where)
      .orderBy(asc(outbox.nextAttemptAt), asc(bin(outbox.id)))
      .limit(limit);

  return {
    async enqueue(item, now) {
      // Field by field: a caller passing a whole OutboxItem must not smuggle in its status or ref.
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
          expiresAt: item.expiresAt ?? null,
          groupId: item.groupId ?? null,
          audience: item.audience ?? null,
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
        due(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), cursor, notHeld()), limit),
        due(and(abandoned(now), cursor, notHeld()), limit),
      ]);
      if (abandonedRows.length === 0) return pending;
      return [...abandonedRows, ...pending].sort(dueOrder).slice(0, limit);
    },
    async claim(id, attempts, now, leaseUntil) {
      // Compare-and-set on `attempts`, and SKIP LOCKED: a row another instance is claiming right now is
      // left to it at once instead of waiting for its commit (it would fail the compare-and-set anyway).
      const claim = randomUUID();
      const result = await db.execute(sql`
        update ${outbox}
        set status = 'sending', lease_until = ${leaseUntil}, attempts = ${outbox.attempts} + 1, claim = ${claim}
        where ${outbox.id} = (
          select ${outbox.id} from ${outbox}
          where ${outbox.id} = ${id} and ${outbox.attempts} = ${attempts}
            and (${outbox.status} = 'pending' or (${outbox.status} = 'sending' and ${outbox.leaseUntil} < ${now}))
          for update skip locked
        )`);
      return changed(result) === 1 ? claim : null;
    },
    async markSent(id, ref, now, claim) {
      await db
        .update(outbox)
        .set({ status: 'sent', ref, sentAt: now, leaseUntil: null, claim: null })
        .where(
          claim === undefined
            ? byId(id)
            : and(byId(id), eq(outbox.status, 'sending'), eq(outbox.claim, claim)),
        );
    },
    async retryLater(id, nextAttemptAt, error, countAttempt, claim, now) {
      // An attempt that never reached the platform (e.g. a rate limit) gives its attempt back.
      const attempts = countAttempt ? outbox.attempts : sql`greatest(${outbox.attempts} - 1, 0)`;
      const failingSince =
        countAttempt && now
          ? sql`coalesce(${outbox.failingSince}, ${now}::timestamptz)`
          : outbox.failingSince;
      await db
        .update(outbox)
        .set({
          status: 'pending',
          nextAttemptAt,
          lastError: error,
          leaseUntil: null,
          attempts,
          claim: null,
          failingSince,
        })
        .where(underClaim(id, claim));
    },
    async markDead(id, error, claim) {
      await db
        .update(outbox)
        .set({ status: 'dead', lastError: error, leaseUntil: null, claim: null })
        .where(claim === undefined ? and(byId(id), ne(outbox.status, 'sent')) : underClaim(id, claim));
    },
    async cancel(id, error, claim) {
      const result = await db
        .update(outbox)
        .set({ status: 'cancelled', lastError: error, leaseUntil: null, claim: null })
        .where(underClaim(id, claim));
      return changed(result) === 1;
    },
    async expireDue(now) {
      const result = await db
        .update(outbox)
        .set({ status: 'cancelled', lastError: 'expired' })
        .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.expiresAt), lte(outbox.expiresAt, now)));
      return changed(result);
    },
    async giveUpBefore(before, error) {
      // One statement: a row a sender claims meanwhile is no longer pending when the update reaches it,
      // and stays with its sender, which applies the same budget to the outcome.
      const rows = await db
        .update(outbox)
        .set({ status: 'dead', lastError: error })
        .where(and(eq(outbox.status, 'pending'), lt(outbox.failingSince, before), notHeld()))
        .returning({ id: outbox.id, nextAttemptAt: outbox.nextAttemptAt });
      // In due order: RETURNING has none of its own.
      return rows.sort(byDue).map((r) => r.id);
    },
    async hurry(ids, now) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await db
          .update(outbox)
          .set({ nextAttemptAt: now })
          .where(
            and(
              inArray(outbox.id, ids.slice(i, i + CHUNK)),
              eq(outbox.status, 'pending'),
              gt(outbox.nextAttemptAt, now),
            ),
          );
      }
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
      // Back in the queue with a new give-up budget; a row whose body retention dropped has nothing to send.
      const result = await db
        .update(outbox)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          failingSince: null,
          leaseUntil: null,
          claim: null,
        })
        .where(and(byId(id), eq(outbox.status, 'dead'), ne(outbox.message, JSON.stringify(PRUNED_MESSAGE))));
      return changed(result) === 1;
    },
    async backlog() {
      // "Pending" is everything not yet sent: queued rows and rows in flight.
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
        .where(and(eq(outbox.status, 'pending'), notHeld()));
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
    async deleteByGroup(groupId) {
      await db.delete(outbox).where(eq(outbox.groupId, groupId));
    },
    async resumeGroup(groupId, now) {
      await db
        .update(outbox)
        .set({ nextAttemptAt: now, failingSince: null })
        .where(and(eq(outbox.groupId, groupId), eq(outbox.status, 'pending')));
    },
    async deleteByIdPrefix(prefix) {
      await db.delete(outbox).where(startsWith(prefix));
    },
    async deleteUnsentByIdPrefix(prefix) {
      const result = await db
        .delete(outbox)
        .where(and(startsWith(prefix), inArray(outbox.status, ['pending', 'sending', 'dead'])));
      return changed(result);
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
      // Sent rows from their sending; rows that failed for good or were cancelled from their creation.
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
