import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/host/config.js';

const SECRET = 'x'.repeat(40);
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('configuration', () => {
  it('with nothing set, runs the playground on port 3000 with the default database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      CAIRN_DB: './data/cairn.db',
      playground: true,
      slack: 'none',
      teams: false,
    });
  });

  it('with a Slack bot token and signing secret, serves Slack and not the playground', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(config.slack).toBe('single');
    expect(config.playground).toBe(false);
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', CAIRN_PLAYGROUND: '1' }).playground,
    ).toBe(true);
  });

  it('in production, refuses a missing or short secret and says what to set', () => {
    const base = { NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(problemsOf(base).join()).toMatch(/CAIRN_SECRET must be set to at least 32 bytes/);
    expect(problemsOf({ ...base, CAIRN_SECRET: 'short' }).join()).toMatch(/CAIRN_SECRET/);
    expect(problemsOf({ ...base, CAIRN_SECRET: SECRET })).toEqual([]);
  });

  it('refuses a platform configured without its secret', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }).join()).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(problemsOf({ SLACK_CLIENT_ID: 'id', SLACK_SIGNING_SECRET: 's' }).join()).toMatch(
      /SLACK_CLIENT_SECRET/,
    );
    expect(problemsOf({ TEAMS_APP_ID: 'app' }).join()).toMatch(/TEAMS_APP_PASSWORD and TEAMS_TENANT_ID/);
  });

  it('refuses TEAMS_AUTH_DISABLED and the playground in production', () => {
    const prod = { NODE_ENV: 'production', CAIRN_SECRET: SECRET, TEAMS_AUTH_DISABLED: '1' };
    expect(problemsOf(prod).join()).toMatch(/TEAMS_AUTH_DISABLED is for local tests only/);
    expect(problemsOf({ NODE_ENV: 'production', CAIRN_SECRET: SECRET }).join()).toMatch(
      /No platform is configured/,
    );
  });

  it('rejects malformed values with the variable name', () => {
    expect(problemsOf({ PORT: 'eighty' }).join()).toMatch(/PORT/);
    expect(problemsOf({ CAIRN_LANGUAGE: 'de' }).join()).toMatch(/CAIRN_LANGUAGE/);
  });

  it('refuses an outbox lease shorter than twice the send deadline (issue 16)', () => {
    expect(problemsOf({ CAIRN_OUTBOX_LEASE_MS: '20000' }).join()).toMatch(
      /CAIRN_OUTBOX_LEASE_MS \(20000\) must be at least twice CAIRN_OUTBOX_SEND_TIMEOUT_MS \(15000\)/,
    );
    expect(problemsOf({ CAIRN_OUTBOX_LEASE_MS: '1500', CAIRN_OUTBOX_SEND_TIMEOUT_MS: '750' })).toEqual([]);
    expect(problemsOf({ CAIRN_OUTBOX_LEASE_MS: '1500', CAIRN_OUTBOX_SEND_TIMEOUT_MS: '751' })).not.toEqual(
      [],
    );
  });

  it('gives up on a time budget, keeps suspended groups a grace period, reconciles hourly by default', () => {
    expect(loadConfig({})).toMatchObject({
      CAIRN_OUTBOX_GIVE_UP_HOURS: 24,
      CAIRN_OUTBOX_SEND_TIMEOUT_MS: 15_000,
      CAIRN_PURGE_GRACE_DAYS: 7,
      CAIRN_RECONCILE_MINUTES: 60,
    });
    expect(problemsOf({ CAIRN_OUTBOX_GIVE_UP_HOURS: '0' }).join()).toMatch(/CAIRN_OUTBOX_GIVE_UP_HOURS/);
  });
});
