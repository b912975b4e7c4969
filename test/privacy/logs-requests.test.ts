import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssembledCairn, assembleCairn } from '../../src/host/assemble.js';
import { listen } from '../../src/host/http.js';
import { createLogger } from '../../src/host/logger.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LogBuffer, testConfig } from '../support/harness.js';
import { FakeIdentity } from '../teams/support/fake-identity.js';
import '../teams/support/local-only.js';

/**
 * Attack 4, the requests nobody should be able to make: malformed bodies and unauthenticated requests on
 * every route Cairn serves — Slack's /slack/events, Teams' /api/messages, the playground's API, /healthz
 * and a path that does not exist — each carrying text someone could have written. Cairn runs as a
 * developer's `npm start` runs it (Express outside its test mode, where its default error handler prints
 * the error, a JSON parser's quoting the body, and answers with a stack trace), Slack signed, Teams
 * authenticated against a local Bot Framework issuer, the playground beside them. Afterwards nothing of
 * the text is in Cairn's log, nothing at all went to the console or to stdout and stderr (Bot Framework's
 * own console.error lines included: they go to the log, redacted), and no answer holds the text or a
 * stack trace.
 */
const MARK = 'Qz-écrit-par-quelquun';
const APP_ID = '6a0e5d9c-1111-4222-8333-444455556666';
const TENANT = '7e1c1a52-0000-4000-8000-00000000a11c';

type Attempt = { route: string; what: string; init: RequestInit; status: number[] };

