import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type DatabaseFiles, fastDir } from './raw-files.js';
import { btreeCells, type PageKind, pageKind, physicalOrder } from './sqlite-pages.js';

/** What an attacker reads out of a copy of the three database files. */
export type Row = Record<string, unknown>;

export type CopyAnalysis = {
  sizes: { db: number; wal: number; shm: number; pageSize: number; pageCount: number; freelist: number };
  /** Every table's rows; tables that have a rowid carry it as `__rowid`. */
  tables: Record<string, Row[]>;
  /** The primary-key columns of each table (to follow a row from one copy to the next). */
  keys: Record<string, string[]>;
  rowidTables: string[];
  withoutRowid: string[];
  /** The anonymous tables this copy was read for (the check-in's, or the ballot's). */
  family: AnonymousTables;
  /** The rows of the family's participation table (round id, token). */
  participation: Row[];
  /** The b-tree page kinds of the family's tables' roots (an index b-tree has no rowids). */
  checkinRootKinds: Record<string, PageKind | undefined>;
  /** Participation tokens as SQLite orders them (key order) and as they lie in the pages (write order). */
  tokens: { keyOrder: string[]; physicalOrder: string[] };
  /** Tally cells in the order the page layout says they were last rewritten. */
  tallyPhysical: string[];
  /**
   * Whether each round's participation tokens lie in their page in key order (as a fresh copy of the same
   * rows would lay them, VACUUM INTO): then where a token sits says nothing of when it was written.
   */
  tokensInKeyOrder: boolean;
  /** Where each tally cell sits (`round:question:bucket` -> `page:offset`), to see whether answers moved it. */
  tallyCells: Record<string, string>;
};

/** The two anonymous tables of a kind of round: who took part (tokens), and the counters. */
export type AnonymousTables = { participation: string; tally: string };
export const CHECKIN_TABLES: AnonymousTables = {
  participation: 'checkin_participation',
  tally: 'checkin_tally',
};
export const BALLOT_TABLES: AnonymousTables = {
  participation: 'case_vote_participation',
  tally: 'case_vote_tally',
};

/**
 * Opens a copy of the files the way anyone holding them could: the WAL is replayed into the copy
 * (checkpoint), then every table is read with SQL and the check-in b-trees are read page by page.
 */
