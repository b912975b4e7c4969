import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import type { Note } from '../../src/core/domain/note.js';
import type { Store } from '../../src/core/ports/store.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { at, describeStore, freshStore, makeGroup, makePerson, makeSession } from './fixtures.js';

function makeNote(overrides: Partial<Note> = {}): Note {
  return {
    id: 'n1',
    authorId: 'p1',
    groupId: 'g1',
    sessionId: null,
    kind: 'note',
    text: 'My site director blamed me in front of everyone.',
    noticed: 'I felt alone.',
    sharedAt: null,
    createdAt: at('2026-03-01T10:00:00.123Z'),
    ...overrides,
  };
}

function seed(store: Store): void {
  store.groups.insert(makeGroup());
  store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
  store.people.insert(makePerson());
  store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
  store.sessions.insert(makeSession());
  store.sessions.insert(makeSession({ id: 's2', startsAt: at('2026-04-10T08:00:00Z') }));
  store.sessions.insert(makeSession({ id: 's3', startsAt: at('2026-05-10T08:00:00Z') }));
}

const ids = (notes: { id: string }[]) => notes.map((n) => n.id);
const takeaway = (id: string, sessionId: string, createdAt: string, overrides: Partial<Note> = {}) =>
  makeNote({ id, sessionId, kind: 'takeaway', createdAt: at(createdAt), ...overrides });

