import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { LeaseRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { leases } from '../schema.js';

export function createLeaseRepository(db: Db): LeaseRepository {
  return {
    acquire(name, holder, now, ttlMs) {
      // One statement, so two processes cannot both see the lease free: insert, or take it over only
      // when we already hold it (renewal) or it has expired; otherwise the upsert changes nothing.
      const result = db
        .insert(leases)
        .values({ name, holder, until: new Date(now.getTime() + ttlMs) })
        .onConflictDoUpdate({
          target: leases.name,
          set: { holder: sql`excluded.holder`, until: sql`excluded.until` },
          setWhere: or(eq(leases.holder, holder), lt(leases.until, now)),
        })
        .run();
      return result.changes === 1;
    },
    release(name, holder) {
      db.delete(leases)
        .where(and(eq(leases.name, name), eq(leases.holder, holder)))
        .run();
    },
  };
}
