import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase } from '../../db/backup.js';
import type { Store } from '../core/ports/store.js';
import { ConfigError, type Env, readEnv } from './config.js';
import { openConfiguredDatabase } from './database.js';

const USAGE = 'Usage: npm run cairn -- status | outbox [retry <id>|--all] | backup FILE';

/**
 * The operator's command: `npm run cairn -- status` prints the outbox's backlog and the size of the
 * database's WAL (what `/healthz` no longer tells whoever reaches the port); `npm run cairn -- outbox` lists the backlog and dead messages;
 * `npm run cairn -- outbox retry <id>|--all` puts dead messages back in the queue (a running Cairn sends
 * them within seconds); `npm run cairn -- backup FILE` writes a consistent copy of the SQLite database to
 * FILE (see db/backup.ts; on PostgreSQL, use its own tools). Reads CAIRN_DATABASE_URL or CAIRN_DB. Prints
 * ids, platforms, kinds and errors, never message bodies.
 */
export function runCli(
  args: string[],
  store: Store,
  out: (line: string) => void,
  now = new Date(),
  backup: (file: string) => { bytes: number } = () => {
    throw new Error('no database to back up');
  },
  walBytes: () => number | null = () => null,
): number {
  const [command, sub, target] = args;
  if (command === 'status') {
    const backlog = store.outbox.backlog();
    out(
      `outbox pending: ${backlog.pending}  dead: ${backlog.dead}  oldest pending: ${backlog.oldestPendingAt?.toISOString() ?? '-'}`,
    );
    // A WAL that stays non-empty is a checkpoint waiting for another reader: deleted bytes still in it.
    const wal = walBytes();
    if (wal !== null) out(`database WAL: ${wal === 0 ? 'empty' : `${wal} bytes waiting to be checkpointed`}`);
    return 0;
  }
  if (command === 'backup') {
    if (!sub) {
      out('Usage: npm run cairn -- backup FILE');
      return 64;
    }
    try {
      const { bytes } = backup(sub);
      out(`backup written to ${sub} (${bytes} bytes)`);
      return 0;
    } catch (err) {
      out(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  if (command !== 'outbox') return usage(command, out);
  if (sub === undefined || sub === 'list') {
    const backlog = store.outbox.backlog();
    out(
      `pending: ${backlog.pending}  dead: ${backlog.dead}  oldest pending: ${backlog.oldestPendingAt?.toISOString() ?? '-'}`,
    );
    for (const row of store.outbox.listDead(500)) {
      out(`${row.id}\t${row.platform}\t${row.kind}\tattempts=${row.attempts}\t${row.lastError ?? ''}`);
    }
    return 0;
  }
  if (sub === 'retry') {
    if (!target) {
      out('Usage: npm run cairn -- outbox retry <id>|--all');
      return 64;
    }
    const ids = target === '--all' ? store.outbox.listDead(100_000).map((r) => r.id) : [target];
    let revived = 0;
    for (const id of ids) if (store.outbox.revive(id, now)) revived++;
    out(`${revived} message(s) back in the queue`);
    if (revived < ids.length && target !== '--all')
      out(`no dead message with id ${target}: see npm run cairn -- outbox`);
    return revived === ids.length ? 0 : 1;
  }
  out(`Unknown outbox command "${sub}". Usage: npm run cairn -- outbox [retry <id>|--all]`);
  return 64;
}

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The commands that read the database; anything else prints the usage. */
const DATABASE_COMMANDS = new Set(['status', 'backup', 'outbox']);

function usage(command: string | undefined, out: (line: string) => void): number {
  out(USAGE);
  out('       npm run cairn -- migrate-store <from> <to>   (a SQLite file or a postgres:// URL each)');
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
}

/**
 * `npm run cairn -- migrate-store FROM TO`: copies an installation from one database to another, empty one
 * (each a SQLite file or a postgres:// URL), every table in one transaction. Stop Cairn first.
 */
async function runMigrateStore(args: string[]): Promise<number> {
  const [from, to] = args;
  if (!from || !to) {
    process.stdout.write(
      'Usage: npm run cairn -- migrate-store <from: file or postgres://…> <to: file or postgres://…>\n',
    );
    return 64;
  }
  const { endpointOf, migrateStore } = await import('../../db/migrate-store.js');
  try {
    const copied = await migrateStore(endpointOf(from), endpointOf(to));
    for (const [table, n] of Object.entries(copied)) process.stdout.write(`${table}\t${n}\n`);
    process.stdout.write(
      'Copied. Point Cairn at the new database (CAIRN_DATABASE_URL or CAIRN_DB) and start it.\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`migrate-store failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1]?.endsWith('cli.ts') || process.argv[1]?.endsWith('cli.js')) {
  if (process.argv[2] === 'migrate-store') process.exit(await runMigrateStore(process.argv.slice(3)));
  const args = process.argv.slice(2);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (!DATABASE_COMMANDS.has(args[0] ?? '')) process.exit(usage(args[0], print));
  // The same checks as the server's start (a malformed variable is named, not a stack trace).
  let env: Env;
  try {
    env = readEnv();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(78, `Cairn cannot read its configuration:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const file = env.CAIRN_DB;
  // Opening a file that does not exist would create (and migrate) an empty database and report an empty
  // outbox: a mistyped CAIRN_DB would look healthy.
  if (!env.CAIRN_DATABASE_URL && !existsSync(file))
    fail(
      66,
      `No database at ${resolve(file)}: set CAIRN_DB to Cairn's database file (or CAIRN_DATABASE_URL for PostgreSQL).`,
    );
  let code: number;
  try {
    const database = openConfiguredDatabase(env);
    const sqlite = database.sqlite;
    try {
      code = runCli(
        args,
        database.store,
        print,
        new Date(),
        (target) => {
          if (!sqlite) throw new Error('on PostgreSQL, back up with pg_dump or your provider’s backups');
          return backupDatabase(sqlite.sqlite, target);
        },
        () => (sqlite && existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : null),
      );
    } finally {
      database.close();
    }
  } catch (error) {
    code = fail(1, `cairn ${args[0]} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(code);
}
