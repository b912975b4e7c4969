import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import type { Case } from '../../src/core/domain/case.js';
import type { Group } from '../../src/core/domain/group.js';
import { DEFAULT_GUIDE_MINUTES } from '../../src/core/domain/guide.js';
import type { Person } from '../../src/core/domain/person.js';
import type { Session } from '../../src/core/domain/session.js';
import type { Store } from '../../src/core/ports/store.js';
import { createTestDatabase, postgresAdminUrl, truncateAll } from '../support/pg-databases.js';

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh directory under the OS temp folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-db-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a handle that is closed after the test. */
export function open(file: string): DatabaseHandle {
  const handle = openDatabase(file);
  cleanups.push(() => handle.close());
  return handle;
}

export type Engine = 'sqlite' | 'postgres';

/** Runs on: set by `describeStore` for the tests inside it. */
let engine: Engine = 'sqlite';

/**
 * The store's contract, run on both engines: the same tests, once on SQLite and once on PostgreSQL (a
 * real server started for the run by test/support/postgres-setup.ts). Where PostgreSQL is not installed
 * the PostgreSQL half is skipped, or fails when CAIRN_REQUIRE_POSTGRES=1.
 */
export function describeStore(name: string, body: () => void): void {
  describe(`${name} (SQLite)`, () => {
    beforeEach(() => {
      engine = 'sqlite';
    });
    body();
  });
  if (postgresAdminUrl()) {
    describe(`${name} (PostgreSQL)`, () => {
      beforeEach(() => {
        engine = 'postgres';
      });
      afterEach(() => {
        engine = 'sqlite';
      });
      body();
    });
  } else if (process.env.CAIRN_REQUIRE_POSTGRES === '1') {
    it(`${name} (PostgreSQL)`, () => {
      throw new Error('CAIRN_REQUIRE_POSTGRES=1 but no PostgreSQL server was started');
    });
  }
}

export type TestDb = {
  engine: Engine;
  /** The SQLite file, or the PostgreSQL URL. */
  file: string;
  /** The SQLite handle (undefined on PostgreSQL). */
  handle: DatabaseHandle;
  store: Store;
  /** Runs one SQL statement directly (to corrupt a row, or to look at what is stored). */
  exec(sql: string): void;
};

// On PostgreSQL, one database per test file and per connection, emptied before each test: opening a
// store starts a worker thread (seconds under load), a database per test would cost minutes.
const pgHandles = new Map<string, PgHandle>();
let pgUrl: string | undefined;
afterAll(() => {
  for (const handle of pgHandles.values()) handle.close();
  pgHandles.clear();
});

function pgHandle(url: string, slot: string): PgHandle {
  const key = `${url}#${slot}`;
  let handle = pgHandles.get(key);
  if (!handle) {
    handle = openPgStore({ url, poolSize: 2 });
    pgHandles.set(key, handle);
  }
  return handle;
}

/** A migrated, empty database with a store over it, on the engine of the enclosing `describeStore`. */
export function freshStore(): TestDb {
  if (engine === 'postgres') {
    pgUrl ??= createTestDatabase('cairn_store');
    const pg = pgHandle(pgUrl, 'first');
    truncateAll(pg);
    return {
      engine,
      file: pgUrl,
      handle: undefined as unknown as DatabaseHandle,
      store: pg.store,
      exec: (sql) => {
        pg.query(sql);
      },
    };
  }
  const file = join(tempDir(), 'cairn.db');
  const handle = open(file);
  return {
    engine,
    file,
    handle,
    store: createSqliteStore(handle),
    exec: (sql) => {
      handle.sqlite.exec(sql);
    },
  };
}

/** A second connection to the same database, as another process would have. */
export function secondStore(file: string): Store {
  if (file.startsWith('postgres')) return pgHandle(file, 'second').store;
  return createSqliteStore(open(file));
}

export const at = (iso: string): Date => new Date(iso);

export function makeGroup(overrides: Partial<Group> = {}): Group {
  return {
    id: 'g1',
    platform: 'slack',
    workspace: 'T1',
    spaceAddress: 'slack:T1:C1',
    name: 'Lyon managers',
    language: 'fr',
    timeZone: 'Europe/Paris',
    reminderOffsets: [
      { daysBefore: 7, time: '09:00' },
      { daysBefore: 2, time: '18:30' },
    ],
    checkinK: 4,
    supportContacts: null,
    retentionMonths: 12,
    createdAt: at('2026-01-01T10:00:00.123Z'),
    guideMinutes: [...DEFAULT_GUIDE_MINUTES],
    ...overrides,
  };
}

export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    platform: 'slack',
    workspace: 'T1',
    userRef: 'U1',
    displayName: 'Alice',
    language: null,
    pausedUntil: null,
    createdAt: at('2026-01-02T10:00:00.000Z'),
    ...overrides,
  };
}

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    groupId: 'g1',
    startsAt: at('2026-03-10T08:00:00.000Z'),
    durationMinutes: 120,
    place: 'Room 4',
    status: 'scheduled',
    seriesId: null,
    ...overrides,
  };
}

export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 'c1',
    groupId: 'g1',
    sessionId: null,
    authorId: 'p1',
    title: 'A team that stopped talking',
    kind: 'problem',
    situation: 'Since the reorganisation two leads no longer speak.',
    stakes: 'The release in June.',
    tried: 'A joint meeting.',
    expectations: 'Ideas to rebuild trust.',
    urgency: 'medium',
    visibility: 'group',
    status: 'submitted',
    createdAt: at('2026-02-01T09:00:00.000Z'),
    updatedAt: at('2026-02-01T09:00:00.000Z'),
    clientRequest: null,
    ...overrides,
  };
}
