import { existsSync, statSync } from 'node:fs';
import { backupDatabase } from '../../db/backup.js';
import { openDatabase } from '../../db/client.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import type { Store } from '../core/ports/store.js';

const USAGE = 'Usage: npm run cairn -- status | outbox [retry <id>|--all] | backup FILE';

/**
 * The operator's command: `npm run cairn -- status` prints the outbox's backlog and the size of the
 * database's WAL (what `/healthz` no longer tells whoever reaches the port); `npm run cairn -- outbox` lists the backlog and dead messages;
 * `npm run cairn -- outbox retry <id>|--all` puts dead messages back in the queue (a running Cairn sends
 * them within seconds); `npm run cairn -- backup FILE` writes a consistent copy of the database to FILE
 * (see db/backup.ts). Reads CAIRN_DB. Prints ids, platforms, kinds and errors, never message bodies.
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
  if (command !== 'outbox') {
    out(USAGE);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
  }
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
    const ids = target === '--all' ? store.outbox.listDead(100_000).map((r) => r.id) : target ? [target] : [];
    if (ids.length === 0) {
      out('Usage: npm run cairn -- outbox retry <id>|--all');
      return 64;
    }
    let revived = 0;
    for (const id of ids) if (store.outbox.revive(id, now)) revived++;
    out(`${revived} message(s) back in the queue`);
    return revived === ids.length ? 0 : 1;
  }
  out(`Unknown outbox command "${sub}". Usage: npm run cairn -- outbox [retry <id>|--all]`);
  return 64;
}

if (process.argv[1]?.endsWith('cli.ts') || process.argv[1]?.endsWith('cli.js')) {
  const file = process.env.CAIRN_DB ?? './data/cairn.db';
  const db = openDatabase(file);
  const code = runCli(
    process.argv.slice(2),
    createSqliteStore(db),
    (line) => process.stdout.write(`${line}\n`),
    new Date(),
    (target) => backupDatabase(db.sqlite, target),
    () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : null),
  );
  db.close();
  process.exit(code);
}
