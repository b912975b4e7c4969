import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  at,
  describeStore,
  freshStore,
  makeCase,
  makeGroup,
  makePerson,
  makeSession,
  secondStore,
} from './fixtures.js';

describeStore('Store.transaction', () => {
  it('commits what the function wrote and returns its value', () => {
    const { store } = freshStore();
    const result = store.transaction(() => {
      store.groups.insert(makeGroup());
      store.people.insert(makePerson());
      return 42;
    });
    expect(result).toBe(42);
    expect(store.groups.get('g1')).toBeDefined();
    expect(store.people.get('p1')).toBeDefined();
  });

  it('rolls everything back when the function throws', () => {
    const { store } = freshStore();
    expect(() =>
      store.transaction(() => {
        store.groups.insert(makeGroup());
        store.outbox.enqueue(
          { id: 'o1', platform: 'slack', kind: 'space', address: 'C1', personId: null, message: msg },
          at('2026-01-01T00:00:00Z'),
        );
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.groups.get('g1')).toBeUndefined();
    expect(store.outbox.get('o1')).toBeUndefined();
  });

  it('nests: an inner failure caught by the outer function undoes only the inner part', () => {
    const { store } = freshStore();
    store.transaction(() => {
      store.groups.insert(makeGroup());
      try {
        store.transaction(() => {
          store.people.insert(makePerson());
          throw new Error('inner');
        });
      } catch {
        // the outer transaction carries on
      }
      store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
    });
    expect(store.groups.get('g1')).toBeDefined();
    expect(store.people.get('p1')).toBeUndefined();
    expect(store.people.get('p2')).toBeDefined();
  });

  it('an outer failure undoes a committed inner transaction too', () => {
    const { store } = freshStore();
    expect(() =>
      store.transaction(() => {
        store.transaction(() => store.groups.insert(makeGroup()));
        throw new Error('outer');
      }),
    ).toThrow('outer');
    expect(store.groups.get('g1')).toBeUndefined();
  });

  it('refuses an async function rather than running its writes outside the transaction', () => {
    const { store } = freshStore();
    expect(() => store.transaction(async () => store.groups.insert(makeGroup()))).toThrow(/promise/);
    expect(store.groups.get('g1')).toBeUndefined();
  });

  it('is isolated from another connection until it commits', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.transaction(() => {
      store.groups.insert(makeGroup());
      expect(other.groups.get('g1')).toBeUndefined();
    });
    expect(other.groups.get('g1')).toBeDefined();
  });
});

describeStore('foreign keys', () => {
  function seed() {
    const db = freshStore();
    const { store } = db;
    store.groups.insert(makeGroup());
    store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
    store.people.insert(makePerson());
    store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'member' });
    store.memberships.set({ groupId: 'g2', personId: 'p1', role: 'member' });
    store.sessions.insert(makeSession());
    store.sessions.insert(makeSession({ id: 's2', groupId: 'g2' }));
    store.cases.insert(makeCase({ sessionId: 's1' }));
    store.cases.insert(makeCase({ id: 'c2', groupId: 'g2', sessionId: 's2' }));
    store.optOuts.add('s1', 'p1');
    store.optOuts.add('s2', 'p1');
    return db;
  }

  it('deleting a group cascades to its memberships, sessions, cases and opt-outs only', () => {
    const { store } = seed();
    store.groups.delete('g1');

    expect(store.memberships.get('g1', 'p1')).toBeUndefined();
    expect(store.sessions.get('s1')).toBeUndefined();
    expect(store.cases.get('c1')).toBeUndefined();
    expect(store.optOuts.has('s1', 'p1')).toBe(false);
    // The other group and the person are untouched.
    expect(store.people.get('p1')).toBeDefined();
    expect(store.memberships.get('g2', 'p1')).toBeDefined();
    expect(store.sessions.get('s2')).toBeDefined();
    expect(store.cases.get('c2')).toBeDefined();
    expect(store.optOuts.has('s2', 'p1')).toBe(true);
  });

  it('deleting a person cascades to their memberships, cases and opt-outs', () => {
    const { store } = seed();
    store.people.delete('p1');

    expect(store.memberships.listByGroup('g1')).toEqual([]);
    expect(store.cases.listByAuthor('p1')).toEqual([]);
    expect(store.cases.get('c2')).toBeUndefined();
    expect(store.optOuts.has('s2', 'p1')).toBe(false);
    expect(store.groups.get('g1')).toBeDefined();
  });

  it('deleting a session leaves its cases unscheduled', () => {
    const { store, exec } = seed();
    exec("DELETE FROM sessions WHERE id = 's1'");
    expect(store.cases.get('c1')?.sessionId).toBeNull();
    expect(store.cases.listUnscheduled('g1').map((c) => c.id)).toEqual(['c1']);
  });

  it('rejects rows that point at nothing', () => {
    const { store } = freshStore();
    expect(() => store.sessions.insert(makeSession({ groupId: 'missing' }))).toThrow(/FOREIGN KEY/);
    expect(() => store.memberships.set({ groupId: 'missing', personId: 'p1', role: 'member' })).toThrow(
      /FOREIGN KEY/,
    );
  });
});

describe('checkpoint and vacuum', () => {
  it('checkpoint truncates the WAL file', () => {
    const { store, file } = freshStore();
    store.groups.insert(makeGroup());
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    store.checkpoint();
    expect(statSync(`${file}-wal`).size).toBe(0);
  });

  it('the rewrite asked for shrinks the file after a large deletion, at the tick, and leaves the WAL empty', () => {
    const { store, file } = freshStore();
    store.groups.insert(makeGroup());
    store.people.insert(makePerson());
    const long = 'x'.repeat(3000);
    store.transaction(() => {
      for (let i = 0; i < 300; i++) store.cases.insert(makeCase({ id: `c${i}`, situation: long }));
    });
    store.checkpoint();
    const before = statSync(file).size;

    expect(store.cases.deleteByAuthor('p1')).toBe(300);
    store.checkpoint();
    store.requestWipe(at('2026-01-01T00:00:00Z'));
    expect(statSync(file).size).toBe(before);
    expect(store.wipeIfDue(at('2026-01-01T00:01:00Z'))).toBe(true);

    expect(statSync(file).size).toBeLessThan(before / 4);
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(store.groups.get('g1')).toBeDefined();
  });
});

const msg = { fallbackText: 'hello', blocks: [{ type: 'text' as const, text: 'hello' }] };
