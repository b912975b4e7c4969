import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import {
  FACILITATOR,
  lastDm,
  MEMBERS,
  populate,
  scheduleSession,
  setUpGroup,
  TEAM,
} from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { buttonsIn, textOf } from './support/slack-client.js';

describe('Slack: a group set up in a private channel, its sessions and reminders', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('sets up the group from the modal; the channel humans (not bots) become its members', async () => {
    fake.addChannel('GLYON', [FACILITATOR, ...MEMBERS, 'UPOLLBOT', fake.botUserId]);
    const facilitator = cairn.driver.as(FACILITATOR);
    const opened = await facilitator.command('setup', 'GLYON');
    const view = opened.view!;
    // The facilitators menu offers the channel's people, never a bot.
    const facilitators = (view.blocks as Json[]).find((b) => b.block_id === 'facilitators')!;
    const offered = ((facilitators.element as Json).options as Json[]).map((o) => o.value);
    expect(offered).toContain(`slack:${TEAM}:UALICE`);
    expect(offered).not.toContain(`slack:${TEAM}:UPOLLBOT`);
    expect(offered).not.toContain(`slack:${TEAM}:${fake.botUserId}`);

    const ack = await facilitator.submit(view, { name: 'Groupe Lyon' });
    expect(ack.response_action).toBe('update');
    expect(textOf((ack.view as Json).blocks as Json[])).toContain('Groupe Lyon');
    await cairn.run();

    const group = cairn.store.groups.findBySpace(`slack:${TEAM}:GLYON`)!;
    const members = cairn.store.memberships.listByGroup(group.id);
    expect(members.map((m) => m.person.userRef).sort()).toEqual(
      [FACILITATOR, ...MEMBERS].map((u) => `slack:${TEAM}:${u}`).sort(),
    );
    expect(members.find((m) => m.person.userRef.endsWith(FACILITATOR))?.role).toBe('facilitator');
    expect(members.find((m) => m.person.userRef.endsWith('UALICE'))?.person.displayName).toBe('Alice Martin');
    // The welcome post went to the private channel.
    expect(fake.messagesIn('GLYON')).toHaveLength(1);
  });

  it('refuses setup outside a channel', async () => {
    const out = await cairn.driver.as(FACILITATOR).command('setup');
    expect(out.view).toBeUndefined();
    expect(out.reply?.response_type).toBe('ephemeral');
  });

  it('schedules a session, DMs reminders when the clock reaches them, and the digest the day before', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    const ack = await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-20');
    expect(['update', 'clear']).toContain(ack.response_action);
    const group = cairn.store.groups.findBySpace(`slack:${TEAM}:GLYON`)!;
    expect(cairn.store.sessions.listUpcoming(group.id, cairn.clock.now())).toHaveLength(1);
    expect(fake.messagesIn('DUALICE')).toHaveLength(0);

    // 7 days before at 09:00 Paris (08:00 UTC): every member gets the reminder, in a DM.
    cairn.clock.set('2026-03-13T08:01:00Z');
    await cairn.run();
    for (const member of MEMBERS) {
      const dm = lastDm(fake, member)!;
      expect(dm, member).toBeDefined();
      const actions = buttonsIn(dm.blocks).map((b) => b.action_id);
      expect(actions).toEqual(expect.arrayContaining(['case.open', 'reminder.skip']));
    }
    expect(
      fake
        .callsTo('conversations.open')
        .map((c) => c.args.users)
        .sort(),
    ).toEqual(expect.arrayContaining([...MEMBERS]));
    expect(lastDm(fake, FACILITATOR)).toBeUndefined();

    // "Not this time" from the DM.
    const bruno = cairn.driver.as('UBRUNO');
    const skipped = await bruno.pressInMessage(lastDm(fake, 'UBRUNO')!, 'reminder.skip');
    expect(skipped.reply?.response_type).toBe('ephemeral');

    // The digest reaches the facilitator the day before.
    cairn.clock.set('2026-03-19T09:00:00Z');
    await cairn.run();
    expect(lastDm(fake, FACILITATOR)).toBeDefined();
  });
});
