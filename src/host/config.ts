import { dirname, join, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';

/** 1 or true, 0 or false (or unset); any other value is refused rather than read as off. */
const flag = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z
    .enum(['1', 'true', '0', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
);
/**
 * A variable set to nothing (`PORT=` in a .env template) is unset, so it takes its default: not 0 as
 * Number('') would make it, nor an empty path or flag.
 */
const withoutBlanks = (env: unknown): unknown =>
  env && typeof env === 'object'
    ? Object.fromEntries(Object.entries(env).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')))
    : env;
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

/** Every environment variable Cairn reads, in one place (documented in .env.example). */
const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText,
  CAIRN_DB: z.string().min(1).default('./data/cairn.db'),
  /** PostgreSQL instead of the SQLite file (several instances on one database). */
  CAIRN_DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  CAIRN_DATABASE_POOL: z.coerce.number().int().min(1).max(100).default(4),
  CAIRN_DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  CAIRN_SECRET: optionalText,
  /** The secret in use before CAIRN_SECRET was changed: read only (rotation). */
  CAIRN_SECRET_PREVIOUS: optionalText,
  CAIRN_LANGUAGE: z.enum(['fr', 'en']).default('fr'),
  CAIRN_TIME_ZONE: z
    .string()
    .default('Europe/Paris')
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone, such as Europe/Paris'),
  CAIRN_PRIVACY_URL: z.string().default('https://github.com/cairn-coop/cairn/blob/main/PRIVACY.md'),
  CAIRN_PLAYGROUND: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(0).default(10_000),
  CAIRN_OUTBOX_LEASE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Longest wait for a platform's answer to one send (the lease must be at least twice this). */
  CAIRN_OUTBOX_SEND_TIMEOUT_MS: z.coerce.number().int().min(50).default(15_000),
  /** How long a message that keeps failing transiently is retried before it ends dead (hours, decimals allowed). */
  CAIRN_OUTBOX_GIVE_UP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  CAIRN_OUTBOX_BACKOFF_MS: z.coerce.number().int().min(10).default(2_000),
  /** How long a suspended group (Cairn removed from its space, tokens revoked) is kept before its purge. */
  CAIRN_PURGE_GRACE_DAYS: z.coerce.number().positive().max(365).default(7),
  /** How often the members of every group's space and every installation are checked with the platform. */
  CAIRN_RECONCILE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(60),
  /** Tests only (NODE_ENV=test): the clock starts at this instant and runs at real speed… */
  CAIRN_FAKE_NOW: optionalText,
  /** …or this many times faster (a long outage compressed into minutes). */
  CAIRN_FAKE_SPEED: z.coerce.number().positive().max(1000).default(1),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_API_URL: optionalText,
  SLACK_WORKSPACE_RATE: z.coerce.number().positive().default(20),
  TEAMS_APP_ID: optionalText,
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_TENANT_ID: optionalText,
  TEAMS_ALLOWED_TENANTS: optionalText,
  TEAMS_AUTH_DISABLED: flag,
  TEAMS_TENANT_RATE: z.coerce.number().positive().default(30),
});

export const envSchema = z.preprocess(withoutBlanks, variables);

export type Env = z.infer<typeof variables>;

/**
 * Where the master secret comes from: CAIRN_SECRET; the public development constant (tests, and the
 * playground alone, which holds nothing of a real workspace); or a file generated beside the database on
 * first start (a platform configured outside production without CAIRN_SECRET).
 */
export type SecretSource =
  | { kind: 'environment'; value: string }
  | { kind: 'development'; value: string }
  | { kind: 'file'; path: string };

export type Config = Omit<Env, 'HOST'> & {
  HOST: string;
  secret: SecretSource;
  /** CAIRN_SECRET_PREVIOUS: keys derived from it still open what they sealed (read only). */
  previousSecret: string | undefined;
  slack: 'none' | 'single' | 'oauth';
  teams: boolean;
  playground: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cairn cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The development secret: public (it is in this file), so it protects nothing. Used only by tests and by
 * the playground alone; anything that talks to Slack or Teams uses CAIRN_SECRET or a generated file.
 */
export const DEV_SECRET = 'cairn-development-secret-not-for-production-use!';

/** The generated secret's file name, beside the database file. */
export const SECRET_FILE_NAME = 'cairn.secret';

const MIN_SECRET_BYTES = 32;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.has(host.toLowerCase());
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The variables, parsed: a malformed one is a ConfigError that names it (the server's start, the CLI). */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

/** Reads and checks the environment once. Every problem is listed with what to set. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = readEnv(source);
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const slackOAuth = Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET || env.SLACK_STATE_SECRET);
  const slackSingle = Boolean(env.SLACK_BOT_TOKEN);
  const slack = slackOAuth ? 'oauth' : slackSingle ? 'single' : 'none';
  if (slack !== 'none' && !env.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is required with Slack (Basic Information > Signing Secret).');
  }
  if (slack === 'oauth' && !(env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET)) {
    problems.push('Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together.');
  }
  if (env.SLACK_APP_TOKEN && slack === 'none') {
    problems.push('SLACK_APP_TOKEN (Socket Mode) also needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.');
  }

  const teams = Boolean(env.TEAMS_APP_ID || env.TEAMS_AUTH_DISABLED);
  if (env.TEAMS_APP_ID && !env.TEAMS_AUTH_DISABLED && !(env.TEAMS_APP_PASSWORD && env.TEAMS_TENANT_ID)) {
    problems.push('Teams needs TEAMS_APP_PASSWORD and TEAMS_TENANT_ID with TEAMS_APP_ID.');
  }
  if (production && env.TEAMS_AUTH_DISABLED) {
    problems.push('TEAMS_AUTH_DISABLED is for local tests only: unset it in production.');
  }

  // A sender whose lease ran out while its send could still be answered would let a second sender send
  // the same message: the lease must outlast two send deadlines.
  if (env.CAIRN_OUTBOX_LEASE_MS < 2 * env.CAIRN_OUTBOX_SEND_TIMEOUT_MS) {
    problems.push(
      `CAIRN_OUTBOX_LEASE_MS (${env.CAIRN_OUTBOX_LEASE_MS}) must be at least twice CAIRN_OUTBOX_SEND_TIMEOUT_MS (${env.CAIRN_OUTBOX_SEND_TIMEOUT_MS}).`,
    );
  }

  if (env.CAIRN_FAKE_NOW !== undefined) {
    if (env.NODE_ENV !== 'test') {
      problems.push('CAIRN_FAKE_NOW is for tests only (NODE_ENV=test): unset it to run Cairn on real time.');
    } else if (Number.isNaN(Date.parse(env.CAIRN_FAKE_NOW))) {
      problems.push('CAIRN_FAKE_NOW must be an ISO date and time, such as 2026-03-17T08:00:00Z.');
    }
  }
  if (env.CAIRN_FAKE_SPEED !== 1 && (env.NODE_ENV !== 'test' || env.CAIRN_FAKE_NOW === undefined))
    problems.push('CAIRN_FAKE_SPEED is for tests only, with NODE_ENV=test and CAIRN_FAKE_NOW.');

  if (production && (!env.CAIRN_SECRET || bytes(env.CAIRN_SECRET) < MIN_SECRET_BYTES)) {
    problems.push(
      'CAIRN_SECRET must be set to at least 32 bytes in production (for example: openssl rand -base64 48).',
    );
  } else if (env.CAIRN_SECRET && bytes(env.CAIRN_SECRET) < MIN_SECRET_BYTES) {
    problems.push(
      'CAIRN_SECRET is shorter than 32 bytes: use a longer random value (openssl rand -base64 48).',
    );
  }
  if (env.CAIRN_SECRET_PREVIOUS !== undefined) {
    if (bytes(env.CAIRN_SECRET_PREVIOUS) < MIN_SECRET_BYTES)
      problems.push('CAIRN_SECRET_PREVIOUS must be the previous CAIRN_SECRET (at least 32 bytes).');
    if (env.CAIRN_SECRET_PREVIOUS === env.CAIRN_SECRET)
      problems.push('CAIRN_SECRET_PREVIOUS is the same as CAIRN_SECRET: unset it, or set the new secret.');
  }
  if (production && env.SLACK_STATE_SECRET && bytes(env.SLACK_STATE_SECRET) < MIN_SECRET_BYTES) {
    problems.push(
      'SLACK_STATE_SECRET must be at least 32 bytes in production (for example: openssl rand -hex 24).',
    );
  }
  if (!/^https:\/\/[^\s/]+/i.test(env.CAIRN_PRIVACY_URL)) {
    problems.push('CAIRN_PRIVACY_URL must be an https:// address (people open it from Slack or Teams).');
  }

  const platform = slack !== 'none' || teams;
  const playground = env.CAIRN_PLAYGROUND || !platform;
  if (production && !platform) {
    problems.push(
      'No platform is configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or the Slack OAuth values), or TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID. The local playground never runs in production.',
    );
  }
  if (production && env.CAIRN_PLAYGROUND) problems.push('CAIRN_PLAYGROUND cannot be used in production.');
  else if (env.CAIRN_PLAYGROUND && platform && env.NODE_ENV !== 'test') {
    // The playground's time control moves the whole core's clock and answers anyone on the port.
    problems.push(
      'CAIRN_PLAYGROUND cannot run next to Slack or Teams: its time control would move the real groups’ clock. Run the playground alone (another CAIRN_DB, no Slack or Teams values).',
    );
  }
  // The playground, and Teams without authentication (tests), listen on this machine only; a platform
  // needs to be reachable.
  const host = env.HOST ?? (playground || env.TEAMS_AUTH_DISABLED ? '127.0.0.1' : '0.0.0.0');
  if (!production && env.TEAMS_AUTH_DISABLED && (env.NODE_ENV !== 'test' || !isLoopbackHost(host))) {
    problems.push(
      `TEAMS_AUTH_DISABLED lets anyone who reaches the port act as any Teams user: it is accepted only for tests, with NODE_ENV=test and a loopback HOST (NODE_ENV=${env.NODE_ENV}, HOST=${host}). Set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID instead.`,
    );
  }
  if (playground && !isLoopbackHost(host)) {
    problems.push(
      `The playground answers anyone who reaches it and has no login: it listens on 127.0.0.1 only (HOST=${host} refused). To show it to another machine, use an SSH tunnel (ssh -L 3000:127.0.0.1:3000 …).`,
    );
  }

  const secret: SecretSource = env.CAIRN_SECRET
    ? { kind: 'environment', value: env.CAIRN_SECRET }
    : env.NODE_ENV === 'test' || !platform
      ? { kind: 'development', value: DEV_SECRET }
      : { kind: 'file', path: join(dirname(resolve(env.CAIRN_DB)), SECRET_FILE_NAME) };

  if (problems.length) throw new ConfigError(problems);
  return {
    ...env,
    HOST: host,
    secret,
    previousSecret: env.CAIRN_SECRET_PREVIOUS,
    slack,
    teams,
    playground,
  };
}
