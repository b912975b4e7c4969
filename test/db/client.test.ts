import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import { makeGroup, open, tempDir } from './fixtures.js';

const TABLES = [
  'action_plans',
  'case_choice_settings',
  'case_vote_participation',
  'case_vote_rounds',
  'case_vote_tally',
  'cases',
  'checkin_participation',
  'checkin_rounds',
  'checkin_tally',
  'group_suspensions',
  'groups',
  'guides',
  'inbound_events',
  'leases',
  'membership_starts',
  'memberships',
  'notebook_settings',
  'notes',
  'occurrences',
  'outbox',
  'people',
  'reminder_opt_outs',
  'sessions',
  'slack_installations',
  'syntheses',
  'synthesis_posts',
  'teams_conversations',
];

const journalEntries = (): number => {
  const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
};

describe('openDatabase', () => {
  it('creates the parent folder and applies every migration to a fresh file', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'cairn.db');
    const { sqlite } = open(file);

    expect(existsSync(file)).toBe(true);
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'")
      .pluck()
      .all();
    expect([...tables].sort()).toEqual(TABLES);
    const applied = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    expect(applied).toBe(journalEntries());
  });

  it('is idempotent: reopening keeps the data and applies nothing twice', () => {
    const file = join(tempDir(), 'cairn.db');
    const first = open(file);
    createSqliteStore(first).groups.insert(makeGroup());
    first.close();

    const second = open(file);
    expect(createSqliteStore(second).groups.get('g1')?.name).toBe('Lyon managers');
    expect(second.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(
      journalEntries(),
    );
  });

  it('sets the pragmas the design asks for', () => {
    const { sqlite } = open(join(tempDir(), 'cairn.db'));
    const value = (name: string) => sqlite.pragma(name, { simple: true });

    expect(value('journal_mode')).toBe('wal');
    expect(value('foreign_keys')).toBe(1);
    expect(value('secure_delete')).toBe(1);
    expect(value('synchronous')).toBe(2); // FULL
    expect(value('busy_timeout')).toBe(5000);
  });

  it('close can be called twice', () => {
    const handle = open(join(tempDir(), 'cairn.db'));
    handle.close();
    expect(() => handle.close()).not.toThrow();
    expect(handle.sqlite.open).toBe(false);
  });

  it('uses no AUTOINCREMENT', () => {
    const { sqlite } = open(join(tempDir(), 'cairn.db'));
    const ddl = sqlite.prepare("SELECT group_concat(sql, ';') FROM sqlite_master").pluck().get();
    expect(String(ddl)).toContain('CREATE TABLE');
    expect(String(ddl).toUpperCase()).not.toContain('AUTOINCREMENT');
  });
});

describe('findMigrationsFolder', () => {
  const root = join(import.meta.dirname, '..', '..');

  it('finds db/migrations from the source folder and from the compiled dist/db folder', () => {
    const expected = join(root, 'db', 'migrations');
    expect(findMigrationsFolder(join(root, 'db'))).toBe(expected);
    expect(findMigrationsFolder(join(root, 'dist', 'db'))).toBe(expected);
  });

  it('fails clearly when there is no project above', () => {
    expect(() => findMigrationsFolder(tempDir())).toThrow(/No db\/migrations folder/);
  });
});

describe('migrateDatabase', () => {
  it('reports what it applied, then that nothing was left to apply', () => {
    const file = join(tempDir(), 'data', 'cairn.db');
    const total = journalEntries();

    expect(migrateDatabase(file)).toEqual({ file, applied: total, total });
    expect(migrateDatabase(file)).toEqual({ file, applied: 0, total });
  });
});

describe('check-in and ballot tables', () => {
  it('are WITHOUT ROWID, so no hidden insertion order exists', () => {
    const handle = openDatabase(join(tempDir(), 'cairn.db'));
    try {
      for (const table of [
        'checkin_participation',
        'checkin_tally',
        'case_vote_participation',
        'case_vote_tally',
      ]) {
        const sql = handle.sqlite
          .prepare('SELECT sql FROM sqlite_master WHERE name = ?')
          .pluck()
          .get(table) as string;
        expect(sql).toMatch(/WITHOUT ROWID\s*$/);
        expect(() => handle.sqlite.prepare(`SELECT rowid FROM ${table}`).all()).toThrow(/no such column/);
      }
    } finally {
      handle.close();
    }
  });
});
