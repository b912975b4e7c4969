import { expect, it } from 'vitest';
import { at, describeStore, freshStore, makePerson } from './fixtures.js';

describeStore('PersonRepository', () => {
  it('round-trips every field', () => {
    const { store } = freshStore();
    const person = makePerson({ language: 'en', pausedUntil: at('2026-06-01T00:00:00.500Z') });
    store.people.insert(person);
    expect(store.people.get('p1')).toEqual(person);
    expect(store.people.get('p2')).toBeUndefined();
  });

  it('finds a person by platform and user ref, and keeps that pair unique', () => {
    const { store } = freshStore();
    store.people.insert(makePerson());
    store.people.insert(makePerson({ id: 'p2', platform: 'teams' }));

    expect(store.people.findByUserRef('slack', 'U1')?.id).toBe('p1');
    expect(store.people.findByUserRef('teams', 'U1')?.id).toBe('p2');
    expect(store.people.findByUserRef('slack', 'U2')).toBeUndefined();
    expect(() => store.people.insert(makePerson({ id: 'p3' }))).toThrow(/UNIQUE/);
  });

  it('updates and clears the optional fields', () => {
    const { store } = freshStore();
    store.people.insert(makePerson());
    const paused = makePerson({
      displayName: 'Alice M.',
      language: 'fr',
      pausedUntil: at('2026-05-01T00:00:00Z'),
    });
    store.people.update(paused);
    expect(store.people.get('p1')).toEqual(paused);

    store.people.update(makePerson({ displayName: 'Alice M.' }));
    expect(store.people.get('p1')?.pausedUntil).toBeNull();
    expect(store.people.get('p1')?.language).toBeNull();
  });

  it('deletes a person', () => {
    const { store } = freshStore();
    store.people.insert(makePerson());
    store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
    store.people.delete('p1');
    expect(store.people.get('p1')).toBeUndefined();
    expect(store.people.get('p2')).toBeDefined();
  });

  it('lists a workspace’s people, oldest first', () => {
    const { store } = freshStore();
    store.people.insert(makePerson({ id: 'b', userRef: 'Ub', createdAt: at('2026-01-03T00:00:00Z') }));
    store.people.insert(makePerson({ id: 'a', userRef: 'Ua', createdAt: at('2026-01-02T00:00:00Z') }));
    store.people.insert(makePerson({ id: 'c', userRef: 'Uc', workspace: 'T2' }));
    store.people.insert(makePerson({ id: 'd', userRef: 'Ud', platform: 'teams' }));

    expect(store.people.listByWorkspace('slack', 'T1').map((p) => p.id)).toEqual(['a', 'b']);
    expect(store.people.listByWorkspace('slack', 'T2').map((p) => p.id)).toEqual(['c']);
  });

  it('lists the workspaces a platform has people in, each once', () => {
    const { store } = freshStore();
    expect(store.people.listWorkspaces('slack')).toEqual([]);
    store.people.insert(makePerson({ id: 'a', userRef: 'Ua', workspace: 'T2' }));
    store.people.insert(makePerson({ id: 'b', userRef: 'Ub', workspace: 'T1' }));
    store.people.insert(makePerson({ id: 'c', userRef: 'Uc', workspace: 'T2' }));
    store.people.insert(makePerson({ id: 'd', userRef: 'Ud', platform: 'teams', workspace: 'tenant-1' }));
    expect([...store.people.listWorkspaces('slack')].sort()).toEqual(['T1', 'T2']);
    expect(store.people.listWorkspaces('teams')).toEqual(['tenant-1']);
  });
});
