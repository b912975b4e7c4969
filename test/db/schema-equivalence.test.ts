import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { openPgStore } from '../../db/pg/store.js';
import * as sqliteSchema from '../../db/schema.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { freshStore } from './fixtures.js';

/**
 * The two schemas mean the same thing: both real databases, migrated from their committed migrations, are
 * read back (SQLite's pragmas, PostgreSQL's catalog) into one shape — tables, columns with their kind and
 * nullability, primary keys, unique and plain indexes (partial or not), foreign keys with every column and
 * their ON DELETE — and compared.
 * A table added on one side only (db/schema.ts without its db/pg/schema.ts twin) fails here, by name.
 */

/** Tables PostgreSQL has and SQLite does not need (state several instances share). */
const POSTGRES_ONLY = ['pacing'];

type Shape = {
  columns: Record<string, { kind: string; notNull: boolean }>;
  primaryKey: string[];
  indexes: string[];
  foreignKeys: string[];
};

/** SQLite stores timestamps and booleans as integers: the drizzle column says which an integer is. */
function sqliteKinds(): Record<string, Record<string, string>> {
  const kinds: Record<string, Record<string, string>> = {};
  for (const table of Object.values(sqliteSchema)) {
    if (!is(table, SQLiteTable)) continue;
    const columns: Record<string, string> = {};
    for (const column of Object.values(getTableColumns(table))) {
      columns[column.name] =
        column.columnType === 'SQLiteTimestamp'
          ? 'timestamp'
          : column.columnType === 'SQLiteBoolean'
            ? 'boolean'
            : column.getSQLType();
    }
    kinds[getTableName(table)] = columns;
  }
  return kinds;
}

function readSqlite(): Record<string, Shape> {
  const { handle } = freshStore();
  const db = handle.sqlite;
  const kinds = sqliteKinds();
  const tables = db
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  const shapes: Record<string, Shape> = {};
  for (const { name } of tables) {
    const info = db.prepare(`pragma table_info("${name}")`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    const columns: Shape['columns'] = {};
    for (const c of info) {
      const kind = kinds[name]?.[c.name] ?? c.type.toLowerCase();
      // A primary key column is NOT NULL on PostgreSQL whatever was declared; SQLite's WITHOUT ROWID
      // tables make it so too.
      columns[c.name] = { kind, notNull: c.notnull === 1 || c.pk > 0 };
    }
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const indexes = (
      db.prepare(`pragma index_list("${name}")`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[]
    )
      .filter((i) => i.origin !== 'pk')
      .map((i) => {
        const cols = (db.prepare(`pragma index_info("${i.name}")`).all() as { name: string }[]).map(
          (c) => c.name,
        );
        return `${i.unique ? 'unique ' : ''}(${cols.join(', ')})${i.partial ? ' partial' : ''}`;
      })
      .sort();
    // One row per column of a key: a composite key's columns share its id and are ordered by seq.
    const keyColumns = db.prepare(`pragma foreign_key_list("${name}")`).all() as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    const foreignKeys = [...new Set(keyColumns.map((f) => f.id))]
      .map((id) => {
        const parts = keyColumns.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
        const first = parts[0]!;
        const from = parts.map((f) => f.from).join(', ');
        const to = parts.map((f) => f.to).join(', ');
        return `(${from}) -> ${first.table}(${to}) on delete ${first.on_delete.toLowerCase()}`;
      })
      .sort();
    shapes[name] = { columns, primaryKey, indexes, foreignKeys };
  }
  return shapes;
}

const PG_KINDS: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'integer',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamp',
};

function readPostgres(url: string): Record<string, Shape> {
  const pg = openPgStore({ url, poolSize: 1 });
  try {
    const q = <R>(text: string) => pg.query<R>(text).rows;
    const shapes: Record<string, Shape> = {};
    for (const { name } of q<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public'",
    )) {
      const columns: Shape['columns'] = {};
      for (const c of q<{ column_name: string; data_type: string; is_nullable: string }>(
        `select column_name, data_type, is_nullable from information_schema.columns
         where table_schema = 'public' and table_name = '${name}'`,
      )) {
        columns[c.column_name] = {
          kind: PG_KINDS[c.data_type] ?? c.data_type,
          notNull: c.is_nullable === 'NO',
        };
      }
      const primaryKey = q<{ column: string }>(
        `select a.attname as column from pg_index i
         join lateral unnest(i.indkey) with ordinality as k(attnum, n) on true
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
         where i.indrelid = 'public."${name}"'::regclass and i.indisprimary order by k.n`,
      ).map((r) => r.column);
      const indexes = q<{ unique: boolean; partial: boolean; columns: string }>(
        `select i.indisunique as unique, i.indpred is not null as partial,
                (select string_agg(a.attname, ', ' order by k.n)
                   from unnest(i.indkey) with ordinality as k(attnum, n)
                   join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum) as columns
         from pg_index i where i.indrelid = 'public."${name}"'::regclass and not i.indisprimary`,
      )
        .map((i) => `${i.unique ? 'unique ' : ''}(${i.columns})${i.partial ? ' partial' : ''}`)
        .sort();
      // Every column of a key, in the key's order (a composite key read by its first column only would
      // hide a column missing on one side).
      const foreignKeys = q<{ from: string; table: string; to: string; on_delete: string }>(
        `select (select string_agg(a.attname, ', ' order by k.n)
                   from unnest(c.conkey) with ordinality as k(attnum, n)
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as from,
                (select string_agg(a.attname, ', ' order by k.n)
                   from unnest(c.confkey) with ordinality as k(attnum, n)
                   join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as to,
                c.confrelid::regclass::text as table,
                case c.confdeltype when 'c' then 'cascade' when 'n' then 'set null' when 'r' then 'restrict'
                  when 'd' then 'set default' else 'no action' end as on_delete
         from pg_constraint c
         where c.contype = 'f' and c.conrelid = 'public."${name}"'::regclass`,
      )
        .map((f) => `(${f.from}) -> ${f.table.replaceAll('"', '')}(${f.to}) on delete ${f.on_delete}`)
        .sort();
      shapes[name] = { columns, primaryKey, indexes, foreignKeys };
    }
    return shapes;
  } finally {
    pg.close();
  }
}

