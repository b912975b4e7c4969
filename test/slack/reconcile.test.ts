import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { install } from './support/install.js';
import { lastDm, populate, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';

let fake: FakeSlack;
let cairn: SlackCairn;
afterEach(async () => {
  await cairn?.close();
  await fake?.close();
});

const ref = (id: string) => `slack:${TEAM}:${id}`;
const memberRefs = () => {
  const group = cairn.store.groups.findBySpace(ref('GLYON'))!;
  return cairn.store.memberships.listByGroup(group.id).map((m) => m.person.userRef);
};
const reconcile = (startup = false) => cairn.core.reconcile({ startup, paceMs: 0 });

/**
 * Issue 16 §3 on Slack, which stops retrying an event after a few minutes: what Cairn missed while down is
 * found by asking Slack (conversations.members for every group's channel, auth.test for every installation).
 */
describe('Slack: reconciling with the Web API', () => {
  it('a member_left_channel and a member_joined_channel lost while Cairn was down are caught up', async () => {
    fake = await FakeSlack.start();
    populate(fake);
    fake.addUser('UFRED', 'Fred Roux');
    cairn = await startSlackCairn(fake);
    await setUpGroup(cairn, fake);
    fake.channels.get('GLYON')!.delete('UEMMA');
    fake.channels.get('GLYON')!.add('UFRED');
    expect(await reconcile(true)).toMatchObject({ groups: 1, left: 1, joined: 1, suspended: 0 });
    expect(memberRefs()).not.toContain(ref('UEMMA'));
    expect(memberRefs()).toContain(ref('UFRED'));
  });

  it('Cairn removed from the channel while down: the group is suspended and its facilitator told', async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake);
    await setUpGroup(cairn, fake);
    fake.channels.get('GLYON')!.delete(fake.botUserId);
    expect(await reconcile()).toMatchObject({ suspended: 1 });
    await cairn.run();
    expect(lastDm(fake, 'UFAC')?.text).toBe('Cairn a été retiré de l’espace du groupe « Groupe Lyon »');
    expect(memberRefs()).toHaveLength(6);
    // Invited back while down too: the next run resumes it.
    fake.channels.get('GLYON')!.add(fake.botUserId);
    expect(await reconcile()).toMatchObject({ resumed: 1 });
    expect(cairn.store.groups.listSuspensions()).toEqual([]);
  });

  it('OAuth: a revoked token suspends the workspace; a workspace with data and no installation is purged', async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { oauth: true });
    expect((await install(cairn, fake)).status).toBe(200);
    await setUpGroup(cairn, fake);
    // Another workspace's people, whose uninstall event was lost (its installation is gone).
    const now = cairn.clock.now();
    cairn.store.people.insert({
      id: 'p-other',
      platform: 'slack',
      workspace: 'T0OTHER',
      userRef: 'slack:T0OTHER:UOTHER',
      displayName: 'Autre Espace',
      language: null,
      pausedUntil: null,
      createdAt: now,
    });
    expect(await reconcile(true)).toMatchObject({ purgedWorkspaces: 1, suspended: 0 });
    expect(cairn.store.people.listByWorkspace('slack', 'T0OTHER')).toEqual([]);
    expect(cairn.store.people.listByWorkspace('slack', TEAM).length).toBeGreaterThan(0);

    // The workspace's token is revoked while Cairn is down (tokens_revoked lost): auth.test says so.
    for (const [token, installation] of fake.tokens)
      if (installation.team === TEAM) fake.tokens.delete(token);
    await reconcile();
    expect(cairn.store.groups.listSuspensions()).toEqual([expect.objectContaining({ reason: 'workspace' })]);
    // Installed again: the group resumes.
    expect((await install(cairn, fake)).status).toBe(200);
    await cairn.core.idle();
    expect(cairn.store.groups.listSuspensions()).toEqual([]);
  });
});
