import { expect, it } from 'vitest';
import { at, describeStore, freshStore, makeGroup, makePerson } from './fixtures.js';

describeStore('GroupRepository', () => {
  it('round-trips every field, including the JSON offsets and millisecond dates', () => {
    const { store } = freshStore();
    const group = makeGroup({ supportContacts: 'HR: 01 23 45 67 89', language: 'en', checkinK: 5 });
    store.groups.insert(group);
    expect(store.groups.get('g1')).toEqual(group);
    expect(store.groups.get('g1')?.createdAt.getTime()).toBe(group.createdAt.getTime());
    expect(store.groups.get('nope')).toBeUndefined();
  });

  it('finds a group by its space address', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    expect(store.groups.findBySpace('slack:T1:C1')?.id).toBe('g1');
    expect(store.groups.findBySpace('slack:T1:C9')).toBeUndefined();
  });

  it('refuses two groups on the same space', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    expect(() => store.groups.insert(makeGroup({ id: 'g2' }))).toThrow(/UNIQUE/);
  });

  it('updates every mutable field', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    const changed = makeGroup({
      name: 'Renamed',
      language: 'en',
      timeZone: 'America/Montreal',
      reminderOffsets: [{ daysBefore: 3, time: '08:15' }],
      checkinK: 6,
      supportContacts: 'someone',
      retentionMonths: 6,
      guideMinutes: [4, 9, 14, 21, 16, 11],
    });
    store.groups.update(changed);
    expect(store.groups.get('g1')).toEqual(changed);
  });

  it('validates reminder offsets on write and on read', () => {
    const { store, exec } = freshStore();
    expect(() =>
      store.groups.insert(makeGroup({ reminderOffsets: [{ daysBefore: 0, time: '09:00' }] })),
    ).toThrow();
    expect(store.groups.get('g1')).toBeUndefined();

    store.groups.insert(makeGroup());
    exec(`UPDATE groups SET reminder_offsets = '[{"daysBefore":7}]'`);
    expect(() => store.groups.get('g1')).toThrow(/reminder_offsets/);
    exec(`UPDATE groups SET reminder_offsets = 'not json'`);
    expect(() => store.groups.get('g1')).toThrow(/not valid JSON/);
  });

  it('lists all groups and a workspace’s groups, oldest first', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup({ id: 'b', spaceAddress: 's:b', createdAt: at('2026-01-03T00:00:00Z') }));
    store.groups.insert(makeGroup({ id: 'a', spaceAddress: 's:a', createdAt: at('2026-01-02T00:00:00Z') }));
    store.groups.insert(
      makeGroup({ id: 'c', spaceAddress: 's:c', workspace: 'T2', createdAt: at('2026-01-01T00:00:00Z') }),
    );
    store.groups.insert(makeGroup({ id: 'd', spaceAddress: 's:d', platform: 'teams' }));

    expect(store.groups.listAll().map((g) => g.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(store.groups.listByWorkspace('slack', 'T1').map((g) => g.id)).toEqual(['a', 'b']);
    expect(store.groups.listByWorkspace('teams', 'T1').map((g) => g.id)).toEqual(['d']);
  });

  it('deletes a group', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.groups.delete('g1');
    expect(store.groups.get('g1')).toBeUndefined();
  });

  it('validates the guide minutes on write and on read', () => {
    const { store, exec } = freshStore();
    expect(() => store.groups.insert(makeGroup({ guideMinutes: [5, 5] }))).toThrow();
    expect(store.groups.get('g1')).toBeUndefined();
    store.groups.insert(makeGroup());
    exec(`UPDATE groups SET guide_minutes = '[1,2]' WHERE id = 'g1'`);
    expect(() => store.groups.get('g1')).toThrow(/g1: guide_minutes does not match its schema/);
    exec(`UPDATE groups SET guide_minutes = 'nope' WHERE id = 'g1'`);
    expect(() => store.groups.get('g1')).toThrow(/g1: guide_minutes is not valid JSON/);
  });

  it('suspends a group once, reads and lists suspensions (oldest first), resumes once', () => {
    const { store } = freshStore();
    for (const id of ['g1', 'g2', 'g3']) store.groups.insert(makeGroup({ id, spaceAddress: `s:${id}` }));
    const later = { groupId: 'g1', reason: 'space' as const, since: at('2026-03-02T10:00:00.001Z') };
    const earlier = { groupId: 'g3', reason: 'workspace' as const, since: at('2026-03-01T10:00:00Z') };
    expect(store.groups.suspensionOf('g1')).toBeUndefined();
    expect(store.groups.listSuspensions()).toEqual([]);
    expect(store.groups.suspend(later)).toBe(true);
    expect(store.groups.suspend({ ...later, reason: 'workspace', since: at('2026-03-05T00:00:00Z') })).toBe(
      false,
    );
    expect(store.groups.suspend(earlier)).toBe(true);

    expect(store.groups.suspensionOf('g1')).toEqual(later);
    expect(store.groups.suspensionOf('g2')).toBeUndefined();
    expect(store.groups.listSuspensions()).toEqual([earlier, later]);

    expect(store.groups.resume('g1')).toBe(true);
    expect(store.groups.resume('g1')).toBe(false);
    expect(store.groups.resume('g2')).toBe(false);
    expect(store.groups.listSuspensions()).toEqual([earlier]);
    // A suspension goes with its group.
    store.groups.delete('g3');
    expect(store.groups.listSuspensions()).toEqual([]);
    expect(() => store.groups.suspend({ ...earlier, groupId: 'missing' })).toThrow(/FOREIGN KEY/);
  });
});

