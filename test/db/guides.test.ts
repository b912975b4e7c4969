import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { DEFAULT_GUIDE_MINUTES, type Guide } from '../../src/core/domain/guide.js';
import type { Store } from '../../src/core/ports/store.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { at, describeStore, freshStore, makeCase, makeGroup, makePerson, makeSession } from './fixtures.js';

function makeGuide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: 'gd1',
    groupId: 'g1',
    sessionId: 's1',
    caseId: 'c1',
    status: 'running',
    step: 0,
    minutes: [...DEFAULT_GUIDE_MINUTES],
    spentSeconds: [],
    stepStartedAt: at('2026-03-10T08:00:00.123Z'),
    extraMinutes: 0,
    pausedAt: null,
    pausedMs: 0,
    startedAt: at('2026-03-10T08:00:00.123Z'),
    endedAt: null,
    endedBy: null,
    postId: 'guide:gd1:post',
    editId: null,
    edits: 0,
    shown: 'running:0:r:l10',
    ...overrides,
  };
}

function seed(store: Store): void {
  store.groups.insert(makeGroup());
  store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
  store.people.insert(makePerson());
  store.sessions.insert(makeSession());
  store.sessions.insert(makeSession({ id: 's2', startsAt: at('2026-04-10T08:00:00Z') }));
  store.sessions.insert(makeSession({ id: 's3', groupId: 'g2' }));
  for (const id of ['c1', 'c2', 'c3']) store.cases.insert(makeCase({ id }));
  store.cases.insert(makeCase({ id: 'c4', groupId: 'g2' }));
}

const ids = (guides: { id: string }[]) => guides.map((g) => g.id);

