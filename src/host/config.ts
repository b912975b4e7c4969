import { z } from 'zod';

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true');
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

/** Every environment variable Cairn reads, in one place (documented in .env.example). */
export const envSchema = z.object({
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
  CAIRN_LANGUAGE: z.enum(['fr', 'en']).default('fr'),
  CAIRN_TIME_ZONE: z.string().default('Europe/Paris'),
  CAIRN_PRIVACY_URL: z.string().default('https://github.com/cairn-coop/cairn/blob/main/PRIVACY.md'),
  CAIRN_PLAYGROUND: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(0).default(10_000),
  CAIRN_OUTBOX_LEASE_MS: z.coerce.number().int().min(100).default(30_000),
  CAIRN_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  CAIRN_OUTBOX_BACKOFF_MS: z.coerce.number().int().min(10).default(2_000),
  /** Tests only (NODE_ENV=test): the clock starts at this instant and runs at real speed. */
  CAIRN_FAKE_NOW: optionalText,
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

export type Env = z.infer<typeof envSchema>;

export type Config = Omit<Env, 'HOST'> & {
  HOST: string;
  secret: string;
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

/** The development secret: stable so check-in tokens survive a restart; refused in production. */
export const DEV_SECRET = 'cairn-development-secret-not-for-production-use!';

/** Reads and checks the environment once. Every problem is listed with what to set. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
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

  if (env.CAIRN_FAKE_NOW !== undefined) {
    if (env.NODE_ENV !== 'test') {
      problems.push('CAIRN_FAKE_NOW is for tests only (NODE_ENV=test): unset it to run Cairn on real time.');
    } else if (Number.isNaN(Date.parse(env.CAIRN_FAKE_NOW))) {
      problems.push('CAIRN_FAKE_NOW must be an ISO date and time, such as 2026-03-17T08:00:00Z.');
    }
  }

  if (production && (!env.CAIRN_SECRET || Buffer.byteLength(env.CAIRN_SECRET, 'utf8') < 32)) {
    problems.push(
      'CAIRN_SECRET must be set to at least 32 bytes in production (for example: openssl rand -base64 48).',
    );
  } else if (env.CAIRN_SECRET && Buffer.byteLength(env.CAIRN_SECRET, 'utf8') < 32) {
    problems.push(
      'CAIRN_SECRET is shorter than 32 bytes: use a longer random value (openssl rand -base64 48).',
    );
  }

  const playground = env.CAIRN_PLAYGROUND || (slack === 'none' && !teams);
  if (production && slack === 'none' && !teams) {
    problems.push(
      'No platform is configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or the Slack OAuth values), or TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID. The local playground never runs in production.',
    );
  }
  if (production && env.CAIRN_PLAYGROUND) problems.push('CAIRN_PLAYGROUND cannot be used in production.');

  if (problems.length) throw new ConfigError(problems);
  // The playground alone listens on this machine only; a platform needs to be reachable.
  const host = env.HOST ?? (slack === 'none' && !teams ? '127.0.0.1' : '0.0.0.0');
  return { ...env, HOST: host, secret: env.CAIRN_SECRET ?? DEV_SECRET, slack, teams, playground };
}
