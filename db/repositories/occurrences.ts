import { eq, sql } from 'drizzle-orm';
import type { OccurrenceRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { occurrences } from '../schema.js';

export function createOccurrenceRepository(db: Db): OccurrenceRepository {
  return {
    tryRecord(key, at, outcome) {
      // The primary key is the guard: a double tick or a second instance inserts nothing.
      const result = db.insert(occurrences).values({ key, at, outcome }).onConflictDoNothing().run();
      return result.changes === 1;
    },
    has(key) {
      return (
        db.select({ key: occurrences.key }).from(occurrences).where(eq(occurrences.key, key)).get() !==
        undefined
      );
    },
    deleteByPrefix(prefix) {
      // Not LIKE: it is case-insensitive for ASCII and treats % and _ in keys as wildcards.
      db.delete(occurrences).where(sql`substr(${occurrences.key}, 1, length(${prefix})) = ${prefix}`).run();
    },
  };
}
