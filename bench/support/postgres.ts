import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { findPgBin, startPgServer } from '../../test/support/postgres-server.js';
import { fmt } from './table.js';

/**
 * The PostgreSQL server of the bench's PostgreSQL column: the tests' helper (test/support/postgres-server.ts:
 * Debian's binaries, a temporary data directory, 127.0.0.1, run as the unprivileged `postgres` user when
 * the bench runs as root), with its durable settings (fsync, full page writes, synchronous commit: as in
 * production; the tests' `fast` settings are not used). Started after the bench pinned itself, so the
 * server inherits the driver's CPU: Cairn keeps CPU 1 to itself, as a database on a machine of its own
 * would leave it.
 */
export type BenchPostgres = {
  /** "PostgreSQL 15.x, durable settings". */
  description: string;
  /** A new, empty database on the server; its URL (CAIRN_DATABASE_URL). */
  createDatabase(name: string): Promise<string>;
  /** Drops a database made by `createDatabase` (its connections closed first). */
  dropDatabase(url: string): Promise<void>;
  /** CPU time the server has used so far (postmaster, its live processes and those that exited), in ms. */
  cpuMs(): number;
  /**
   * What the server has done so far in one database, from its statistics views (flushed by each backend
   * within a second of going idle: read it after a pause): committed and rolled-back transactions (a
   * store call outside a transaction is one), table scans (by index or sequential: a statement reading
   * two tables counts two) and rows written.
   */
  activity(url: string): Promise<PgActivity>;
  close(): Promise<void>;
};

export type PgActivity = { transactions: number; tableReads: number; rowsWritten: number };

/** `after` − `before`, per unit of work (a request, a message). */
export const activityPer = (before: PgActivity, after: PgActivity, units: number): PgActivity => ({
  transactions: (after.transactions - before.transactions) / units,
  tableReads: (after.tableReads - before.tableReads) / units,
  rowsWritten: (after.rowsWritten - before.rowsWritten) / units,
});

/** "5.0 transactions, 7.0 table reads and 0.0 rows written". */
export const describeActivity = (a: PgActivity): string =>
  `${fmt(a.transactions, 1)} transactions, ${fmt(a.tableReads, 1)} table reads and ` +
  `${fmt(a.rowsWritten, 1)} rows written`;

const ACTIVITY = `select
  (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()) as transactions,
  (select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) from pg_stat_user_tables) as reads,
  (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables) as writes`;

/** Why there is no PostgreSQL column, in one line, or undefined when the binaries are there. */
export function postgresMissing(): string | undefined {
  return findPgBin()
    ? undefined
    : 'PostgreSQL is not installed: the PostgreSQL column of scenarios 1 and 3 is skipped ' +
        '(apt-get install postgresql, or CAIRN_PG_BIN=<folder of initdb and postgres>)';
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startPgServer();
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const version = await admin(async (c) => (await c.query('show server_version')).rows[0].server_version);
  const postmaster = Number(readFileSync(join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const made = new Set<string>();
  let next = 0;
  return {
    description: `PostgreSQL ${version} (${findPgBin()}), durable settings (fsync, synchronous_commit on)`,
    async createDatabase(name) {
      const database = `cairn_bench_${name.replace(/[^a-z0-9_]/gi, '_')}_${next++}`;
      await admin((c) => c.query(`create database "${database}"`));
      made.add(database);
      return server.urlOf(database);
    },
    async dropDatabase(url) {
      const database = new URL(url).pathname.slice(1);
      if (!made.delete(database)) return;
      await admin((c) => c.query(`drop database if exists "${database}" with (force)`));
    },
    cpuMs: () => serverCpuMs(postmaster),
    async activity(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const row = (await client.query(ACTIVITY)).rows[0];
        return {
          transactions: Number(row.transactions),
          tableReads: Number(row.reads),
          rowsWritten: Number(row.writes),
        };
      } finally {
        await client.end();
      }
    },
    close: () => server.destroy(),
  };
}

/**
 * The postmaster's own time and its waited-for children's (fields 14–17 of /proc/<pid>/stat: utime,
 * stime, cutime, cstime), plus the time of its children still running (backends, writers, autovacuum).
 */
function serverCpuMs(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return Number.NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** /proc/<pid>/stat after the command's closing bracket: [state, ppid, …] (field 3 onwards). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
