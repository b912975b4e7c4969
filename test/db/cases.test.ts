import { expect, it } from 'vitest';
import { at, describeStore, freshStore, makeCase, makeGroup, makePerson, makeSession } from './fixtures.js';

function seed() {
  const db = freshStore();
  const { store } = db;
  store.groups.insert(makeGroup());
  store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
  store.people.insert(makePerson());
  store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
  store.sessions.insert(makeSession({ id: 'old', startsAt: at('2025-01-10T08:00:00Z') }));
  store.sessions.insert(makeSession({ id: 'new', startsAt: at('2026-03-10T08:00:00Z') }));
  store.sessions.insert(makeSession({ id: 'old2', groupId: 'g2', startsAt: at('2025-01-10T08:00:00Z') }));
  return db;
}

const ids = (cases: { id: string }[]) => cases.map((c) => c.id);

describeStore('CaseRepository', () => {
  it('round-trips and updates every field', () => {
    const { store } = seed();
    const c = makeCase({ sessionId: 'new', visibility: 'facilitator', urgency: 'high' });
    store.cases.insert(c);
    expect(store.cases.get('c1')).toEqual(c);
    expect(store.cases.get('c2')).toBeUndefined();

    const edited = makeCase({
      sessionId: null,
      title: 'New title',
      kind: 'project',
      situation: 's',
      stakes: 'st',
      tried: 't',
      expectations: 'e',
      urgency: 'low',
      visibility: 'group',
      status: 'postponed',
      updatedAt: at('2026-02-02T09:00:00.007Z'),
      clientRequest: 'Comment renouer le dialogue « sans arbitrer » ?',
    });
    store.cases.update(edited);
    expect(store.cases.get('c1')).toEqual(edited);
  });

  it('lists by author, by session and unscheduled, oldest first', () => {
    const { store } = seed();
    store.cases.insert(makeCase({ id: 'b', sessionId: 'new', createdAt: at('2026-02-03T00:00:00Z') }));
    store.cases.insert(makeCase({ id: 'a', sessionId: 'new', createdAt: at('2026-02-02T00:00:00Z') }));
    store.cases.insert(makeCase({ id: 'u', createdAt: at('2026-02-04T00:00:00Z') }));
    store.cases.insert(makeCase({ id: 'x', authorId: 'p2', sessionId: 'old' }));
    store.cases.insert(makeCase({ id: 'y', groupId: 'g2', authorId: 'p2' }));

    expect(ids(store.cases.listByAuthor('p1'))).toEqual(['a', 'b', 'u']);
    expect(ids(store.cases.listBySession('new'))).toEqual(['a', 'b']);
    expect(ids(store.cases.listUnscheduled('g1'))).toEqual(['u']);
    expect(ids(store.cases.listUnscheduled('g2'))).toEqual(['y']);
  });

  it('deletes an author’s cases and counts them', () => {
    const { store } = seed();
    store.cases.insert(makeCase({ id: 'a' }));
    store.cases.insert(makeCase({ id: 'b', groupId: 'g2' }));
    store.cases.insert(makeCase({ id: 'c', authorId: 'p2' }));

    expect(store.cases.deleteByAuthor('p1')).toBe(2);
    expect(store.cases.deleteByAuthor('p1')).toBe(0);
    expect(ids(store.cases.listByAuthor('p2'))).toEqual(['c']);
  });

  it('expires by session date when there is one, else by creation date, within the group', () => {
    const { store } = seed();
    const before = at('2025-06-01T00:00:00Z');
    // Created long ago but for a recent session: kept.
    store.cases.insert(
      makeCase({ id: 'recentSession', sessionId: 'new', createdAt: at('2024-01-01T00:00:00Z') }),
    );
    // Created recently but for an old session: expired.
    store.cases.insert(
      makeCase({ id: 'oldSession', sessionId: 'old', createdAt: at('2026-01-01T00:00:00Z') }),
    );
    store.cases.insert(makeCase({ id: 'oldUnscheduled', createdAt: at('2025-05-31T23:59:59.999Z') }));
    store.cases.insert(makeCase({ id: 'boundary', createdAt: before }));
    store.cases.insert(makeCase({ id: 'otherGroup', groupId: 'g2', sessionId: 'old2' }));

    expect(store.cases.deleteExpired('g1', before)).toBe(2);
    expect(store.cases.get('oldSession')).toBeUndefined();
    expect(store.cases.get('oldUnscheduled')).toBeUndefined();
    expect(store.cases.get('recentSession')).toBeDefined();
    expect(store.cases.get('boundary')).toBeDefined();
    expect(store.cases.get('otherGroup')).toBeDefined();
  });

  it('deletes a group’s cases only', () => {
    const { store } = seed();
    store.cases.insert(makeCase({ id: 'a' }));
    store.cases.insert(makeCase({ id: 'b', groupId: 'g2' }));
    store.cases.deleteByGroup('g1');
    expect(store.cases.get('a')).toBeUndefined();
    expect(store.cases.get('b')).toBeDefined();
  });
});
