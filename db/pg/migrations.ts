import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Pool, PoolClient } from 'pg';

const MIGRATIONS_TABLE = '__drizzle_migrations';
/** Any fixed number: the advisory lock that lets one instance at a time migrate. */
const MIGRATION_LOCK = 7_304_182_001;

/** `<package root>/db/pg/migrations`, from db/pg (tsx) or dist/db/pg (compiled). */
export function findPgMigrationsFolder(fromDir: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(fromDir);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const folder = join(dir, 'db', 'pg', 'migrations');
      if (existsSync(join(folder, 'meta', '_journal.json'))) return folder;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No db/pg/migrations folder found above ${fromDir}`);
    dir = parent;
  }
}

async function appliedCount(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from information_schema.tables where table_schema = 'drizzle' and table_name = $1`,
    [MIGRATIONS_TABLE],
  );
  if (rows[0]?.n === '0') return 0;
  const result = await client.query<{ n: string }>(`select count(*) as n from drizzle."${MIGRATIONS_TABLE}"`);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Applies pending migrations on one connection (a pool of one suffices), one instance at a time: several instances started together on a new
 * database would otherwise all try to create the same tables.
 */
export async function applyPgMigrations(pool: Pool): Promise<{ applied: number; total: number }> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const before = await appliedCount(client);
      await migrate(drizzle({ client }), {
        migrationsFolder: findPgMigrationsFolder(),
        migrationsTable: MIGRATIONS_TABLE,
      });
      const total = await appliedCount(client);
      return { applied: total - before, total };
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
