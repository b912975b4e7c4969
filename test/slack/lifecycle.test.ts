import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { lastDm, populate, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn, tableCounts } from './support/slack-cairn.js';
import { eventually, textOf } from './support/slack-client.js';

const ref = (user: string) => `slack:${TEAM}:${user}`;

describe('Slack: membership events, my data, forget me, uninstall', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    fake.addUser('UFRED', 'Fred Roux');
    fake.addUser('UGINA', 'Gina Blanc');
    cairn = await startSlackCairn(fake);
    await setUpGroup(cairn, fake);
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  const memberRefs = () => {
    const group = cairn.store.groups.findBySpace(ref('GLYON'))!;
    return cairn.store.memberships.listByGroup(group.id).map((m) => m.person.userRef);
  };

  it('follows joins and leaves; a retried event (same event_id) has no second effect', async () => {
    const joined = {
      type: 'member_joined_channel',
      user: 'UFRED',
      channel: 'GLYON',
      channel_type: 'G',
      team: TEAM,
      event_ts: '1',
    };
    expect((await cairn.driver.sendEvent(joined, { eventId: 'EvJOIN' })).status).toBe(200);
    await eventually(() => memberRefs().includes(ref('UFRED')));

    const left = {
      type: 'member_left_channel',
      user: 'UFRED',
      channel: 'GLYON',
      channel_type: 'G',
      team: TEAM,
      event_ts: '2',
    };
    await cairn.driver.sendEvent(left, { eventId: 'EvLEAVE' });
    await eventually(() => !memberRefs().includes(ref('UFRED')));

    // Slack retries the join (x-slack-retry-num: 1): already handled, so Fred stays out.
    expect((await cairn.driver.sendEvent(joined, { eventId: 'EvJOIN', retryNum: 1 })).status).toBe(200);
    const bot = { ...joined, user: 'UPOLLBOT', event_ts: '3' };
    await cairn.driver.sendEvent(bot, { eventId: 'EvBOT' });
    // Gina joining afterwards marks the point where the events above have been handled.
    await cairn.driver.sendEvent({ ...joined, user: 'UGINA', event_ts: '4' }, { eventId: 'EvGINA' });
    await eventually(() => memberRefs().includes(ref('UGINA')));
    expect(memberRefs()).not.toContain(ref('UFRED'));
    expect(memberRefs()).not.toContain(ref('UPOLLBOT'));
  });

  it('suspends the group when Cairn is removed from its channel, resumes it when Cairn is invited back', async () => {
    const group = () => cairn.store.groups.findBySpace(ref('GLYON'))!;
    await cairn.driver.sendEvent({ type: 'group_left', channel: 'GLYON', actor_id: 'UFAC', event_ts: '1' });
    await eventually(() => cairn.store.groups.suspensionOf(group().id));
    await cairn.run();
    // The facilitator is told in a DM (Cairn can still write to them); the group and its members stay.
    expect(lastDm(fake, 'UFAC')?.text).toBe('Cairn a été retiré de l’espace du groupe « Groupe Lyon »');
    expect(memberRefs()).toHaveLength(6);

    await cairn.driver.sendEvent({
      type: 'member_joined_channel',
      user: fake.botUserId,
      channel: 'GLYON',
      channel_type: 'G',
      team: TEAM,
      event_ts: '2',
    });
    await eventually(() => !cairn.store.groups.suspensionOf(group().id));
    await cairn.run();
    expect(lastDm(fake, 'UFAC')?.text).toBe('Cairn est de retour dans le groupe « Groupe Lyon »');
  });

  it('a group whose channel Cairn left is purged after the grace period', async () => {
    await cairn.driver.sendEvent({ type: 'group_left', channel: 'GLYON', actor_id: 'UFAC', event_ts: '1' });
    await eventually(() => cairn.store.groups.listSuspensions().length === 1);
    cairn.clock.set(new Date(cairn.clock.now().getTime() + 7 * 86_400_000 - 60_000));
    await cairn.run();
    expect(cairn.store.groups.findBySpace(ref('GLYON'))).toBeDefined();
    cairn.clock.set(new Date(cairn.clock.now().getTime() + 60_000));
    await cairn.run();
    expect(cairn.store.groups.findBySpace(ref('GLYON'))).toBeUndefined();
  });

  it('sends my data in a DM, and forgets me after a confirmation in the modal', async () => {
    const alice = cairn.driver.as('UALICE');
    const sent = await alice.command('my-data');
    expect(sent.reply?.response_type).toBe('ephemeral');
    await cairn.run();
    const data = lastDm(fake, 'UALICE')!;
    // No files:write scope: the JSON export comes as text in the DM.
    expect(textOf(data.blocks)).toContain('cairn-my-data.json');
    expect(textOf(data.blocks)).toContain(ref('UALICE'));

    const form = await alice.command('forget-me');
    expect(form.view?.callback_id).toBe('forget-me');
    const refused = await alice.submit(form.view!, { confirm: false });
    expect(refused).toMatchObject({ response_action: 'errors', errors: { confirm: expect.any(String) } });
    expect(cairn.store.people.findByUserRef('slack', ref('UALICE'))).toBeDefined();

    const done = await alice.submit(form.view!, { confirm: true });
    expect(done.response_action).toBe('update');
    expect(cairn.store.people.findByUserRef('slack', ref('UALICE'))).toBeUndefined();
    expect(memberRefs()).not.toContain(ref('UALICE'));
  });

  it('purges the workspace when the app is uninstalled', async () => {
    expect(cairn.store.people.listByWorkspace('slack', TEAM).length).toBeGreaterThan(0);
    await cairn.driver.sendEvent({ type: 'app_uninstalled' });
    await eventually(() => cairn.store.people.listByWorkspace('slack', TEAM).length === 0);
    const counts = tableCounts(cairn.db);
    expect(counts.groups).toBe(0);
    expect(counts.memberships).toBe(0);
  });

  it('suspends the workspace’s groups when the bot token is revoked (not user tokens), purges them after the grace period', async () => {
    await cairn.driver.sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['UX'] } });
    const joined = {
      type: 'member_joined_channel',
      user: 'UGINA',
      channel: 'GLYON',
      channel_type: 'G',
      team: TEAM,
      event_ts: '4',
    };
    await cairn.driver.sendEvent(joined);
    await eventually(() => memberRefs().includes(ref('UGINA')));
    expect(cairn.store.groups.listSuspensions()).toEqual([]);

    await cairn.driver.sendEvent({ type: 'tokens_revoked', tokens: { bot: [fake.botUserId] } });
    await eventually(() => cairn.store.groups.listSuspensions().length === 1);
    expect(cairn.store.groups.listSuspensions()[0]).toMatchObject({ reason: 'workspace' });
    expect(cairn.store.people.listByWorkspace('slack', TEAM).length).toBeGreaterThan(0);
    cairn.clock.set(new Date(cairn.clock.now().getTime() + 7 * 86_400_000));
    await cairn.run();
    expect(cairn.store.groups.listByWorkspace('slack', TEAM)).toHaveLength(0);
    expect(cairn.store.people.listByWorkspace('slack', TEAM)).toHaveLength(0);
  });
});