describeStore('GuideRepository', () => {
  it('round-trips and updates every field, JSON columns and milliseconds included', () => {
    const { store } = freshStore();
    seed(store);
    const g = makeGuide({ minutes: [12, 8, 5, 30, 15, 10] });
    expect(store.guides.insert(g)).toBe(true);
    expect(store.guides.get('gd1')).toEqual(g);
    expect(store.guides.get('gd2')).toBeUndefined();

    const ended = makeGuide({
      minutes: [12, 8, 5, 30, 15, 10],
      status: 'ended',
      step: 5,
      spentSeconds: [600, 598, 301, 1500, 900, 612],
      stepStartedAt: at('2026-03-10T09:15:00.456Z'),
      extraMinutes: 5,
      pausedAt: at('2026-03-10T09:20:00.789Z'),
      pausedMs: 125_001,
      endedAt: at('2026-03-10T09:30:00.001Z'),
      endedBy: 'auto',
      editId: 'guide:gd1:edit:7',
      edits: 7,
      shown: 'ended:5:p:o3',
    });
    store.guides.update(ended);
    expect(store.guides.get('gd1')).toEqual(ended);
  });

  it('refuses a second running guide in a group (nothing written); an ended one, another group, do not count', () => {
    const { store } = freshStore();
    seed(store);
    expect(store.guides.insert(makeGuide())).toBe(true);
    expect(store.guides.insert(makeGuide({ id: 'gd2', caseId: 'c2' }))).toBe(false);
    expect(store.guides.get('gd2')).toBeUndefined();
    // The same guide again (a retry): no second row either.
    expect(store.guides.insert(makeGuide({ shown: 'other' }))).toBe(false);
    expect(store.guides.get('gd1')?.shown).toBe('running:0:r:l10');
    expect(store.guides.insert(makeGuide({ id: 'gd3', groupId: 'g2', sessionId: 's3', caseId: 'c4' }))).toBe(
      true,
    );

    store.guides.update(makeGuide({ status: 'ended', endedAt: at('2026-03-10T09:00:00Z') }));
    expect(store.guides.findRunning('g1')).toBeUndefined();
    expect(store.guides.insert(makeGuide({ id: 'gd2', caseId: 'c2' }))).toBe(true);
    expect(store.guides.findRunning('g1')?.id).toBe('gd2');
    expect(store.guides.findRunning('g2')?.id).toBe('gd3');
    expect(store.guides.findRunning('nope')).toBeUndefined();
  });

  it('lists the running guides, oldest first, and a group’s and a session’s guides', () => {
    const { store } = freshStore();
    seed(store);
    const ended = { status: 'ended', endedAt: at('2026-03-10T10:00:00Z') } as const;
    const b = makeGuide({ id: 'b', caseId: 'c3', startedAt: at('2026-03-10T08:30:00Z') });
    store.guides.insert(b);
    store.guides.update({ ...b, ...ended });
    store.guides.insert(
      makeGuide({ id: 'late', caseId: 'c2', startedAt: at('2026-03-10T09:00:00Z'), ...ended }),
    );
    store.guides.insert(
      makeGuide({ id: 'B', caseId: 'c3', startedAt: at('2026-03-10T09:00:00Z'), ...ended }),
    );
    store.guides.insert(makeGuide({ id: 'a', caseId: 'c1', startedAt: at('2026-03-10T09:00:00Z') }));
    store.guides.insert(
      makeGuide({
        id: 'other',
        groupId: 'g2',
        sessionId: 's3',
        caseId: 'c4',
        startedAt: at('2026-03-10T07:00:00Z'),
      }),
    );

    expect(ids(store.guides.listRunning())).toEqual(['other', 'a']);
    expect(ids(store.guides.listByGroup('g1')).sort()).toEqual(['B', 'a', 'b', 'late']);
    expect(ids(store.guides.listByGroup('g2'))).toEqual(['other']);
    // Same start: the id decides, byte by byte, as on SQLite.
    expect(ids(store.guides.listBySession('s1'))).toEqual(['b', 'B', 'a', 'late']);
    expect(store.guides.listBySession('none')).toEqual([]);
  });

  it('a case erased takes its guide with it', () => {
    const { store } = freshStore();
    seed(store);
    store.guides.insert(makeGuide());
    expect(store.cases.deleteByAuthor('p1')).toBe(4);
    expect(store.guides.get('gd1')).toBeUndefined();
    expect(store.guides.listRunning()).toEqual([]);
  });

  it('a stored guide with a bad JSON column is refused on read, not handed to the minute tick', () => {
    const db = freshStore();
    seed(db.store);
    db.store.guides.insert(makeGuide());
    db.exec(`update guides set minutes = '[10,10]' where id = 'gd1'`);
    expect(() => db.store.guides.get('gd1')).toThrow();
    expect(() => db.store.guides.listRunning()).toThrow();
  });
});

describe.skipIf(!postgresAdminUrl() && process.env.CAIRN_REQUIRE_POSTGRES !== '1')(
  'GuideRepository on several instances (PostgreSQL)',
  () => {
    const handles: PgHandle[] = [];
    afterAll(() => {
      for (const h of handles) h.close();
    });

    it('"none running here" and a guide read in a transaction hold their key: another instance waits', () => {
      const url = createTestDatabase('cairn_guides');
      const a = openPgStore({ url, poolSize: 2 });
      handles.push(a);
      const b = openPgStore({ url, poolSize: 2, statementTimeoutMs: 1_000 });
      handles.push(b);
      seed(a.store);
      a.store.guides.insert(makeGuide({ id: 'gd0', status: 'ended' }));
      a.store.transaction(() => {
        expect(a.store.guides.findRunning('g1')).toBeUndefined();
        expect(a.store.guides.get('gd0')?.status).toBe('ended');
        expect(() => b.store.transaction(() => b.store.guides.findRunning('g1'))).toThrow(/lock timeout/);
        expect(() => b.store.transaction(() => b.store.guides.get('gd0'))).toThrow(/lock timeout/);
        // Another group is free.
        expect(b.store.transaction(() => b.store.guides.findRunning('g2'))).toBeUndefined();
        a.store.guides.insert(makeGuide());
      });
      // Once A committed, B sees its guide and would start none.
      expect(b.store.transaction(() => b.store.guides.findRunning('g1'))?.id).toBe('gd1');
      expect(b.store.guides.insert(makeGuide({ id: 'gd2', caseId: 'c2' }))).toBe(false);
    });
  },
);
