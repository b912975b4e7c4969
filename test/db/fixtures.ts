import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import type { Case } from '../../src/core/domain/case.js';
import type { Group } from '../../src/core/domain/group.js';
import { DEFAULT_GUIDE_MINUTES } from '../../src/core/domain/guide.js';
import type { Person } from '../../src/core/domain/person.js';
import type { Session } from '../../src/core/domain/session.js';
import type { Store } from '../../src/core/ports/store.js';

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

export type TestDb = { file: string; handle: DatabaseHandle; store: Store };

/** A migrated database in its own temp file, with a store over it. */
export function freshStore(): TestDb {
  const file = join(tempDir(), 'cairn.db');
  const handle = open(file);
  return { file, handle, store: createSqliteStore(handle) };
}

/** A second connection to the same file, as another process would have. */
export function secondStore(file: string): Store {
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
