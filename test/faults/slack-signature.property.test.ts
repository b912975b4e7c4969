import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITATOR, MEMBERS, populate } from '../slack/support/scenario.js';
import { type SlackCairn, startSlackCairn, tableCounts } from '../slack/support/slack-cairn.js';
import { FakeSlack } from '../support/fake-slack.js';
import { report } from './support/figures.js';

type Request = { body: string; headers: Record<string, string> };

/** A random change to a signed request: body, timestamp or signature altered, or a header dropped. */
const mutation = (valid: Request, ts: number): fc.Arbitrary<[string, Request]> => {
  const { body, headers } = valid;
  const at = fc.nat({ max: body.length - 1 });
  const char = fc.string({ minLength: 1, maxLength: 1, unit: 'binary' });
  const with_ = (h: Record<string, string>): Request => ({ body, headers: { ...headers, ...h } });
  return fc.oneof(
    fc
      .tuple(at, char)
      .map(([i, c]): [string, Request] => [
        'body: a character replaced',
        { headers, body: body.slice(0, i) + c + body.slice(i + 1) },
      ]),
    fc
      .tuple(at, char)
      .map(([i, c]): [string, Request] => [
        'body: a character inserted',
        { headers, body: body.slice(0, i) + c + body.slice(i) },
      ]),
    at.map((i): [string, Request] => [
      'body: a character removed',
      { headers, body: body.slice(0, i) + body.slice(i + 1) },
    ]),
    fc
      .string({ minLength: 1 })
      .map((tail): [string, Request] => ['body: text appended', { headers, body: body + tail }]),
    at.map((i): [string, Request] => ['body: cut short', { headers, body: body.slice(0, i) }]),
    fc
      .integer({ min: -100_000, max: 100_000 })
      .filter((d) => d !== 0)
      .map((d): [string, Request] => [
        'timestamp moved',
        with_({ 'x-slack-request-timestamp': String(ts + d) }),
      ]),
    fc
      .tuple(fc.nat({ max: 63 }), fc.constantFrom(...'0123456789abcdefABCDEF'.split('')))
      .map(([i, c]): [string, Request] => {
        const sig = headers['x-slack-signature']!;
        return [
          'signature: a digit changed',
          with_({ 'x-slack-signature': sig.slice(0, 3 + i) + c + sig.slice(4 + i) }),
        ];
      }),
    fc
      .constantFrom('v1=', 'V0=', '', 'v0:')
      .map((p): [string, Request] => [
        'signature: another version',
        with_({ 'x-slack-signature': p + headers['x-slack-signature']!.slice(3) }),
      ]),
    fc.constantFrom('x-slack-signature', 'x-slack-request-timestamp').map((h): [string, Request] => {
      const rest = { ...headers };
      delete rest[h];
      return [`header ${h} missing`, { body, headers: rest }];
    }),
  );
};

describe('Slack: every mutation of a validly signed request is refused', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    fake.addChannel('GLYON', [FACILITATOR, ...MEMBERS, fake.botUserId]);
    cairn = await startSlackCairn(fake);
  });
  afterAll(async () => {
    await cairn.close();
    await fake.close();
  });

  it('401, no database write, no call to Slack (fast-check)', async () => {
    const form = 'application/x-www-form-urlencoded';
    const body = new URLSearchParams({
      team_id: 'T0CAIRN',
      channel_id: 'GLYON',
      user_id: FACILITATOR,
      user_name: 'ufac',
      command: '/cairn',
      text: 'setup',
      response_url: fake.responseUrl(),
      trigger_id: 'mutated.1',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const valid: Request = { body, headers: cairn.driver.signature(body, ts) };
    const before = tableCounts(cairn.db);
    const calls = fake.calls.length;
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(mutation(valid, ts), async ([kind, changed]) => {
        fc.pre(
          changed.body !== valid.body || JSON.stringify(changed.headers) !== JSON.stringify(valid.headers),
        );
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const res = await cairn.driver.send(changed.body, form, changed.headers);
        expect({ kind, status: res.status }).toEqual({ kind, status: 401 });
      }),
      { numRuns: 300 },
    );
    await cairn.core.idle();
    expect(tableCounts(cairn.db)).toEqual(before);
    expect(fake.calls.slice(calls)).toEqual([]);
    report('Slack signature mutations', {
      tried: [...kinds.values()].reduce((a, b) => a + b, 0),
      accepted: 0,
      kinds: Object.fromEntries(kinds),
    });

    // The unchanged request is accepted (so the property above can fail).
    const res = await cairn.driver.send(valid.body, form, valid.headers);
    expect(res.status).toBe(200);
  }, 60_000);
});
