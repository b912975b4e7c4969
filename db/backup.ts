import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';

/**
 * A consistent copy of the database in one file, safe while Cairn runs: `VACUUM INTO` reads one snapshot
 * (a read transaction; Cairn's writes go on meanwhile) and writes a compact file with no free pages and no
 * WAL, so nothing already deleted travels into the backup. While it reads, Cairn cannot empty its WAL: the
 * deletions made meanwhile reach the main file when the copy ends (see db/maintenance.ts). Copying the
 * `.db` file with `cp` while Cairn runs is not safe (the WAL holds the latest changes).
 */
export function backupDatabase(sqlite: Database.Database, file: string): { bytes: number } {
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} exists: choose a new file`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  return { bytes: statSync(target).size };
}