describe('attack 4: malformed and unauthenticated requests on every route leave nothing in the logs', () => {
  let fake: FakeSlack;
  let identity: FakeIdentity;
  let cairn: AssembledCairn;
  let server: Server;
  let url: string;
  let dir: string;
  const logs = new LogBuffer();
  // Taken over before Cairn starts, so that whatever Cairn does with the console later is seen here.
  const console_ = new ConsoleCapture();

  beforeAll(async () => {
    console_.start();
    dir = mkdtempSync(join(tmpdir(), 'cairn-requests-'));
    fake = await FakeSlack.start();
    identity = await new FakeIdentity().start();
    cairn = await assembleCairn(
      testConfig({
        CAIRN_DB: join(dir, 'cairn.db'),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'signing-secret-for-the-cairn-tests',
        SLACK_API_URL: fake.apiUrl,
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_PASSWORD: 'not-a-real-secret',
        TEAMS_TENANT_ID: TENANT,
        CAIRN_PLAYGROUND: '1',
      }),
      {
        logger: createLogger({ level: 'trace', destination: logs }),
        teams: { openIdMetadataUrl: identity.metadataUrl },
        slack: { retries: 0 },
      },
    );
    for (const adapter of cairn.adapters) await adapter.start();
    // What `npm start` runs: Express in its default (development) mode, not the test mode vitest sets.
    cairn.http.set('env', 'development');
    server = await listen(cairn.http, 0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Once before the attack: the first Teams request is where Cairn takes the console over.
    await fetch(`${url}/api/messages`, { method: 'POST', headers: json, body: '{"type":"message"}' });
  }, 30_000);

  afterAll(async () => {
    console_.stop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const adapter of cairn?.adapters ?? []) await adapter.stop();
    cairn?.db.close();
    await fake?.close();
    await identity?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const json = { 'content-type': 'application/json' };
  const activity = (extra: object = {}) =>
    JSON.stringify({
      type: 'message',
      id: 'a-1',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: '29:mallory', aadObjectId: 'aad-mallory', name: `Mallory ${MARK}` },
      recipient: { id: `28:${APP_ID}` },
      conversation: { id: 'a:dm-mallory', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      text: `setup ${MARK}`,
      ...extra,
    });

  const attempts = (): Attempt[] => [
    // Slack: not JSON at all, JSON without a signature, a form body with a forged signature, a stale one.
    {
      route: '/slack/events',
      what: 'malformed JSON',
      init: { method: 'POST', headers: json, body: `{"text": "${MARK}` },
      status: [401],
    },
    {
      route: '/slack/events',
      what: 'unsigned event',
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ type: 'event_callback', event: { text: MARK } }),
      },
      status: [401],
    },
    {
      route: '/slack/events',
      what: 'forged signature',
      init: {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-slack-signature': 'v0=0000000000000000000000000000000000000000000000000000000000000000',
        },
        body: `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', view: { state: { values: { a: { b: { value: MARK } } } } } }))}`,
      },
      status: [401],
    },
    // Teams: not JSON, not an activity, no token, a garbage token, a token signed by someone else.
    {
      route: '/api/messages',
      what: 'malformed JSON',
      init: { method: 'POST', headers: json, body: `{"text": "${MARK}"` },
      status: [400],
    },
    {
      route: '/api/messages',
      what: 'JSON, not an activity',
      init: { method: 'POST', headers: json, body: JSON.stringify([MARK]) },
      status: [400],
    },
    {
      route: '/api/messages',
      what: 'no token',
      init: { method: 'POST', headers: json, body: activity() },
      status: [401],
    },
    {
      route: '/api/messages',
      what: 'garbage token',
      init: { method: 'POST', headers: { ...json, authorization: `Bearer ${MARK}` }, body: activity() },
      status: [401],
    },
    {
      route: '/api/messages',
      what: 'expired token',
      init: {
        method: 'POST',
        headers: {
          ...json,
          authorization: `Bearer ${identity.token({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/', exp: 1 } as never)}`,
        },
        body: activity(),
      },
      status: [401],
    },
    {
      route: '/api/messages',
      what: 'disallowed tenant, no token',
      init: { method: 'POST', headers: json, body: activity({ channelData: { tenant: { id: 'another' } } }) },
      status: [401],
    },
    // The playground: not JSON, a wrong shape, an unknown persona, a cross-site post.
    {
      route: '/api/playground/say',
      what: 'malformed JSON',
      init: { method: 'POST', headers: json, body: `{"text": "${MARK}` },
      status: [400],
    },
    {
      route: '/api/playground/say',
      what: 'wrong shape',
      init: { method: 'POST', headers: json, body: JSON.stringify({ persona: 1, text: MARK }) },
      status: [400],
    },
    {
      route: '/api/playground/say',
      what: 'unknown persona',
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ persona: 'pg:nobody', conversation: 'dm:pg:nobody', text: MARK }),
      },
      status: [404],
    },
    {
      route: '/api/playground/say',
      what: 'cross-site',
      init: {
        method: 'POST',
        headers: { ...json, origin: 'https://evil.example' },
        body: JSON.stringify({ text: MARK }),
      },
      status: [403],
    },
    // /healthz and a path nobody serves.
    {
      route: '/healthz',
      what: 'POST with a body',
      init: { method: 'POST', headers: json, body: `{"text": "${MARK}` },
      status: [404],
    },
    {
      route: `/nothing-here`,
      what: 'malformed JSON',
      init: { method: 'POST', headers: json, body: `{"text": "${MARK}` },
      status: [404],
    },
  ];

  it('answers each with a status and no stack; nothing of it in the log, nothing on the console', async () => {
    const before = logs.lines.length;
    console_.chunks.length = 0;
    const results: { attempt: Attempt; status: number; body: string }[] = [];
    for (const attempt of attempts()) {
      const res = await fetch(`${url}${attempt.route}`, attempt.init);
      results.push({ attempt, status: res.status, body: await res.text() });
    }
    // Whatever a request started (Bolt's listeners run after its acknowledgment) has finished.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const output = console_.chunks.join('\n');
    const log = logs.lines.slice(before).join('\n');
    console_.stop();
    console.log(
      `Attack 4 — requests: ${results.length} malformed or unauthenticated requests on ${new Set(results.map((r) => r.attempt.route)).size} routes; ${log.split('\n').length} log lines, ${output.length} characters on the console`,
    );
    for (const { attempt, status, body } of results) {
      const label = `${attempt.route} ${attempt.what}`;
      expect({ label, status }).toEqual({ label, status: expect.toBeOneOf(attempt.status) });
      expect(body, label).not.toContain('Qz');
      expect(body, label).not.toMatch(/<pre>|\bat [\w.<>]+ \(|node_modules|Error:/);
    }
    expect(output).toBe('');
    expect(log).not.toContain('Qz');
    expect(log).not.toMatch(/"(body|text|payload|values)"\s*:\s*"[^[]/);
    // The refusals are in the log, as codes.
    expect(log).toMatch(/"reason":"unauthenticated"/);
    expect(log).toMatch(/"type":"entity.parse.failed"/);
    // Bot Framework's console lines (an expired token is printed with console.error) went to the log.
    expect(log).toMatch(/"source":"teams-sdk","console":"error"/);
  });
});

/** Everything written to the console, stdout and stderr between `start` and `stop`, kept aside. */
class ConsoleCapture {
  readonly chunks: string[] = [];
  private restore: (() => void) | undefined;

  start(): void {
    const keep = (...args: unknown[]) => {
      this.chunks.push(args.map(String).join(' '));
      return true;
    };
    const methods = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;
    const before = methods.map((m) => console[m]);
    const out = process.stdout.write;
    const err = process.stderr.write;
    for (const m of methods) console[m] = keep;
    process.stdout.write = keep as typeof process.stdout.write;
    process.stderr.write = keep as typeof process.stderr.write;
    this.restore = () => {
      methods.forEach((m, i) => {
        console[m] = before[i]!;
      });
      process.stdout.write = out;
      process.stderr.write = err;
    };
  }

  stop(): void {
    this.restore?.();
  }
}
