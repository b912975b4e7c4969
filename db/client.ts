import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export type DatabaseHandle = {
  sqlite: Database.Database;
  db: Db;
  close(): void;
  /**
   * Throws when the database is not usable: the connection closed, or the file at its path removed,
   * replaced or no longer readable and writable. (An open connection keeps answering from its cache and
   * the unlinked file: without this, Cairn would look healthy while writing into a file nobody will find.)
   */
  check(): void;
};

const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * The committed migrations live in `<package root>/db/migrations`. This module runs from `db/` (tsx, vitest)
 * or from `dist/db/` (compiled, which does not copy them), so walk up to the folder holding package.json.
 */
export function findMigrationsFolder(fromDir: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(fromDir);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const folder = join(dir, 'db', 'migrations');
      if (existsSync(join(folder, 'meta', '_journal.json'))) return folder;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No db/migrations folder found above ${fromDir}`);
    dir = parent;
  }
}

/** Opens the file with Cairn's pragmas, without touching the schema. */
export function openConnection(file: string): DatabaseHandle {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  try {
    // busy_timeout first so that switching to WAL waits for another process instead of failing.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed outbox row or occurrence must survive a power cut, or a message could go twice.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Deleted case text and check-in tokens are overwritten with zeros, not left in free pages.
    sqlite.pragma('secure_delete = ON');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  cacheStatements(sqlite);
  const db = drizzle({ client: sqlite, schema });
  const opened = file === ':memory:' ? undefined : statSync(file);
  return {
    sqlite,
    db,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
    check: () => {
      if (!sqlite.open) throw new Error('database connection closed');
      if (opened) {
        const now = statSync(file);
        if (now.ino !== opened.ino || now.dev !== opened.dev) throw new Error('database file replaced');
        accessSync(file, constants.R_OK | constants.W_OK);
      }
      sqlite.prepare('SELECT 1').get();
    },
  };
}

/**
 * drizzle prepares every query anew, and SQLite compiles each statement it is given: keep the compiled
 * statements by their SQL (parameters are bound at each run), the few hundred most recently used. A
 * statement found in the cache is put back in its default (object rows) mode, which drizzle expects.
 */
function cacheStatements(sqlite: Database.Database, size = 400): void {
  const prepare = sqlite.prepare.bind(sqlite) as (
    source: string,
    ...internal: unknown[]
  ) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string, ...internal: unknown[]) => {
    // better-sqlite3's own transaction statements pass more arguments and are cached by it.
    if (internal.length > 0) return prepare(source, ...internal);
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  }) as Database.Database['prepare'];
}

function appliedCount(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (!table) return 0;
  const row = sqlite.prepare(`SELECT count(*) AS n FROM "${MIGRATIONS_TABLE}"`).get() as { n: number };
  return row.n;
}

/** Applies pending migrations; returns how many were applied and how many are recorded in total. */
export function applyMigrations(handle: DatabaseHandle): { applied: number; total: number } {
  const before = appliedCount(handle.sqlite);
  migrate(handle.db, { migrationsFolder: findMigrationsFolder(), migrationsTable: MIGRATIONS_TABLE });
  const total = appliedCount(handle.sqlite);
  return { applied: total - before, total };
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openDatabase(file: string): DatabaseHandle {
  const handle = openConnection(file);
  try {
    applyMigrations(handle);
  } catch (error) {
    handle.close();
    throw error;
  }
  return handle;
}
