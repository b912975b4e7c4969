import { and, count, eq, gte, lt, or, sql } from 'drizzle-orm';
import type {
  InboundEventRepository,
  LeaseRepository,
  OccurrenceRepository,
  ReminderOptOutRepository,
} from '../../../src/core/ports/repositories/reminders.js';
import { type Async, changed, type PgDb } from '../db.js';
import { inboundEvents, leases, occurrences, reminderOptOuts } from '../schema.js';

export function createPgReminderOptOutRepository(db: PgDb): Async<ReminderOptOutRepository> {
  const key = (sessionId: string, personId: string) =>
    and(eq(reminderOptOuts.sessionId, sessionId), eq(reminderOptOuts.personId, personId));
  return {
    async add(sessionId, personId) {
      await db.insert(reminderOptOuts).values({ sessionId, personId }).onConflictDoNothing();
    },
    async has(sessionId, personId) {
      const rows = await db.select({ one: sql`1` }).from(reminderOptOuts).where(key(sessionId, personId));
      return rows.length > 0;
    },
    async listByPerson(personId) {
      const rows = await db
        .select({ sessionId: reminderOptOuts.sessionId })
        .from(reminderOptOuts)
        .where(eq(reminderOptOuts.personId, personId))
        .orderBy(reminderOptOuts.sessionId);
      return rows.map((r) => r.sessionId);
    },
    async deleteByPerson(personId) {
      await db.delete(reminderOptOuts).where(eq(reminderOptOuts.personId, personId));
    },
  };
}

/** A prefix match that treats % and _ as themselves and compares bytes (not LIKE). */
const startsWith = (column: typeof occurrences.key, prefix: string) =>
  sql`left(${column}, char_length(${prefix}::text)) = ${prefix}`;

export function createPgOccurrenceRepository(db: PgDb): Async<OccurrenceRepository> {
  return {
    async tryRecord(key, at, outcome) {
      // The primary key is the guard: of two instances ticking at once, the second waits for the first's
      // commit and then inserts nothing (ON CONFLICT sees the committed row).
      return changed(await db.insert(occurrences).values({ key, at, outcome }).onConflictDoNothing()) === 1;
    },
    async has(key) {
      const rows = await db
        .select({ key: occurrences.key })
        .from(occurrences)
        .where(eq(occurrences.key, key));
      return rows.length > 0;
    },
    async deleteByPrefix(prefix) {
      await db.delete(occurrences).where(startsWith(occurrences.key, prefix));
    },
    async countSince(prefix, since) {
      // A count decides a write (a rate limit: count, then record): inside a transaction, another
      // instance counting the same prefix waits for this one's commit (released at commit, nothing kept).
      await db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`cairn:occurrences:${prefix}`}, 0))`,
      );
      const [row] = await db
        .select({ n: count() })
        .from(occurrences)
        .where(and(startsWith(occurrences.key, prefix), gte(occurrences.at, since)));
      return row?.n ?? 0;
    },
    async deleteBefore(prefix, before) {
      await db
        .delete(occurrences)
        .where(and(startsWith(occurrences.key, prefix), lt(occurrences.at, before)));
    },
  };
}

export function createPgInboundEventRepository(db: PgDb): Async<InboundEventRepository> {
  return {
    async firstSeen(eventId, at) {
      return changed(await db.insert(inboundEvents).values({ eventId, at }).onConflictDoNothing()) === 1;
    },
    async seen(eventId) {
      const rows = await db
        .select({ one: sql`1` })
        .from(inboundEvents)
        .where(eq(inboundEvents.eventId, eventId));
      return rows.length > 0;
    },
    async deleteOlderThan(before) {
      await db.delete(inboundEvents).where(lt(inboundEvents.at, before));
    },
  };
}

export function createPgLeaseRepository(db: PgDb): Async<LeaseRepository> {
  return {
    async acquire(name, holder, now, ttlMs) {
      // One statement: INSERT ... ON CONFLICT DO UPDATE locks the existing row and evaluates the WHERE on
      // its latest committed version, so two instances can never both take the lease.
      const result = await db
        .insert(leases)
        .values({ name, holder, until: new Date(now.getTime() + ttlMs) })
        .onConflictDoUpdate({
          target: leases.name,
          set: { holder: sql`excluded.holder`, until: sql`excluded.until` },
          setWhere: or(eq(leases.holder, holder), lt(leases.until, now)),
        });
      return changed(result) === 1;
    },
    async release(name, holder) {
      await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
    },
  };
}
