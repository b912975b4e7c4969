import { inject } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';

/** The test server's maintenance database URL, or undefined where PostgreSQL is not installed. */
export function postgresAdminUrl(): string | undefined {
  return inject('postgresAdminUrl') || undefined;
}

let admin: PgHandle | undefined;
let created = 0;

/** A new, empty database on the test server (not migrated); its URL. */
export function createTestDatabase(prefix = 'cairn'): string {
  const url = postgresAdminUrl();
  if (!url) throw new Error('PostgreSQL is not available');
  admin ??= openPgStore({ url, migrate: false, poolSize: 1, applicationName: 'cairn-test-admin' });
  const name = `${prefix}_${process.pid}_${++created}_${Date.now().toString(36)}`;
  admin.query(`create database "${name}"`);
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Every table of Cairn's schema emptied (faster than a database per test). */
export function truncateAll(handle: PgHandle): void {
  const { rows } = handle.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
  );
  if (rows.length > 0) handle.query(`truncate ${rows.map((r) => `"${r.name}"`).join(', ')} cascade`);
}