describe('SQLite and PostgreSQL schemas', () => {
  const url = postgresAdminUrl();
  const skip = !url && process.env.CAIRN_REQUIRE_POSTGRES !== '1';

  it.skipIf(skip)('have the same tables, columns, keys, indexes and foreign keys', () => {
    const sqlite = readSqlite();
    const postgres = readPostgres(createTestDatabase('cairn_schema'));
    for (const name of POSTGRES_ONLY) delete postgres[name];
    const differences: string[] = [];
    for (const name of new Set([...Object.keys(sqlite), ...Object.keys(postgres)])) {
      const a = sqlite[name];
      const b = postgres[name];
      if (!a) differences.push(`${name}: only on PostgreSQL`);
      else if (!b) differences.push(`${name}: only on SQLite (add its twin to db/pg/schema.ts)`);
      else {
        for (const column of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
          const ca = JSON.stringify(a.columns[column] ?? null);
          const cb = JSON.stringify(b.columns[column] ?? null);
          if (ca !== cb) differences.push(`${name}.${column}: SQLite ${ca}, PostgreSQL ${cb}`);
        }
        for (const part of ['primaryKey', 'indexes', 'foreignKeys'] as const) {
          const pa = JSON.stringify(a[part]);
          const pb = JSON.stringify(b[part]);
          if (pa !== pb) differences.push(`${name} ${part}: SQLite ${pa}, PostgreSQL ${pb}`);
        }
      }
    }
    expect(differences).toEqual([]);
    // The comparison saw every table of both (a reader returning nothing would pass vacuously).
    expect(Object.keys(sqlite).length).toBeGreaterThanOrEqual(17);
    // ... and read what it compares: a partial index, a composite foreign key.
    expect(sqlite.outbox?.indexes).toContain('(expires_at) partial');
    expect(sqlite.membership_starts?.foreignKeys).toEqual([
      '(group_id, person_id) -> memberships(group_id, person_id) on delete cascade',
    ]);
  });
});
