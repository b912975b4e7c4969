import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { MEMBERS, populate, scheduleSession, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';

/** Reminder DMs through the real outbox worker and the Slack platform, with Slack failing on purpose. */
describe('Slack: the outbox owns retries and honours Retry-After', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
    const { facilitator } = await setUpGroup(cairn, fake);
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-20');
    cairn.clock.set('2026-03-13T08:01:00Z');
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  const reminded = () => MEMBERS.filter((m) => fake.messagesIn(fake.dmChannelOf(m)).length > 0);
  const reminderRows = () =>
    cairn.db.sqlite.prepare("SELECT status, attempts FROM outbox WHERE id LIKE 'reminder:%'").all() as {
      status: string;
      attempts: number;
    }[];

  it('waits Retry-After seconds after a 429 before sending again, without counting an attempt', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await cairn.run();
    expect(reminded()).toHaveLength(MEMBERS.length - 1);
    expect(reminderRows().filter((r) => r.status === 'pending')).toEqual([
      { status: 'pending', attempts: 0 },
    ]);

    cairn.clock.set(new Date(cairn.clock.now().getTime() + 29_000));
    await cairn.core.outbox.drain();
    expect(reminded()).toHaveLength(MEMBERS.length - 1);

    cairn.clock.set(new Date(cairn.clock.now().getTime() + 1_000));
    await cairn.core.outbox.drain();
    expect(reminded()).toHaveLength(MEMBERS.length);
    expect(
      fake.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D')),
    ).toHaveLength(MEMBERS.length + 1);
  });

  it('a 429 stops the calls of DMs already under way: none reaches Slack before Retry-After ends', async () => {
    // Every DM channel but the first person's opens slowly: their exchanges are under way when the first
    // person's chat.postMessage is answered 429.
    const [first] = MEMBERS;
    fake.answerDelayOf = (call) =>
      call.method === 'conversations.open' && call.args.users !== first ? 300 : undefined;
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await cairn.run();
    const posts = () =>
      fake.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    expect(fake.callsTo('conversations.open')).toHaveLength(MEMBERS.length);
    expect(posts()).toHaveLength(1);
    expect(reminderRows()).toEqual(MEMBERS.map(() => ({ status: 'pending', attempts: 0 })));

    cairn.clock.set(new Date(cairn.clock.now().getTime() + 30_000));
    await cairn.core.outbox.drain();
    expect(reminded()).toHaveLength(MEMBERS.length);
    expect(posts()).toHaveLength(MEMBERS.length + 1);
    // The DM channels opened during the pause were kept: no second conversations.open.
    expect(fake.callsTo('conversations.open')).toHaveLength(MEMBERS.length);
  });

  it('retries after a 500 with backoff, and gives up on a permanent refusal', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    fake.failNext('conversations.open', { error: 'user_disabled' });
    await cairn.run();
    expect(reminded()).toHaveLength(MEMBERS.length - 2);
    const rows = reminderRows();
    expect(rows.filter((r) => r.status === 'dead')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([{ status: 'pending', attempts: 1 }]);

    cairn.clock.set(new Date(cairn.clock.now().getTime() + 60_000));
    await cairn.core.outbox.drain();
    expect(reminded()).toHaveLength(MEMBERS.length - 1);
    expect(reminderRows().filter((r) => r.status === 'sent')).toHaveLength(MEMBERS.length - 1);
  });
});