export function analyseCopy(files: DatabaseFiles, family: AnonymousTables = CHECKIN_TABLES): CopyAnalysis {
  const anonymous = [family.participation, family.tally];
  const dir = fastDir();
  const file = join(dir, 'copy.db');
  try {
    writeFileSync(file, files.db);
    if (files.wal.length) writeFileSync(`${file}-wal`, files.wal);
    if (files.shm.length) writeFileSync(`${file}-shm`, files.shm);
    const db = new Database(file);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((n) => !n.startsWith('sqlite_'));
    const tables: Record<string, Row[]> = {};
    const keys: Record<string, string[]> = {};
    const rowidTables: string[] = [];
    const withoutRowid: string[] = [];
    for (const name of names) {
      const info = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; pk: number }[];
      keys[name] = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      try {
        tables[name] = db.prepare(`SELECT rowid AS __rowid, * FROM "${name}"`).all() as Row[];
        rowidTables.push(name);
      } catch {
        tables[name] = db.prepare(`SELECT * FROM "${name}"`).all() as Row[];
        withoutRowid.push(name);
      }
    }
    const pragma = (p: string) => db.pragma(p, { simple: true }) as number;
    const pageSize = pragma('page_size');
    const pageCount = pragma('page_count');
    const freelist = pragma('freelist_count');
    const roots = Object.fromEntries(
      (
        db
          .prepare(
            `SELECT name, rootpage FROM sqlite_master WHERE name IN (${anonymous.map(() => '?').join(',')})`,
          )
          .all(...anonymous) as { name: string; rootpage: number }[]
      ).map((r) => [r.name, r.rootpage]),
    );
    const keyOrder = (
      db.prepare(`SELECT token FROM "${family.participation}" ORDER BY round_id, token`).all() as {
        token: string;
      }[]
    ).map((r) => r.token);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const main = readFileSync(file);
    const participation = roots[family.participation];
    const tally = roots[family.tally];
    // A cell's key: its values but the last (the counter): round:question:bucket, or round:case.
    const cellKey = (values: readonly unknown[]) => values.slice(0, -1).join(':');
    return {
      sizes: {
        db: files.db.length,
        wal: files.wal.length,
        shm: files.shm.length,
        pageSize,
        pageCount,
        freelist,
      },
      tables,
      keys,
      rowidTables,
      withoutRowid,
      family,
      participation: tables[family.participation] ?? [],
      checkinRootKinds: Object.fromEntries(
        anonymous.map((t) => [t, roots[t] ? pageKind(main, roots[t]) : undefined]),
      ),
      tokens: {
        keyOrder,
        physicalOrder: participation
          ? physicalOrder(btreeCells(main, participation)).map((c) => String(c.values[1]))
          : [],
      },
      tokensInKeyOrder: tokensInKeyOrder(main, participation),
      tallyCells: tally
        ? Object.fromEntries(btreeCells(main, tally).map((c) => [cellKey(c.values), `${c.page}:${c.offset}`]))
        : {},
      tallyPhysical: tally ? physicalOrder(btreeCells(main, tally)).map((c) => cellKey(c.values)) : [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A row that differs between two copies (added, changed or removed), keyed by its primary key. */
export type Change = { table: string; kind: 'added' | 'changed' | 'removed'; row: Row; before?: Row };

const rowKey = (row: Row, key: string[]): string =>
  key.length ? JSON.stringify(key.map((k) => row[k])) : JSON.stringify(row);

/** Every row that differs between two copies, in every table. */
export function diffCopies(before: CopyAnalysis | undefined, after: CopyAnalysis): Change[] {
  const changes: Change[] = [];
  for (const [table, rows] of Object.entries(after.tables)) {
    const key = after.keys[table] ?? [];
    const old = new Map((before?.tables[table] ?? []).map((r) => [rowKey(r, key), r]));
    for (const row of rows) {
      const k = rowKey(row, key);
      const prev = old.get(k);
      old.delete(k);
      if (!prev) changes.push({ table, kind: 'added', row });
      else if (JSON.stringify(prev) !== JSON.stringify(row))
        changes.push({ table, kind: 'changed', row, before: prev });
    }
    for (const row of old.values()) changes.push({ table, kind: 'removed', row });
  }
  return changes;
}

/** Integers that read as instants (milliseconds between 2017 and 2049), anywhere in a row. */
export const instantsIn = (row: Row): number[] =>
  Object.values(row).filter((v): v is number => typeof v === 'number' && v > 1.5e12 && v < 2.5e12);

/**
 * True when, on every page, each round's tokens lie in key order (highest offset first, as inserting them
 * in key order into a fresh page does): the layout then depends on the set of tokens, not on their order.
 */
function tokensInKeyOrder(file: Buffer, root: number | undefined): boolean {
  if (!root) return true;
  const byRoundAndPage = new Map<string, { offset: number; token: string }[]>();
  for (const c of btreeCells(file, root)) {
    const k = `${c.values[0]}|${c.page}`;
    byRoundAndPage.set(k, [
      ...(byRoundAndPage.get(k) ?? []),
      { offset: c.offset, token: String(c.values[1]) },
    ]);
  }
  for (const cells of byRoundAndPage.values()) {
    const physical = [...cells].sort((a, b) => b.offset - a.offset).map((c) => c.token);
    const key = [...physical].sort();
    if (physical.join() !== key.join()) return false;
  }
  return true;
}

/** True when none of a round's tally cells moved between two copies (answers overwrote them in place). */
export function tallyCellsUnmoved(before: CopyAnalysis, after: CopyAnalysis, roundId: string): boolean {
  const ours = Object.keys(before.tallyCells).filter((k) => k.startsWith(`${roundId}:`));
  return ours.length > 0 && ours.every((k) => before.tallyCells[k] === after.tallyCells[k]);
}
