import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CairnProcess } from './support/cairn-process.js';
import { report } from './support/figures.js';

/**
 * `node dist/src/host/main.js` with NODE_ENV=production and a bad configuration: refused before anything
 * starts, exit code 78, every problem and what to set on stderr. (Each problem alone is covered by
 * test/operations/config.test.ts; here two processes carry them all.)
 */
describe.concurrent('production start refusals, as a process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-refuse-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const refused = async (name: string, env: Record<string, string>, reasons: RegExp[]) => {
    const exit = await CairnProcess.runToExit({
      NODE_ENV: env.NODE_ENV ?? 'production',
      PORT: '0',
      CAIRN_DB: join(dir, `${name}.db`),
      ...env,
    });
    const stderr = exit.output.replace(/\n\s*/g, ' ');
    report('production refusal', {
      case: name,
      exitCode: exit.code,
      reasons: reasons.filter((r) => r.test(stderr)).length,
    });
    expect(exit.code).toBe(78);
    expect(exit.output).toMatch(/^Cairn cannot start:/m);
    for (const reason of reasons) expect(stderr).toMatch(reason);
    expect(exit.output).not.toMatch(/Cairn is running/);
  };

  it('refuses a missing CAIRN_SECRET, Slack without its signing secret, Teams without its password', () =>
    refused('missing', { SLACK_BOT_TOKEN: 'xoxb-1', TEAMS_APP_ID: 'app-id' }, [
      /CAIRN_SECRET must be set to at least 32 bytes in production \(for example: openssl rand -base64 48\)/,
      /SLACK_SIGNING_SECRET is required with Slack/,
      /Teams needs TEAMS_APP_PASSWORD and TEAMS_TENANT_ID/,
    ]));

  it('refuses a short CAIRN_SECRET, TEAMS_AUTH_DISABLED and the test clock', () =>
    refused(
      'unsafe',
      {
        CAIRN_SECRET: 'short-secret',
        TEAMS_APP_ID: 'app-id',
        TEAMS_APP_PASSWORD: 'app-password',
        TEAMS_TENANT_ID: 'tenant-id',
        TEAMS_AUTH_DISABLED: '1',
        CAIRN_FAKE_NOW: '2026-03-17T08:00:00Z',
      },
      [
        /CAIRN_SECRET must be set to at least 32 bytes/,
        /TEAMS_AUTH_DISABLED is for local tests only: unset it in production/,
        /CAIRN_FAKE_NOW is for tests only/,
      ],
    ));

  it('outside production too: no unauthenticated Teams, no playground next to a platform, no playground on a public address', () =>
    refused(
      'unsafe-development',
      {
        NODE_ENV: 'development',
        CAIRN_SECRET: 'a-development-secret-that-is-long-enough',
        TEAMS_AUTH_DISABLED: '1',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'signing-secret',
        CAIRN_PLAYGROUND: '1',
        HOST: '0.0.0.0',
      },
      [
        /TEAMS_AUTH_DISABLED lets anyone who reaches the port act as any Teams user/,
        /CAIRN_PLAYGROUND cannot run next to Slack or Teams/,
        /The playground answers anyone who reaches it .* \(HOST=0\.0\.0\.0 refused\)/,
      ],
    ));
});
