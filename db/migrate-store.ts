import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { asc, count, getTableColumns, getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { openDatabase } from './client.js';
import { applyPgMigrations } from './pg/migrations.js';
import * as pgSchema from './pg/schema.js';
import * as sqliteSchema from './schema.js';

/** Tables that hold state of running instances only (nothing to move between installations). */
const RUNTIME_ONLY = new Set(['pacing']);

export type Endpoint = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export const endpointOf = (location: string): Endpoint =>
  /^postgres(ql)?:\/\//.test(location)
    ? { kind: 'postgres', url: location }
    : { kind: 'sqlite', file: location };

type Row = Record<string, unknown>;

/** A table on both sides, in an order where every table comes after those it references. */
type Pair = { name: string; sqlite: SQLiteTable; pg: PgTable; key: string[] };

export function tablePairs(): Pair[] {
  const sqliteTables = new Map(
    (Object.values(sqliteSchema) as unknown[])
      .filter((t): t is SQLiteTable => is(t, SQLiteTable))
      .map((t) => [getTableName(t), t]),
  );
  const pgTables = new Map(
    (Object.values(pgSchema) as unknown[])
      .filter((t): t is PgTable => is(t, PgTable))
      .map((t) => [getTableName(t), t]),
  );
  const missing = [...sqliteTables.keys()].filter((n) => !pgTables.has(n));
  if (missing.length)
    throw new Error(`tables without a PostgreSQL twin (db/pg/schema.ts): ${missing.join(', ')}`);
  const pairs = new Map<string, Pair>();
  for (const [name, sqlite] of sqliteTables) {
    const config = getTableConfig(sqlite);
    const pk =
      config.primaryKeys[0]?.columns.map((c) => c.name) ??
      config.columns.filter((c) => c.primary).map((c) => c.name);
    pairs.set(name, { name, sqlite, pg: pgTables.get(name)!, key: pk });
  }
  // Referenced tables first.
  const ordered: Pair[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.some((p) => p.name === name)) return;
    if (path.includes(name)) throw new Error(`foreign key cycle: ${[...path, name].join(' -> ')}`);
    const pair = pairs.get(name)!;
    for (const fk of getTableConfig(pair.sqlite).foreignKeys) {
      const target = getTableName(fk.reference().foreignTable);
      if (target !== name) visit(target, [...path, name]);
    }
    ordered.push(pair);
  };
  for (const name of [...pairs.keys()].sort()) visit(name, []);
  const pgOnly = [...pgTables.keys()].filter((n) => !sqliteTables.has(n) && !RUNTIME_ONLY.has(n));
  if (pgOnly.length) throw new Error(`tables on PostgreSQL only: ${pgOnly.join(', ')}`);
  return ordered;
}

/** Rows in key order: where a row lands in the new database says nothing of when it was written. */
function orderByKey(pair: Pair, rows: Row[]): Row[] {
  const columns = getTableColumns(pair.sqlite);
  const keys = Object.entries(columns)
    .filter(([, c]) => pair.key.includes(c.name))
    .sort(([, a], [, b]) => pair.key.indexOf(a.name) - pair.key.indexOf(b.name))
    .map(([k]) => k);
  const value = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : String(v));
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = value(a[k]);
      const y = value(b[k]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

type Side = {
  read(pair: Pair): Promise<Row[]>;
  count(pair: Pair): Promise<number>;
  write(batches: { pair: Pair; rows: Row[] }[]): Promise<void>;
  close(): Promise<void>;
};

function sqliteSide(file: string): Side {
  const handle = openDatabase(file);
  const { db } = handle;
  return {
    read: async (pair) => db.select().from(pair.sqlite).all() as Row[],
    count: async (pair) => db.select({ n: count() }).from(pair.sqlite).get()?.n ?? 0,
    write: async (batches) => {
      handle.sqlite.transaction(() => {
        for (const { pair, rows } of batches)
          for (let i = 0; i < rows.length; i += 200)
            db.insert(pair.sqlite)
              .values(rows.slice(i, i + 200))
              .run();
      })();
    },
    close: async () => handle.close(),
  };
}

async function postgresSide(url: string): Promise<Side> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await applyPgMigrations(pool);
  const db = drizzle({ client: pool, schema: pgSchema });
  return {
    read: async (pair) =>
      (await db
        .select()
        .from(pair.pg)
        .orderBy(asc(Object.values(getTableColumns(pair.pg))[0]!))) as Row[],
    count: async (pair) => (await db.select({ n: count() }).from(pair.pg))[0]?.n ?? 0,
    write: async (batches) => {
      await db.transaction(async (tx) => {
        for (const { pair, rows } of batches)
          for (let i = 0; i < rows.length; i += 500) await tx.insert(pair.pg).values(rows.slice(i, i + 500));
      });
    },
    close: () => pool.end(),
  };
}

const open = (endpoint: Endpoint) =>
  endpoint.kind === 'sqlite' ? Promise.resolve(sqliteSide(endpoint.file)) : postgresSide(endpoint.url);

/**
 * Copies every table of a Cairn database into another, empty one (SQLite to PostgreSQL, or back), in one
 * transaction on the target: rows are read as the schema types them (timestamps as dates, booleans), so
 * the same values land on the other engine. Returns the rows copied per table. Stop Cairn first: rows
 * written during the copy would be missed.
 */
export async function migrateStore(from: Endpoint, to: Endpoint): Promise<Record<string, number>> {
  const pairs = tablePairs();
  // Opening a SQLite file creates it: a mistyped source would be copied as an empty installation.
  if (from.kind === 'sqlite' && from.file !== ':memory:' && !existsSync(from.file))
    throw new Error(`no database at ${resolve(from.file)}: nothing to copy`);
  const source = await open(from);
  try {
    const target = await open(to);
    try {
      const busy: string[] = [];
      for (const pair of pairs) if ((await target.count(pair)) > 0) busy.push(pair.name);
      if (busy.length)
        throw new Error(`the target is not empty (${busy.join(', ')}): migrate into a new database`);
      const batches: { pair: Pair; rows: Row[] }[] = [];
      for (const pair of pairs) batches.push({ pair, rows: orderByKey(pair, await source.read(pair)) });
      await target.write(batches);
      return Object.fromEntries(batches.map(({ pair, rows }) => [pair.name, rows.length]));
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
