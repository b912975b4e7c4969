import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The three files of a SQLite database in WAL mode, as they are on disk right now. */
export type DatabaseFiles = { db: Buffer; wal: Buffer; shm: Buffer };

const read = (path: string): Buffer => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));

/** A copy of the database file, its WAL and its shared-memory index, as a backup would take them. */
export const copyFiles = (file: string): DatabaseFiles => ({
  db: read(file),
  wal: read(`${file}-wal`),
  shm: read(`${file}-shm`),
});

/** Every byte of the three files, in one buffer. */
export const rawBytes = (file: string): Buffer => {
  const { db, wal, shm } = copyFiles(file);
  return Buffer.concat([db, wal, shm]);
};

/**
 * Whether a string is anywhere in the bytes: as UTF-8, as UTF-16 (both byte orders), and, for text with
 * accents or quotes, as JSON would escape it.
 */
export function foundIn(bytes: Buffer, needle: string): boolean {
  const forms = new Set([needle, JSON.stringify(needle).slice(1, -1)]);
  for (const form of forms) {
    if (bytes.includes(Buffer.from(form, 'utf8'))) return true;
    if (bytes.includes(Buffer.from(form, 'utf16le'))) return true;
    if (bytes.includes(Buffer.from(form, 'utf16le').swap16())) return true;
  }
  return false;
}

/** The needles found in the bytes (empty when none is there). */
export const foundAmong = (bytes: Buffer, needles: readonly string[]): string[] =>
  needles.filter((n) => foundIn(bytes, n));

/**
 * A fresh folder in memory where the system has one (/dev/shm): the simulations fsync thousands of times,
 * which is not what they test. The bytes on disk are the same either way.
 */
export const fastDir = (): string =>
  mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cairn-privacy-'));
