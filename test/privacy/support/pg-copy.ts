import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PgHandle } from '../../../db/pg/store.js';

export type PgRow = Record<string, unknown> & { __xmin: string; __xmax: string; __ctid: string };

/**
 * A logical copy of a PostgreSQL database: what pg_dump or anyone with full read rights can read with
 * SQL — every row of every table, with the system columns of its live version (the transaction that wrote
 * it, `xmin`; the one that locked or deleted it, `xmax`; where it lies, `ctid`).
 */
export function logicalCopy(pg: PgHandle): Record<string, PgRow[]> {
  const tables = pg
    .query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public'")
    .rows.map((r) => r.name);
  const copy: Record<string, PgRow[]> = {};
  for (const name of tables) {
    copy[name] = pg.query<PgRow>(
      `select xmin::text as __xmin, xmax::text as __xmax, ctid::text as __ctid, * from "${name}" order by ctid`,
    ).rows;
  }
  return copy;
}

/** `(page,item)` as numbers, to sort rows by where they lie. */
export const ctidOrder = (a: PgRow, b: PgRow): number => {
  const [pa, ia] = a.__ctid.slice(1, -1).split(',').map(Number) as [number, number];
  const [pb, ib] = b.__ctid.slice(1, -1).split(',').map(Number) as [number, number];
  return pa - pb || ia - ib;
};

/** The files of a database (`base`: its tables and indexes) or the WAL, for the physical measurement. */
export function physicalFiles(dataDir: string, databaseOid: string, part: 'base' | 'wal'): Buffer {
  const parts: Buffer[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else parts.push(readFileSync(path));
    }
  };
  walk(part === 'base' ? join(dataDir, 'base', databaseOid) : join(dataDir, 'pg_wal'));
  return Buffer.concat(parts);
}
