import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { OccurrenceRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { occurrences } from '../schema.js';

export function createOccurrenceRepository(db: Db): OccurrenceRepository {
  const insert = prepared(() =>
    db
      .insert(occurrences)
      .values({ key: sql.placeholder('key'), at: sql.placeholder('at'), outcome: sql.placeholder('outcome') })
      .onConflictDoNothing()
      .prepare(),
  );
  const find = prepared(() =>
    db
      .select({ key: occurrences.key })
      .from(occurrences)
      .where(eq(occurrences.key, sql.placeholder('key')))
      .prepare(),
  );
  return {
    tryRecord(key, at, outcome) {
      // The primary key is the guard: a double tick or a second instance inserts nothing.
      return insert().run({ key, at, outcome }).changes === 1;
    },
    has(key) {
      return find().get({ key }) !== undefined;
    },
    deleteByPrefix(prefix) {
      db.delete(occurrences).where(underPrefix(prefix)).run();
    },
    countSince(prefix, since) {
      const row = db
        .select({ n: count() })
        .from(occurrences)
        .where(and(underPrefix(prefix), gte(occurrences.at, since)))
        .get();
      return row?.n ?? 0;
    },
    deleteBefore(prefix, before) {
      db.delete(occurrences)
        .where(and(underPrefix(prefix), lt(occurrences.at, before)))
        .run();
    },
  };
}

/** Keys starting with `prefix`. Not LIKE: it is case-insensitive for ASCII and treats % and _ as wildcards. */
const underPrefix = (prefix: string) => sql`substr(${occurrences.key}, 1, length(${prefix})) = ${prefix}`;
