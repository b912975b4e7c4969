import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PgHandle } from '../../../db/pg/store.js';

export type PgRow = Record<string, unknown> & { __xmin: string; __xmax: string; __ctid: string };

/** The key under which a copy holds the planner statistics (no table of Cairn's is named so). */
export const PLANNER_STATISTICS = 'pg_stats';

/**
 * A logical copy of a PostgreSQL database: what pg_dump or anyone with full read rights can read with
 * SQL — every row of every table, with the system columns of its live version (the transaction that wrote
 * it, `xmin`; the one that locked or deleted it, `xmax`; where it lies, `ctid`) — and, under
 * `PLANNER_STATISTICS`, the planner statistics of those tables' columns (pg_statistic, read through the
 * pg_stats view: the sampled values ANALYZE keeps — most common values, histogram bounds, most common
 * elements — as text, with the system columns of their pg_statistic row).
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
  copy[PLANNER_STATISTICS] = pg.query<PgRow>(
    `select s.xmin::text as __xmin, s.xmax::text as __xmax, s.ctid::text as __ctid,
            v.tablename, v.attname, v.inherited, v.null_frac, v.avg_width, v.n_distinct,
            v.most_common_vals::text, v.most_common_freqs::text, v.histogram_bounds::text, v.correlation,
            v.most_common_elems::text, v.most_common_elem_freqs::text, v.elem_count_histogram::text
       from pg_stats v
       join pg_namespace n on n.nspname = v.schemaname
       join pg_class c on c.relnamespace = n.oid and c.relname = v.tablename
       join pg_attribute a on a.attrelid = c.oid and a.attname = v.attname
       join pg_statistic s on s.starelid = c.oid and s.staattnum = a.attnum and s.stainherit = v.inherited
      where v.schemaname = 'public'
      order by v.tablename, v.attname, v.inherited`,
  ).rows;
  return copy;
}

/** The columns (`table.column`) that have planner statistics in a copy, to show an ANALYZE took place. */
export const analysedColumns = (copy: Record<string, PgRow[]>): string[] =>
  (copy[PLANNER_STATISTICS] ?? []).map((row) => `${row.tablename}.${row.attname}`);

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
