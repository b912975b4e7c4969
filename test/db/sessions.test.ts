import { expect, it } from 'vitest';
import { at, describeStore, freshStore, makeGroup, makeSession } from './fixtures.js';

function seed() {
  const db = freshStore();
  db.store.groups.insert(makeGroup());
  db.store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
  return db;
}

describeStore('SessionRepository', () => {
  it('round-trips and updates every field', () => {
    const { store } = seed();
    const session = makeSession({ seriesId: 'series-1' });
    store.sessions.insert(session);
    expect(store.sessions.get('s1')).toEqual(session);
    expect(store.sessions.get('s2')).toBeUndefined();

    const moved = makeSession({
      startsAt: at('2026-03-11T09:30:00Z'),
      durationMinutes: 90,
      place: 'Online',
      status: 'cancelled',
      seriesId: null,
    });
    store.sessions.update(moved);
    expect(store.sessions.get('s1')).toEqual(moved);
  });

  it('lists a group’s upcoming scheduled sessions from `from` inclusive, soonest first', () => {
    const { store } = seed();
    store.sessions.insert(makeSession({ id: 'past', startsAt: at('2026-03-01T07:59:59.999Z') }));
    store.sessions.insert(makeSession({ id: 'later', startsAt: at('2026-04-01T08:00:00Z') }));
    store.sessions.insert(makeSession({ id: 'exact', startsAt: at('2026-03-01T08:00:00Z') }));
    store.sessions.insert(
      makeSession({ id: 'off', startsAt: at('2026-03-15T08:00:00Z'), status: 'cancelled' }),
    );
    store.sessions.insert(makeSession({ id: 'other', groupId: 'g2', startsAt: at('2026-03-20T08:00:00Z') }));

    const ids = store.sessions.listUpcoming('g1', at('2026-03-01T08:00:00Z')).map((s) => s.id);
    expect(ids).toEqual(['exact', 'later']);
  });

  it('lists a group’s past scheduled sessions, latest first, up to the limit', () => {
    const { store } = seed();
    for (const day of [1, 2, 3, 4]) {
      store.sessions.insert(makeSession({ id: `d${day}`, startsAt: at(`2026-02-0${day}T08:00:00Z`) }));
    }
    store.sessions.insert(
      makeSession({ id: 'off', startsAt: at('2026-02-05T08:00:00Z'), status: 'cancelled' }),
    );
    store.sessions.insert(makeSession({ id: 'other', groupId: 'g2', startsAt: at('2026-02-05T08:00:00Z') }));

    expect(store.sessions.listPast('g1', at('2026-02-04T08:00:00Z'), 10).map((s) => s.id)).toEqual([
      'd3',
      'd2',
      'd1',
    ]);
    expect(store.sessions.listPast('g1', at('2026-03-01T00:00:00Z'), 2).map((s) => s.id)).toEqual([
      'd4',
      'd3',
    ]);
  });

  it('lists scheduled sessions of every group starting in [from, to)', () => {
    const { store } = seed();
    store.sessions.insert(makeSession({ id: 'from', startsAt: at('2026-03-01T00:00:00Z') }));
    store.sessions.insert(makeSession({ id: 'to', startsAt: at('2026-03-02T00:00:00Z') }));
    store.sessions.insert(makeSession({ id: 'g2', groupId: 'g2', startsAt: at('2026-03-01T12:00:00Z') }));
    store.sessions.insert(
      makeSession({ id: 'off', startsAt: at('2026-03-01T13:00:00Z'), status: 'cancelled' }),
    );

    const ids = store.sessions
      .listStartingBetween(at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'))
      .map((s) => s.id);
    expect(ids).toEqual(['from', 'g2']);
  });

  it('deletes a group’s sessions only', () => {
    const { store } = seed();
    store.sessions.insert(makeSession());
    store.sessions.insert(makeSession({ id: 's2' }));
    store.sessions.insert(makeSession({ id: 's3', groupId: 'g2' }));
    store.sessions.deleteByGroup('g1');
    expect(store.sessions.get('s1')).toBeUndefined();
    expect(store.sessions.get('s2')).toBeUndefined();
    expect(store.sessions.get('s3')).toBeDefined();
  });
});
