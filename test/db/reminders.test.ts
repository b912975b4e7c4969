import { expect, it } from 'vitest';
import {
  at,
  describeStore,
  freshStore,
  makeGroup,
  makePerson,
  makeSession,
  secondStore,
} from './fixtures.js';

describeStore('ReminderOptOutRepository', () => {
  it('adds idempotently, answers has, deletes by person', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.people.insert(makePerson());
    store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
    store.sessions.insert(makeSession());
    store.sessions.insert(makeSession({ id: 's2' }));

    store.optOuts.add('s1', 'p1');
    expect(() => store.optOuts.add('s1', 'p1')).not.toThrow();
    store.optOuts.add('s2', 'p1');
    store.optOuts.add('s1', 'p2');
    expect(store.optOuts.has('s1', 'p1')).toBe(true);
    expect(store.optOuts.has('s2', 'p2')).toBe(false);
    expect(store.optOuts.listByPerson('p1')).toEqual(['s1', 's2']);
    expect(store.optOuts.listByPerson('p2')).toEqual(['s1']);

    store.optOuts.deleteByPerson('p1');
    expect(store.optOuts.has('s1', 'p1')).toBe(false);
    expect(store.optOuts.has('s2', 'p1')).toBe(false);
    expect(store.optOuts.has('s1', 'p2')).toBe(true);
    expect(store.optOuts.listByPerson('p1')).toEqual([]);
  });
});

describeStore('OccurrenceRepository', () => {
  it('records an occurrence once', () => {
    const { store } = freshStore();
    expect(store.occurrences.has('reminder:g1:s1:7d')).toBe(false);
    expect(store.occurrences.tryRecord('reminder:g1:s1:7d', at('2026-03-03T08:00:00Z'), 'done')).toBe(true);
    expect(store.occurrences.tryRecord('reminder:g1:s1:7d', at('2026-03-03T08:01:00Z'), 'skipped')).toBe(
      false,
    );
    expect(store.occurrences.has('reminder:g1:s1:7d')).toBe(true);
  });

  it('records once across two connections (a second instance)', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    const now = at('2026-03-03T08:00:00Z');
    expect([
      store.occurrences.tryRecord('k', now, 'done'),
      other.occurrences.tryRecord('k', now, 'done'),
    ]).toEqual([true, false]);
  });

  it('deletes by literal, case-sensitive prefix', () => {
    const { store } = freshStore();
    const now = at('2026-03-03T08:00:00Z');
    for (const key of ['g1:a', 'g1:b', 'g10:a', 'G1:a', 'g1%x', 'g_:a', 'other']) {
      store.occurrences.tryRecord(key, now, 'done');
    }
    store.occurrences.deleteByPrefix('g1:');
    expect(store.occurrences.has('g1:a')).toBe(false);
    expect(store.occurrences.has('g1:b')).toBe(false);
    for (const kept of ['g10:a', 'G1:a', 'g1%x', 'g_:a', 'other'])
      expect(store.occurrences.has(kept)).toBe(true);

    store.occurrences.deleteByPrefix('g_');
    expect(store.occurrences.has('g10:a')).toBe(true);
    expect(store.occurrences.has('g_:a')).toBe(false);
  });

  it('counts a prefix since an instant, and forgets what is older, by literal prefix', () => {
    const { store } = freshStore();
    const t = (minutes: number) => new Date(at('2026-03-03T08:00:00Z').getTime() + minutes * 60_000);
    for (const [key, minutes] of [
      ['round-op:g1:a', 0],
      ['round-op:g1:b', 30],
      ['round-op:g1:c', 60],
      ['round-op:g10:a', 60],
      ['round-op:g_:a', 60],
      ['ROUND-OP:g1:a', 60],
    ] as const)
      store.occurrences.tryRecord(key, t(minutes), 'done');
    expect(store.occurrences.countSince('round-op:g1:', t(0))).toBe(3);
    expect(store.occurrences.countSince('round-op:g1:', t(30))).toBe(2);
    expect(store.occurrences.countSince('round-op:g1:', t(61))).toBe(0);
    expect(store.occurrences.countSince('round-op:g_:', t(0))).toBe(1);

    store.occurrences.deleteBefore('round-op:g1:', t(30));
    expect(store.occurrences.has('round-op:g1:a')).toBe(false);
    expect(store.occurrences.has('round-op:g1:b')).toBe(true);
    for (const kept of ['round-op:g1:c', 'round-op:g10:a', 'round-op:g_:a', 'ROUND-OP:g1:a'])
      expect(store.occurrences.has(kept)).toBe(true);
    store.occurrences.deleteBefore('round-op:g_:', t(120));
    expect(store.occurrences.has('round-op:g10:a')).toBe(true);
    expect(store.occurrences.has('round-op:g_:a')).toBe(false);
  });

  it('counts inside a transaction, and a count then record holds across instances', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    const now = at('2026-03-03T08:00:00Z');
    // What a rate limit does: count, then record, in one transaction.
    const spend = (s: typeof store, id: string) =>
      s.transaction(() => {
        if (s.occurrences.countSince('op:', now) >= 2) return false;
        return s.occurrences.tryRecord(`op:${id}`, now, 'done');
      });
    expect([spend(store, 'a'), spend(other, 'b'), spend(store, 'c'), spend(other, 'd')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(other.occurrences.countSince('op:', now)).toBe(2);
  });
});

