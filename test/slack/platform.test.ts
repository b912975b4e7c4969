import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserDirectory } from '../../adapters/slack/directory.js';
import { SlackPlatform } from '../../adapters/slack/platform.js';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { silentLogger } from '../../src/core/contract/logger.js';
import { message, text } from '../../src/core/contract/message.js';
import { FakeSlack } from '../support/fake-slack.js';

const T = 'T0CAIRN';

function platformOn(apiUrl: string, token = 'xoxb-test'): SlackPlatform {
  const client = new webApi.WebClient(undefined, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const tokens = async () => token;
  return new SlackPlatform({
    client,
    tokens,
    directory: new UserDirectory(client, tokens),
    workspaceRate: 20,
    logger: silentLogger,
  });
}

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
}

describe('SlackPlatform (the outbox side) against the fake Web API', () => {
  let fake: FakeSlack;
  let platform: SlackPlatform;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.addUser('UALICE', 'Alice Martin');
    fake.addUser('UBRUNO', 'Bruno Petit');
    fake.addUser('UBOT2', 'Autre bot', { isBot: true });
    fake.addUser('UGONE', 'Ancien', { deleted: true });
    platform = platformOn(fake.apiUrl);
  });
  afterEach(() => fake.close());

  it('sends a DM through conversations.open then chat.postMessage, and reuses the DM channel', async () => {
    const ref = await platform.sendDirect(`slack:${T}:UALICE`, message('Bonjour', text('Bonjour <@U1>')));
    expect(ref).toMatch(new RegExp(`^slack:${T}:DUALICE:\\d+\\.\\d+$`));
    await platform.sendDirect(`slack:${T}:UALICE`, message('Encore'));
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((c) => c.args.channel)).toEqual(['DUALICE', 'DUALICE']);
    expect(posts[0]!.args).toMatchObject({ text: 'Bonjour', unfurl_links: 'false', unfurl_media: 'false' });
    expect(posts[0]!.token).toBe('xoxb-test');
  });

  it('posts to a channel and edits the post in place', async () => {
    fake.addChannel('GLYON', ['UALICE', fake.botUserId]);
    const ref = await platform.postToSpace(`slack:${T}:GLYON`, message('v1'));
    await platform.updateMessage(ref, message('v2'));
    const [update] = fake.callsTo('chat.update');
    expect(update!.args).toMatchObject({ channel: 'GLYON', ts: ref.split(':')[3], text: 'v2' });
    expect(fake.messagesIn('GLYON')[0]).toMatchObject({ text: 'v2', edits: 1 });
  });

  it('lists the humans of a channel, page by page, without bots or deactivated accounts', async () => {
    const many = Array.from({ length: 230 }, (_, i) => `UM${i}`);
    for (const id of many) fake.addUser(id, `Membre ${id}`);
    fake.addChannel('GLYON', ['UALICE', 'UBRUNO', 'UBOT2', 'UGONE', fake.botUserId, ...many]);
    fake.addUser(fake.botUserId, 'Cairn', { isBot: true });
    const users = await platform.listSpaceMembers(`slack:${T}:GLYON`);
    expect(users).toHaveLength(232);
    expect(users[0]).toEqual({ userRef: `slack:${T}:UALICE`, displayName: 'Alice Martin', workspace: T });
    expect(users.map((u) => u.userRef)).not.toContain(`slack:${T}:UBOT2`);
    expect(users.map((u) => u.userRef)).not.toContain(`slack:${T}:UGONE`);
    expect(fake.callsTo('conversations.members').length).toBeGreaterThan(1);
  });

  it('maps 429 to rate_limited with Retry-After, scoped to the workspace', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await failure(platform.sendDirect(`slack:${T}:UALICE`, message('x')));
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000, scope: `slack:workspace:${T}` });
    expect(platform.rateLimits(`slack:${T}:UALICE`).map((l) => l.key)).toContain(err.scope);
    // The client did not retry on its own.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps 5xx and network failures to transient, Slack refusals to permanent', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    expect((await failure(platform.sendDirect(`slack:${T}:UALICE`, message('x')))).kind).toBe('transient');
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect((await failure(platform.sendDirect(`slack:${T}:UALICE`, message('x')))).kind).toBe('transient');
    expect((await failure(platform.postToSpace(`slack:${T}:GNOWHERE`, message('x')))).message).toContain(
      'channel_not_found',
    );
    expect((await failure(platform.postToSpace(`slack:${T}:GNOWHERE`, message('x')))).kind).toBe('permanent');
    expect(
      (await failure(platformOn(fake.apiUrl, 'xoxb-revoked').sendDirect(`slack:${T}:UALICE`, message('x'))))
        .kind,
    ).toBe('permanent');
    expect((await failure(platform.updateMessage(`slack:${T}:GX:1.2`, message('x')))).kind).toBe('permanent');
    expect((await failure(platform.sendDirect('teams:abc', message('x')))).kind).toBe('permanent');
    const closed = await FakeSlack.start();
    await closed.close();
    expect(
      (await failure(platformOn(closed.apiUrl).sendDirect(`slack:${T}:UALICE`, message('x')))).kind,
    ).toBe('transient');
  });

  it('paces one message per second per conversation and SLACK_WORKSPACE_RATE per workspace', () => {
    expect(platform.rateLimits(`slack:${T}:GLYON`)).toEqual([
      { key: `slack:conversation:${T}:GLYON`, perSecond: 1 },
      { key: `slack:workspace:${T}`, perSecond: 20 },
    ]);
  });
});
