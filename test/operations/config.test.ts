import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRET, loadConfig } from '../../src/host/config.js';

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
    // Next to a real platform the playground only runs in tests (its clock would be the real groups').
    expect(
      loadConfig({
        NODE_ENV: 'test',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        CAIRN_PLAYGROUND: '1',
      }).playground,
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

  it('uses the public development secret only in tests and for the playground alone', () => {
    expect(loadConfig({}).secret).toEqual({ kind: 'development', value: DEV_SECRET });
    expect(loadConfig({ NODE_ENV: 'test', SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's' }).secret).toEqual({
      kind: 'development',
      value: DEV_SECRET,
    });
    // Slack or Teams outside production, without CAIRN_SECRET: a file beside the database, never the constant.
    for (const platform of [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' },
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1' },
      { TEAMS_APP_ID: 'app', TEAMS_APP_PASSWORD: 'pw', TEAMS_TENANT_ID: 'tenant' },
    ])
      expect(loadConfig({ CAIRN_DB: './somewhere/cairn.db', ...platform }).secret).toEqual({
        kind: 'file',
        path: resolve('./somewhere/cairn.secret'),
      });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', CAIRN_SECRET: SECRET }).secret,
    ).toEqual({
      kind: 'environment',
      value: SECRET,
    });
  });

  it('accepts CAIRN_SECRET_PREVIOUS for a rotation, if it is a real secret and not the current one', () => {
    const base = { SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', CAIRN_SECRET: SECRET };
    expect(loadConfig({ ...base, CAIRN_SECRET_PREVIOUS: 'y'.repeat(40) }).previousSecret).toBe(
      'y'.repeat(40),
    );
    expect(problemsOf({ ...base, CAIRN_SECRET_PREVIOUS: 'short' }).join()).toMatch(/CAIRN_SECRET_PREVIOUS/);
    expect(problemsOf({ ...base, CAIRN_SECRET_PREVIOUS: SECRET }).join()).toMatch(/same as CAIRN_SECRET/);
  });

  it('accepts TEAMS_AUTH_DISABLED only with NODE_ENV=test and a loopback HOST', () => {
    const teams = { TEAMS_AUTH_DISABLED: '1' };
    expect(loadConfig({ ...teams, NODE_ENV: 'test' })).toMatchObject({ teams: true, HOST: '127.0.0.1' });
    expect(loadConfig({ ...teams, NODE_ENV: 'test', HOST: '::1' }).teams).toBe(true);
    expect(problemsOf({ ...teams }).join()).toMatch(
      /TEAMS_AUTH_DISABLED .*only for tests, with NODE_ENV=test/,
    );
    expect(problemsOf({ ...teams, NODE_ENV: 'development', HOST: '127.0.0.1' }).join()).toMatch(
      /TEAMS_AUTH_DISABLED/,
    );
    expect(problemsOf({ ...teams, NODE_ENV: 'test', HOST: '0.0.0.0' }).join()).toMatch(/TEAMS_AUTH_DISABLED/);
  });

  it('refuses the playground next to Slack or Teams outside tests, and anywhere but on loopback', () => {
    const slack = { SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', CAIRN_PLAYGROUND: '1' };
    expect(problemsOf(slack).join()).toMatch(/CAIRN_PLAYGROUND cannot run next to Slack or Teams/);
    expect(
      problemsOf({
        TEAMS_APP_ID: 'a',
        TEAMS_APP_PASSWORD: 'p',
        TEAMS_TENANT_ID: 't',
        CAIRN_PLAYGROUND: '1',
      }).join(),
    ).toMatch(/CAIRN_PLAYGROUND cannot run next to Slack or Teams/);
    // Alone it listens on loopback, and nowhere else.
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: 'localhost' }).HOST).toBe('localhost');
    expect(problemsOf({ HOST: '0.0.0.0' }).join()).toMatch(
      /listens on 127.0.0.1 only \(HOST=0.0.0.0 refused\)/,
    );
    expect(problemsOf({ NODE_ENV: 'test', ...slack, HOST: '0.0.0.0' }).join()).toMatch(
      /HOST=0.0.0.0 refused/,
    );
    // A platform alone listens where it is reachable.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's' }).HOST).toBe('0.0.0.0');
  });

  it('in production, needs a 32-byte SLACK_STATE_SECRET; everywhere, an https CAIRN_PRIVACY_URL', () => {
    const oauth = {
      NODE_ENV: 'production',
      CAIRN_SECRET: SECRET,
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: 'id',
      SLACK_CLIENT_SECRET: 'secret',
    };
    expect(problemsOf({ ...oauth, SLACK_STATE_SECRET: 'short-state' }).join()).toMatch(
      /SLACK_STATE_SECRET must be at least 32 bytes in production/,
    );
    expect(problemsOf({ ...oauth, SLACK_STATE_SECRET: 'z'.repeat(48) })).toEqual([]);
    expect(problemsOf({ CAIRN_PRIVACY_URL: 'http://example.org/privacy' }).join()).toMatch(
      /CAIRN_PRIVACY_URL must be an https/,
    );
    expect(problemsOf({ CAIRN_PRIVACY_URL: 'javascript:alert(1)' }).join()).toMatch(/CAIRN_PRIVACY_URL/);
    expect(problemsOf({ CAIRN_PRIVACY_URL: 'https://example.org/privacy' })).toEqual([]);
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

  it('an empty number is unset (its default), not 0: PORT= is not a random port, SHUTDOWN_DEADLINE_MS= not 0', () => {
    expect(loadConfig({ PORT: '', SHUTDOWN_DEADLINE_MS: ' ', CAIRN_DATABASE_POOL: '' })).toMatchObject({
      PORT: 3000,
      SHUTDOWN_DEADLINE_MS: 10_000,
      CAIRN_DATABASE_POOL: 4,
    });
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it('refuses a flag that is neither 1/true nor 0/false, instead of reading it as off', () => {
    expect(problemsOf({ CAIRN_PLAYGROUND: 'yes' }).join()).toMatch(/CAIRN_PLAYGROUND/);
    expect(problemsOf({ NODE_ENV: 'test', TEAMS_AUTH_DISABLED: 'on' }).join()).toMatch(/TEAMS_AUTH_DISABLED/);
    expect(loadConfig({ CAIRN_PLAYGROUND: 'TRUE' }).CAIRN_PLAYGROUND).toBe(true);
    expect(loadConfig({ CAIRN_PLAYGROUND: '0' }).CAIRN_PLAYGROUND).toBe(false);
    expect(loadConfig({ CAIRN_PLAYGROUND: '' }).CAIRN_PLAYGROUND).toBe(false);
  });

  it('refuses a CAIRN_TIME_ZONE that is not an IANA time zone', () => {
    expect(problemsOf({ CAIRN_TIME_ZONE: 'Mars/Olympus' }).join()).toMatch(/CAIRN_TIME_ZONE/);
    expect(loadConfig({ CAIRN_TIME_ZONE: 'America/Montreal' }).CAIRN_TIME_ZONE).toBe('America/Montreal');
  });
});