describeStore('InboundEventRepository', () => {
  it('is true only the first time an event id is seen, and forgets old ids', () => {
    const { store } = freshStore();
    expect(store.inbound.firstSeen('Ev1', at('2026-03-01T00:00:00Z'))).toBe(true);
    expect(store.inbound.firstSeen('Ev1', at('2026-03-01T00:00:05Z'))).toBe(false);
    expect(store.inbound.firstSeen('Ev2', at('2026-03-02T00:00:00Z'))).toBe(true);

    store.inbound.deleteOlderThan(at('2026-03-02T00:00:00Z'));
    expect(store.inbound.firstSeen('Ev1', at('2026-03-03T00:00:00Z'))).toBe(true);
    expect(store.inbound.firstSeen('Ev2', at('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('seen tells whether an event id was recorded, without recording it', () => {
    const { store, file } = freshStore();
    expect(store.inbound.seen('Ev1')).toBe(false);
    expect(store.inbound.seen('Ev1')).toBe(false);
    store.inbound.firstSeen('Ev1', at('2026-03-01T00:00:00Z'));
    expect(store.inbound.seen('Ev1')).toBe(true);
    expect(secondStore(file).inbound.seen('Ev1')).toBe(true);
    expect(store.inbound.seen('ev1')).toBe(false);
    store.inbound.deleteOlderThan(at('2026-03-02T00:00:00Z'));
    expect(store.inbound.seen('Ev1')).toBe(false);
  });
});

describeStore('LeaseRepository', () => {
  const t0 = at('2026-03-01T00:00:00Z');
  const plus = (ms: number) => new Date(t0.getTime() + ms);

  it('gives the lease to one holder of two until it expires', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);

    expect(store.leases.acquire('scheduler', 'A', t0, 60_000)).toBe(true);
    expect(other.leases.acquire('scheduler', 'B', plus(1), 60_000)).toBe(false);
    // A renews, which pushes the expiry.
    expect(store.leases.acquire('scheduler', 'A', plus(30_000), 60_000)).toBe(true);
    expect(other.leases.acquire('scheduler', 'B', plus(60_001), 60_000)).toBe(false);
    expect(other.leases.acquire('scheduler', 'B', plus(90_000), 60_000)).toBe(false); // until == now: not yet
    expect(other.leases.acquire('scheduler', 'B', plus(90_001), 60_000)).toBe(true);
    expect(store.leases.acquire('scheduler', 'A', plus(90_002), 60_000)).toBe(false);
  });

  it('keeps names independent', () => {
    const { store } = freshStore();
    expect(store.leases.acquire('scheduler', 'A', t0, 1000)).toBe(true);
    expect(store.leases.acquire('outbox', 'B', t0, 1000)).toBe(true);
  });

  it('releases only for its holder', () => {
    const { store } = freshStore();
    store.leases.acquire('scheduler', 'A', t0, 60_000);
    store.leases.release('scheduler', 'B');
    expect(store.leases.acquire('scheduler', 'B', plus(1), 60_000)).toBe(false);
    store.leases.release('scheduler', 'A');
    expect(store.leases.acquire('scheduler', 'B', plus(2), 60_000)).toBe(true);
  });
});
