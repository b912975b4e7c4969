import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type Json } from '../support/fake-slack.js';
import { FACILITATOR, MEMBERS, populate, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn, tableCounts } from './support/slack-cairn.js';
import { eventually } from './support/slack-client.js';

/**
 * A group is for people of one organisation. Cairn sets no group up in a channel shared with another
 * organisation (Slack Connect) or in a channel it was not invited to; people of another organisation
 * (another team_id) never become members, nor do guests of a channel shared beyond its workspace.
 */
describe('Slack: set-up only where Cairn is, for one organisation', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    fake.addUser('UEXTERNAL', 'Xavier Dehors', { teamId: 'T0OTHERORG' });
    fake.addUser('UGUEST', 'Gaston Invité', { guest: 'multi' });
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  const replyText = (out: { reply?: Json }) => JSON.stringify(out.reply ?? {});

  it('refuses set-up in a private channel Cairn was not invited to: no group squats it', async () => {
    fake.addChannel('GSQUAT', [FACILITATOR, ...MEMBERS]);
    await cairn.run();
    const before = tableCounts(cairn.db);
    const out = await cairn.driver.as(FACILITATOR).command('setup', 'GSQUAT');
    expect(out.view).toBeUndefined();
    expect(replyText(out)).toContain('Cairn n’est pas encore dans cet espace');
    await cairn.run();
    expect(cairn.store.groups.findBySpace(`slack:${TEAM}:GSQUAT`)).toBeUndefined();
    expect(tableCounts(cairn.db)).toEqual(before);
  });

  it('refuses set-up in a channel shared with another organisation, and says why', async () => {
    fake.addChannel('GSHARED', [FACILITATOR, ...MEMBERS, 'UEXTERNAL', fake.botUserId], { external: true });
    const out = await cairn.driver.as(FACILITATOR).command('setup', 'GSHARED');
    expect(out.view).toBeUndefined();
    expect(replyText(out)).toContain('partagé avec une autre organisation (Slack Connect)');
    // Even one being shared (an invitation pending) is refused.
    fake.addChannel('GPENDING', [FACILITATOR, ...MEMBERS, fake.botUserId], { pendingExternal: true });
    expect((await cairn.driver.as(FACILITATOR).command('setup', 'GPENDING')).view).toBeUndefined();
    await cairn.run();
    expect(cairn.store.groups.listAll()).toEqual([]);
  });

  it('leaves people of another organisation and guests of a shared channel out of the group', async () => {
    // Shared between two workspaces of one organisation: allowed, but guests and outsiders stay out.
    fake.addChannel('GORG', [FACILITATOR, ...MEMBERS, 'UEXTERNAL', 'UGUEST', fake.botUserId], {
      organisation: true,
    });
    const facilitator = cairn.driver.as(FACILITATOR);
    const opened = await facilitator.command('setup', 'GORG');
    const menu = (opened.view!.blocks as Json[]).find((b) => b.block_id === 'facilitators')!;
    const offered = ((menu.element as Json).options as Json[]).map((o) => o.value);
    expect(offered).not.toContain(`slack:${TEAM}:UEXTERNAL`);
    expect(offered).not.toContain(`slack:${TEAM}:UGUEST`);
    await facilitator.submit(opened.view!, { name: 'Groupe Lyon' });
    await cairn.run();
    const group = cairn.store.groups.findBySpace(`slack:${TEAM}:GORG`)!;
    const refs = cairn.store.memberships.listByGroup(group.id).map((m) => m.person.userRef);
    expect(refs.sort()).toEqual([FACILITATOR, ...MEMBERS].map((u) => `slack:${TEAM}:${u}`).sort());
    expect(cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UEXTERNAL`)).toBeUndefined();
    expect(cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UGUEST`)).toBeUndefined();
  });

  it('does not make members of an outsider or a shared channel’s guest who joins later; a guest of an unshared channel joins', async () => {
    const { space } = await setUpGroup(cairn, fake);
    const group = cairn.store.groups.findBySpace(space)!;
    const refs = () => cairn.store.memberships.listByGroup(group.id).map((m) => m.person.userRef);
    // Bolt acknowledges an event before its listener runs: wait until Cairn has looked the person up
    // (and, for a guest, the channel), then until nothing is left running.
    const join = async (user: string, lookups: string[] = ['users.info']) => {
      const seen = fake.calls.length;
      await cairn.driver.sendEvent(
        {
          type: 'member_joined_channel',
          user,
          channel: 'GLYON',
          channel_type: 'G',
          team: TEAM,
          event_ts: '1',
        },
        { eventId: `Ev-${user}` },
      );
      await eventually(() =>
        lookups.every((m) => fake.calls.slice(seen).some((c) => c.method === m && c.answeredAt)),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await cairn.run();
    };
    await join('UEXTERNAL');
    expect(refs()).not.toContain(`slack:${TEAM}:UEXTERNAL`);
    // A guest invited into the group's own (unshared) private channel is a member, as before.
    await join('UGUEST', ['users.info', 'conversations.info']);
    await eventually(() => refs().includes(`slack:${TEAM}:UGUEST`));
    // The channel is then shared with another workspace of the organisation: the next guest stays out.
    fake.addUser('UGUEST2', 'Gisèle Invitée', { guest: 'single' });
    fake.sharing.set('GLYON', { organisation: true });
    await join('UGUEST2', ['users.info', 'conversations.info']);
    expect(refs()).not.toContain(`slack:${TEAM}:UGUEST2`);
    // Someone of the organisation still joins.
    fake.addUser('UFRED', 'Frédéric Nouveau');
    await join('UFRED');
    await eventually(() => refs().includes(`slack:${TEAM}:UFRED`));
  });
});
