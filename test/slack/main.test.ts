import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEV_SECRET, loadConfig } from '../../src/host/config.js';
import { createLogger } from '../../src/host/logger.js';
import { type RunningCairn, startCairn } from '../../src/host/main.js';
import { createSecrets } from '../../src/host/secrets.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LogBuffer } from '../support/harness.js';
import { populate } from './support/scenario.js';
import { CAIRN_SECRET, SIGNING_SECRET } from './support/slack-cairn.js';
import { eventually, fill, SlackDriver } from './support/slack-client.js';

/** Cairn started the way `npm start` starts it, from environment variables only. */
describe('Slack through the host (src/host/main.ts)', () => {
  let fake: FakeSlack;
  let dir: string;
  let cairn: RunningCairn | undefined;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    dir = mkdtempSync(join(tmpdir(), 'cairn-main-'));
  });
  afterEach(async () => {
    await cairn?.stop();
    cairn = undefined;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) =>
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CAIRN_DB: join(dir, 'cairn.db'),
      CAIRN_SECRET,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      // Without the trailing slash on purpose: Cairn adds it.
      SLACK_API_URL: `${fake.base}/api`,
      ...extra,
    });

  it('serves Slack on PORT at /slack/events with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET', async () => {
    cairn = await startCairn(env());
    const port = new URL(cairn.url).port;
    const driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, fake, SIGNING_SECRET);
    const out = await driver.as('UALICE').command('aide');
    expect(out.reply?.response_type).toBe('ephemeral');
    // Bolt asks for the bot's identity once (not per request); the start-up reconciliation checks the
    // installation once more (issue 16).
    expect(fake.callsTo('auth.test').length).toBeLessThanOrEqual(2);
    await driver.sendEvent({
      type: 'app_home_opened',
      user: 'UALICE',
      channel: 'DUALICE',
      tab: 'home',
      event_ts: '1',
    });
    await eventually(() => fake.homes.get('UALICE'));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('connects through Socket Mode when SLACK_APP_TOKEN is set, and answers there', async () => {
    cairn = await startCairn(env({ SLACK_APP_TOKEN: fake.appToken }));
    await eventually(() => fake.socketMode.connected);
    const responseUrl = fake.responseUrl();
    const envelope = fake.socketMode.deliver('slash_commands', {
      team_id: 'T0CAIRN',
      channel_id: 'DUALICE',
      user_id: 'UALICE',
      user_name: 'alice',
      command: '/cairn',
      text: 'help',
      response_url: responseUrl,
      trigger_id: 't.1',
      api_app_id: 'ACAIRN',
    });
    // The help travels back in the envelope's acknowledgment, not through the response_url.
    const helped = await eventually(() => fake.socketMode.ackFor(envelope));
    expect(helped.payload).toMatchObject({ response_type: 'ephemeral', blocks: expect.any(Array) });
    expect(fake.respondedTo(responseUrl)).toEqual([]);

    // A modal submitted over the socket: the field errors travel back in the envelope's acknowledgment.
    fake.addChannel('GLYON', ['UFAC', 'UALICE', fake.botUserId]);
    fake.socketMode.deliver('slash_commands', {
      team_id: 'T0CAIRN',
      channel_id: 'GLYON',
      user_id: 'UFAC',
      user_name: 'ufac',
      command: '/cairn',
      text: 'setup',
      response_url: fake.responseUrl(),
      trigger_id: 't.2',
      api_app_id: 'ACAIRN',
    });
    const view = await eventually(() => [...fake.views.values()].find((v) => v.trigger === 't.2'));
    const submission = fake.socketMode.deliver('interactive', {
      type: 'view_submission',
      team: { id: 'T0CAIRN', domain: 'cairn-test' },
      user: { id: 'UFAC', username: 'ufac', name: 'ufac', team_id: 'T0CAIRN' },
      api_app_id: 'ACAIRN',
      trigger_id: 't.3',
      view: { ...view, state: { values: fill(view, { name: '' }) } },
    });
    const ack = await eventually(() => fake.socketMode.ackFor(submission));
    expect(ack.payload).toMatchObject({ response_action: 'errors', errors: { name: expect.any(String) } });

    // Nothing is served for Slack over HTTP in Socket Mode.
    const port = new URL(cairn.url).port;
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('the Socket Mode quick start as the README writes it (no NODE_ENV, no CAIRN_SECRET) seals with a generated secret', async () => {
    const logs = new LogBuffer();
    cairn = await startCairn(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CAIRN_DB: join(dir, 'data', 'cairn.db'),
        SLACK_APP_TOKEN: fake.appToken,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
      }),
      { logger: createLogger({ level: 'info', destination: logs }) },
    );
    expect(cairn.config.NODE_ENV).toBe('development');
    await eventually(() => fake.socketMode.connected);
    const file = join(dir, 'data', 'cairn.secret');
    const secret = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(logs.text).toContain(file);
    expect(logs.text).not.toContain(secret);

    // A set-up form opened over the socket: its state is sealed with the generated secret, not the
    // public constant anyone could use to forge one.
    fake.addChannel('GLYON', ['UFAC', 'UALICE', fake.botUserId]);
    fake.socketMode.deliver('slash_commands', {
      team_id: 'T0CAIRN',
      channel_id: 'GLYON',
      user_id: 'UFAC',
      user_name: 'ufac',
      command: '/cairn',
      text: 'setup',
      response_url: fake.responseUrl(),
      trigger_id: 't.9',
      api_app_id: 'ACAIRN',
    });
    const view = await eventually(() => [...fake.views.values()].find((v) => v.trigger === 't.9'));
    const state = String(view.private_metadata);
    expect(createSecrets(DEV_SECRET).unseal(state)).toBeNull();
    expect(createSecrets(secret).unseal(state)).toContain('slack:T0CAIRN:GLYON');
  });
});
