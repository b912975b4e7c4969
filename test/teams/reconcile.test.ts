import { afterEach, describe, expect, it } from 'vitest';
import { spaceAddressOf } from '../../adapters/teams/addresses.js';
import { setUpGroupChat } from './support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from './support/harness.js';

let h: TeamsHarness;
afterEach(() => h?.close());

const names = (groupId: string) =>
  h.store.memberships
    .listByGroup(groupId)
    .map((m) => m.person.displayName)
    .sort();
const reconcile = (startup = false) => h.core.reconcile({ startup, paceMs: 0 });

/**
 * Issue 16 §3 on Teams, which never retries an activity: what Cairn missed while down is found by asking
 * the Bot Connector (the group chat's members, every conversation reference).
 */
describe('Teams: reconciling with the Bot Connector', () => {
  it('a person who left the group chat while Cairn was down leaves the group', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    expect(names(g.groupId)).toContain('David Moreau');
    h.fake.setMembers(g.chatId, [g.facilitator, ...g.members.slice(0, 3)]);
    expect(await reconcile(true)).toMatchObject({ groups: 1, left: 1 });
    expect(names(g.groupId)).not.toContain('David Moreau');
  });

  it('Cairn removed from the group chat unheard: its reference goes, the group is suspended', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    h.fake.withoutCairn.add(g.chatId);
    expect(await reconcile()).toMatchObject({ suspended: 1 });
    expect(h.store.groups.suspensionOf(g.groupId)).toMatchObject({ reason: 'space' });
    const keys = h.db.sqlite.prepare('SELECT key FROM teams_conversations').pluck().all();
    expect(keys).not.toContain(spaceAddressOf(TENANT, g.chatId));
  });

  it('a tenant Cairn is in no conversation of any more (the app removed, unheard) is purged', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    // Every conversation of the tenant (the group chat, the 1:1 chats) lost Cairn while it was down.
    for (const id of [g.chatId, ...[g.facilitator, ...g.members].map((u) => h.fake.personalChatOf(u))])
      h.fake.withoutCairn.add(id);
    expect(await reconcile(true)).toMatchObject({ purgedWorkspaces: 1 });
    expect(h.store.groups.listAll()).toHaveLength(0);
    expect(h.store.people.listByWorkspace('teams', TENANT)).toHaveLength(0);
    expect(h.db.sqlite.prepare('SELECT count(*) FROM teams_conversations').pluck().get()).toBe(0);
  });
});