describeStore('NoteRepository', () => {
  it('round-trips every field and deletes one note', () => {
    const { store } = freshStore();
    seed(store);
    const note = makeNote();
    const shared = takeaway('n2', 's1', '2026-03-11T09:00:00.456Z', {
      groupId: null,
      noticed: '',
      sharedAt: at('2026-03-11T09:05:00.789Z'),
    });
    store.notes.insert(note);
    store.notes.insert(shared);
    expect(store.notes.get('n1')).toEqual(note);
    expect(store.notes.get('n2')).toEqual(shared);
    expect(store.notes.get('n3')).toBeUndefined();

    expect(store.notes.delete('n1')).toBe(true);
    expect(store.notes.delete('n1')).toBe(false);
    expect(store.notes.get('n1')).toBeUndefined();
    expect(store.notes.get('n2')).toEqual(shared);
  });

  it('lists an author’s notes newest first (the id breaks a tie, byte by byte), by session, limited', () => {
    const { store } = freshStore();
    seed(store);
    store.notes.insert(makeNote({ id: 'old', createdAt: at('2026-02-01T00:00:00Z') }));
    store.notes.insert(makeNote({ id: 'a', createdAt: at('2026-03-01T00:00:00Z') }));
    store.notes.insert(makeNote({ id: 'B', createdAt: at('2026-03-01T00:00:00Z') }));
    store.notes.insert(takeaway('t1', 's1', '2026-03-11T00:00:00Z'));
    store.notes.insert(takeaway('t2', 's2', '2026-04-11T00:00:00Z'));
    store.notes.insert(makeNote({ id: 'theirs', authorId: 'p2', createdAt: at('2026-03-02T00:00:00Z') }));
    store.notes.insert(takeaway('theirs-t', 's1', '2026-03-12T00:00:00Z', { authorId: 'p2' }));

    expect(ids(store.notes.listByAuthor('p1'))).toEqual(['t2', 't1', 'a', 'B', 'old']);
    expect(ids(store.notes.listByAuthor('p1', { limit: 3 }))).toEqual(['t2', 't1', 'a']);
    expect(ids(store.notes.listByAuthor('p1', { sessionId: 's1' }))).toEqual(['t1']);
    expect(ids(store.notes.listByAuthor('p2'))).toEqual(['theirs-t', 'theirs']);
    expect(store.notes.listByAuthor('nobody')).toEqual([]);
  });

  it('counts an author’s notes since a moment (inclusive), of one kind when asked', () => {
    const { store } = freshStore();
    seed(store);
    store.notes.insert(makeNote({ id: 'before', createdAt: at('2026-03-01T09:59:59.999Z') }));
    store.notes.insert(makeNote({ id: 'exact', createdAt: at('2026-03-01T10:00:00.000Z') }));
    store.notes.insert(takeaway('t1', 's1', '2026-03-11T00:00:00Z'));
    store.notes.insert(makeNote({ id: 'theirs', authorId: 'p2' }));

    const since = at('2026-03-01T10:00:00.000Z');
    expect(store.notes.countByAuthor('p1', null)).toBe(3);
    expect(store.notes.countByAuthor('p1', since)).toBe(2);
    expect(store.notes.countByAuthor('p1', since, 'note')).toBe(1);
    expect(store.notes.countByAuthor('p1', null, 'takeaway')).toBe(1);
    expect(store.notes.countByAuthor('nobody', null)).toBe(0);
  });

  it('lists the sessions a person kept takeaways about, with how many, the latest first', () => {
    const { store } = freshStore();
    seed(store);
    store.notes.insert(takeaway('a', 's1', '2026-03-11T00:00:00Z'));
    store.notes.insert(takeaway('b', 's1', '2026-04-20T00:00:00Z'));
    store.notes.insert(takeaway('c', 's2', '2026-04-11T00:00:00Z'));
    store.notes.insert(takeaway('d', 's2', '2026-04-12T00:00:00Z'));
    store.notes.insert(takeaway('e', 's2', '2026-04-13T00:00:00Z'));
    // A plain note about a session, a takeaway whose session is gone, another person's: not counted.
    store.notes.insert(makeNote({ id: 'plain', sessionId: 's3', createdAt: at('2026-05-11T00:00:00Z') }));
    store.notes.insert(takeaway('theirs', 's3', '2026-05-11T00:00:00Z', { authorId: 'p2' }));

    expect(store.notes.takeawaySessions('p1')).toEqual([
      { sessionId: 's1', count: 2 },
      { sessionId: 's2', count: 3 },
    ]);
    expect(store.notes.takeawaySessions('p2')).toEqual([{ sessionId: 's3', count: 1 }]);
    expect(store.notes.takeawaySessions('nobody')).toEqual([]);
  });

  it('lists the takeaways sent to the facilitators about some sessions, oldest first', () => {
    const { store } = freshStore();
    seed(store);
    const sent = at('2026-04-12T00:00:00Z');
    store.notes.insert(takeaway('late', 's1', '2026-03-12T00:00:00Z', { sharedAt: sent }));
    store.notes.insert(takeaway('b', 's1', '2026-03-11T00:00:00Z', { sharedAt: sent, authorId: 'p2' }));
    store.notes.insert(takeaway('a', 's2', '2026-03-11T00:00:00Z', { sharedAt: sent }));
    store.notes.insert(takeaway('kept', 's1', '2026-03-11T00:00:00Z'));
    store.notes.insert(takeaway('other', 's3', '2026-03-11T00:00:00Z', { sharedAt: sent }));
    store.notes.insert(makeNote({ id: 'plain', sessionId: 's1', sharedAt: sent }));

    expect(ids(store.notes.listShared(['s1', 's2']))).toEqual(['a', 'b', 'late']);
    expect(ids(store.notes.listShared(['s3']))).toEqual(['other']);
    expect(store.notes.listShared([])).toEqual([]);
  });

  it('walks each author and group with notes, and expires a person’s notes in one group (or none)', () => {
    const { store } = freshStore();
    seed(store);
    const before = at('2026-03-01T00:00:00.000Z');
    store.notes.insert(makeNote({ id: 'old', createdAt: at('2026-02-28T23:59:59.999Z') }));
    store.notes.insert(makeNote({ id: 'exact', createdAt: before }));
    store.notes.insert(makeNote({ id: 'old-g2', groupId: 'g2', createdAt: at('2026-01-01T00:00:00Z') }));
    store.notes.insert(makeNote({ id: 'old-dm', groupId: null, createdAt: at('2026-01-01T00:00:00Z') }));
    store.notes.insert(makeNote({ id: 'old-dm2', groupId: null, createdAt: at('2026-01-02T00:00:00Z') }));
    store.notes.insert(makeNote({ id: 'theirs', authorId: 'p2', createdAt: at('2026-01-01T00:00:00Z') }));

    const key = (r: { authorId: string; groupId: string | null }) => `${r.authorId}/${r.groupId}`;
    expect(store.notes.listAuthorGroups().map(key).sort()).toEqual(['p1/g1', 'p1/g2', 'p1/null', 'p2/g1']);

    expect(store.notes.deleteOlderThan('p1', 'g1', before)).toBe(1);
    expect(store.notes.deleteOlderThan('p1', null, before)).toBe(2);
    expect(store.notes.deleteOlderThan('p1', null, before)).toBe(0);
    expect(ids(store.notes.listByAuthor('p1')).sort()).toEqual(['exact', 'old-g2']);
    expect(ids(store.notes.listByAuthor('p2'))).toEqual(['theirs']);
    expect(store.notes.listAuthorGroups().map(key).sort()).toEqual(['p1/g1', 'p1/g2', 'p2/g1']);
  });

  it('keeps a member’s own keeping period; forgetting them takes it with their notes', () => {
    const { store } = freshStore();
    seed(store);
    expect(store.notes.keepMonths('p1')).toBeNull();
    store.notes.setKeepMonths('p1', 3);
    store.notes.setKeepMonths('p2', 6);
    expect(store.notes.keepMonths('p1')).toBe(3);
    store.notes.setKeepMonths('p1', 1);
    expect(store.notes.keepMonths('p1')).toBe(1);
    store.notes.setKeepMonths('p2', null);
    expect(store.notes.keepMonths('p2')).toBeNull();
    store.notes.setKeepMonths('p2', null);

    store.notes.insert(makeNote({ id: 'a' }));
    store.notes.insert(takeaway('b', 's1', '2026-03-11T00:00:00Z', { groupId: null }));
    store.notes.insert(makeNote({ id: 'theirs', authorId: 'p2' }));
    store.notes.setKeepMonths('p2', 6);
    expect(store.notes.deleteByAuthor('p1')).toBe(2);
    expect(store.notes.deleteByAuthor('p1')).toBe(0);
    expect(store.notes.keepMonths('p1')).toBeNull();
    expect(store.notes.listByAuthor('p1')).toEqual([]);
    expect(ids(store.notes.listByAuthor('p2'))).toEqual(['theirs']);
    expect(store.notes.keepMonths('p2')).toBe(6);
  });

  it('a session erased leaves its takeaways with no session; a person erased takes their notes and settings', () => {
    const db = freshStore();
    const { store } = db;
    seed(store);
    store.notes.insert(takeaway('t1', 's1', '2026-03-11T00:00:00Z'));
    store.notes.insert(makeNote({ id: 'theirs', authorId: 'p2' }));
    store.notes.setKeepMonths('p2', 3);
    db.exec(`delete from sessions where id = 's1'`);
    expect(store.notes.get('t1')?.sessionId).toBeNull();
    store.people.delete('p2');
    expect(store.notes.get('theirs')).toBeUndefined();
    expect(store.notes.keepMonths('p2')).toBeNull();
  });
});

describe.skipIf(!postgresAdminUrl() && process.env.CAIRN_REQUIRE_POSTGRES !== '1')(
  'NoteRepository on several instances (PostgreSQL)',
  () => {
    const handles: PgHandle[] = [];
    afterAll(() => {
      for (const h of handles) h.close();
    });

    it('"no note with this id yet" holds the id: a form sent twice on two instances stores one note', () => {
      const url = createTestDatabase('cairn_notes');
      const a = openPgStore({ url, poolSize: 2 });
      handles.push(a);
      const b = openPgStore({ url, poolSize: 2, statementTimeoutMs: 1_000 });
      handles.push(b);
      seed(a.store);
      a.store.transaction(() => {
        expect(a.store.notes.get('n1')).toBeUndefined();
        expect(() => b.store.transaction(() => b.store.notes.get('n1'))).toThrow(/lock timeout/);
        expect(b.store.transaction(() => b.store.notes.get('n2'))).toBeUndefined();
        a.store.notes.insert(makeNote());
      });
      expect(b.store.transaction(() => b.store.notes.get('n1'))?.id).toBe('n1');
    });
  },
);
