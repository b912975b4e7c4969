import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { FACILITATOR, MEMBERS, populate } from './support/scenario.js';
import { type SlackCairn, startSlackCairn, tableCounts } from './support/slack-cairn.js';
import { eventually } from './support/slack-client.js';

/** A slash command body that, if accepted, would open the setup modal and store the facilitator. */
function setupCommand(fake: FakeSlack): string {
  fake.addChannel('GLYON', [FACILITATOR, ...MEMBERS, fake.botUserId]);
  return new URLSearchParams({
    team_id: 'T0CAIRN',
    channel_id: 'GLYON',
    user_id: FACILITATOR,
    user_name: 'ufac',
    command: '/cairn',
    text: 'setup',
    response_url: fake.responseUrl(),
    trigger_id: 'forged.1',
  }).toString();
}

describe('Slack: only requests signed by Slack with a fresh timestamp get in', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  const now = () => Math.floor(Date.now() / 1000);
  const form = 'application/x-www-form-urlencoded';
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake);
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  async function refused(body: string, headers: Record<string, string>, type = form): Promise<void> {
    const before = tableCounts(cairn.db);
    const calls = fake.calls.length;
    const res = await cairn.driver.send(body, type, headers);
    expect(res.status).toBe(401);
    await cairn.core.idle();
    expect(tableCounts(cairn.db)).toEqual(before);
    // Nothing reached Slack on the forged request's behalf.
    expect(fake.calls.slice(calls).filter((c) => c.method !== 'auth.test')).toEqual([]);
  }

  it('refuses a bad signature', async () => {
    const body = setupCommand(fake);
    await refused(body, cairn.driver.signature(body, now(), 'not-the-signing-secret'));
    await refused(body, { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=00' });
    await refused(body, {});
  });

  it('refuses a timestamp more than 5 minutes old or ahead', async () => {
    const body = setupCommand(fake);
    await refused(body, cairn.driver.signature(body, now() - 6 * 60));
    await refused(body, cairn.driver.signature(body, now() + 6 * 60));
  });

  it('refuses a body changed after signing', async () => {
    const body = setupCommand(fake);
    const headers = cairn.driver.signature(body, now());
    await refused(body.replace('setup', 'forget-me'), headers);
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0CAIRN',
      event_id: 'Ev1',
      event: { type: 'app_uninstalled' },
    });
    const eventHeaders = cairn.driver.signature(event, now());
    await refused(event.replace('Ev1', 'Ev2'), eventHeaders, 'application/json');
  });

  it('accepts the same request correctly signed (the checks above can fail)', async () => {
    const body = setupCommand(fake);
    const res = await cairn.driver.send(body, form, cairn.driver.signature(body, now()));
    expect(res.status).toBe(200);
    const opened = await eventually(() => fake.callsTo('views.open')[0]);
    expect((opened.args.view as { callback_id: string }).callback_id).toBe('setup');
  });

  it('answers Slack’s URL verification only when signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 't' });
    const ok = await cairn.driver.send(body, 'application/json', cairn.driver.signature(body, now()));
    expect(JSON.parse(ok.body)).toEqual({ challenge: 'abc' });
    const bad = await cairn.driver.send(body, 'application/json', cairn.driver.signature(body, now(), 'x'));
    expect(bad.status).toBe(401);
  });
});