describeStore('MembershipRepository', () => {
  function seed() {
    const db = freshStore();
    const { store } = db;
    store.groups.insert(makeGroup({ name: 'Zeta' }));
    store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2', name: 'Alpha' }));
    store.people.insert(makePerson({ displayName: 'Bob' }));
    store.people.insert(makePerson({ id: 'p2', userRef: 'U2', displayName: 'Alice' }));
    return db;
  }

  it('sets, reads, changes the role and removes', () => {
    const { store } = seed();
    store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'member' });
    expect(store.memberships.get('g1', 'p1')).toEqual({ groupId: 'g1', personId: 'p1', role: 'member' });

    store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'facilitator' });
    expect(store.memberships.get('g1', 'p1')?.role).toBe('facilitator');
    expect(store.memberships.listByGroup('g1')).toHaveLength(1);

    store.memberships.remove('g1', 'p1');
    expect(store.memberships.get('g1', 'p1')).toBeUndefined();
    expect(store.people.get('p1')).toBeDefined();
  });

  it('lists a group’s members with their person, by name', () => {
    const { store } = seed();
    store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'facilitator' });
    store.memberships.set({ groupId: 'g1', personId: 'p2', role: 'member' });
    store.memberships.set({ groupId: 'g2', personId: 'p1', role: 'member' });

    const members = store.memberships.listByGroup('g1');
    expect(members).toEqual([
      { person: store.people.get('p2'), role: 'member' },
      { person: store.people.get('p1'), role: 'facilitator' },
    ]);
    expect(members[0]?.person.createdAt).toBeInstanceOf(Date);
  });

  it('lists a person’s groups with the group parsed, by name', () => {
    const { store } = seed();
    store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'facilitator' });
    store.memberships.set({ groupId: 'g2', personId: 'p1', role: 'member' });
    store.memberships.set({ groupId: 'g2', personId: 'p2', role: 'member' });

    expect(store.memberships.listByPerson('p1')).toEqual([
      { group: store.groups.get('g2'), role: 'member' },
      { group: store.groups.get('g1'), role: 'facilitator' },
    ]);
    expect(store.memberships.listByPerson('p1')[0]?.group.reminderOffsets).toEqual(
      makeGroup().reminderOffsets,
    );
    expect(store.memberships.listByPerson('nobody')).toEqual([]);
  });
});
