import type { Express } from 'express';
import type { PlaygroundAdapter } from '../../adapters/playground/index.js';
import type { SlackAdapter, SlackAdapterOptions } from '../../adapters/slack/index.js';
import type { TeamsAdapter, TeamsSettings } from '../../adapters/teams/index.js';
import type { DatabaseHandle } from '../../db/client.js';
import type { ChatPlatform } from '../core/contract/chat-platform.js';
import { type Clock, clockStartingAt, systemClock } from '../core/contract/clock.js';
import type { Logger } from '../core/contract/logger.js';
import type { OutboxOptions } from '../core/delivery/outbox-worker.js';
import type { Pacer } from '../core/delivery/rate-limiter.js';
import { assembleCore, type Core, type CoreDeps } from '../core/index.js';
import { Platforms } from '../core/kernel/platforms.js';
import type { ChartRenderer } from '../core/ports/charts.js';
import type { IdSource } from '../core/ports/ids.js';
import type { Store } from '../core/ports/store.js';
import { createChartRenderer } from './charts/chart-renderer.js';
import type { Config } from './config.js';
import { type OpenedDatabase, openConfiguredDatabase } from './database.js';
import { createHttpApp, finishHttpApp, type HttpState, MAX_BODY_BYTES } from './http.js';
import { randomIds } from './ids.js';
import { createLogger } from './logger.js';
import { resolveSecret } from './secret-file.js';
import { createSecrets, deriveKey } from './secrets.js';
import { slackSettings } from './slack-settings.js';

/** What every platform adapter gives the host: its outbound platform, its routes, its connection. */
export type Adapter = {
  platform: ChatPlatform;
  mount(http: Express): void;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export type AssembleOptions = {
  clock?: Clock;
  logger?: Logger;
  ids?: IdSource;
  /** The outbox's pacing clock (real time unless given). */
  pacer?: Pacer;
  /** Outbox settings over the configuration's. */
  outbox?: Partial<OutboxOptions>;
  /** Platforms that live in this process beside the configured ones (the memory platform of tests). */
  platforms?: ChatPlatform[];
  /** Settings over the configuration's, per adapter (tests point the SDKs at local fakes). */
  slack?: Partial<SlackAdapterOptions>;
  teams?: Partial<TeamsSettings>;
  /** Draws the check-in trend pictures (default: Vega-Lite, Vega and resvg, src/host/charts). */
  charts?: ChartRenderer;
  /** The playground's page location and demo reset; false leaves the playground out whatever the config. */
  playground?: false | { webDir?: string; resetDemo?: boolean };
};

/** Cairn with everything wired, not yet serving: `startCairn` listens and starts it; tests drive it. */
export type AssembledCairn = {
  config: Config;
  core: Core;
  /** The core's dependencies, for tests and benchmarks that drive the kernel directly. */
  deps: CoreDeps;
  store: Store;
  /** The database, whichever engine (close it, check it). */
  database: OpenedDatabase;
  /** The SQLite handle (tests look into the file); on PostgreSQL, using it throws. */
  db: DatabaseHandle;
  http: Express;
  httpState: HttpState;
  clock: Clock;
  logger: Logger;
  adapters: Adapter[];
  slack?: SlackAdapter;
  teams?: TeamsAdapter;
  playground?: PlaygroundAdapter;
};

/**
 * The one place where configuration, database, core and adapters are wired together. A platform's
 * adapter (and its SDK) is loaded only when it is configured: teams-ai alone takes about a second and
 * 70 MB to load, which a Slack-only server should not pay.
 */
export async function assembleCairn(config: Config, options: AssembleOptions = {}): Promise<AssembledCairn> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const secret = resolveSecret(config.secret, logger);
  const previousSecret = config.previousSecret;
  const database = openConfiguredDatabase(config, { logger });
  const { store } = database;
  const db = database.sqlite ?? sqliteOnly();
  const platforms = new Platforms(options.platforms ?? []);
  const base =
    options.clock ??
    (config.CAIRN_FAKE_NOW
      ? clockStartingAt(new Date(config.CAIRN_FAKE_NOW), systemClock, config.CAIRN_FAKE_SPEED)
      : systemClock);
  const playgroundModule =
    config.playground && options.playground !== false
      ? await import('../../adapters/playground/index.js')
      : undefined;
  // The playground runs on a simulated clock (real time plus what its time control adds) for the whole core.
  const simulated = playgroundModule ? new playgroundModule.SimulatedClock(base) : undefined;
  const playgroundPlatform =
    playgroundModule && simulated ? new playgroundModule.PlaygroundPlatform(simulated) : undefined;
  if (playgroundPlatform) platforms.add(playgroundPlatform);
  const clock = simulated ?? base;
  const { core, deps } = assembleCore({
    store,
    clock,
    ids: options.ids ?? randomIds,
    logger,
    secrets: createSecrets(secret, previousSecret),
    platforms,
    charts: options.charts ?? createChartRenderer(),
    config: {
      defaultLanguage: config.CAIRN_LANGUAGE,
      defaultTimeZone: config.CAIRN_TIME_ZONE,
      privacyUrl: config.CAIRN_PRIVACY_URL,
      purgeGraceDays: config.CAIRN_PURGE_GRACE_DAYS,
    },
    outbox: {
      leaseMs: config.CAIRN_OUTBOX_LEASE_MS,
      sendTimeoutMs: config.CAIRN_OUTBOX_SEND_TIMEOUT_MS,
      giveUpMs: Math.round(config.CAIRN_OUTBOX_GIVE_UP_HOURS * 3_600_000),
      baseBackoffMs: config.CAIRN_OUTBOX_BACKOFF_MS,
      ...options.outbox,
    },
    ...(options.pacer ? { pacer: options.pacer } : {}),
    ...(database.postgres ? { sharedPacing: database.postgres.pacing } : {}),
  });
  const httpState: HttpState = { shuttingDown: false };
  const http = createHttpApp(core, httpState, { database: database.check });
  const assembled: AssembledCairn = {
    config,
    core,
    deps,
    store,
    database,
    db,
    http,
    httpState,
    clock,
    logger,
    adapters: [],
  };
  const use = (adapter: Adapter) => {
    platforms.add(adapter.platform);
    adapter.mount(http);
    assembled.adapters.push(adapter);
  };

  if (config.slack !== 'none') {
    const { createSlackAdapter } = await import('../../adapters/slack/index.js');
    assembled.slack = await createSlackAdapter({
      ...slackSettings(config),
      core,
      installations: database.slackInstallations,
      ...(database.postgres ? { refreshLock: database.postgres } : {}),
      tokenKey: deriveKey(secret, 'slack-installations'),
      ...(previousSecret ? { previousTokenKey: deriveKey(previousSecret, 'slack-installations') } : {}),
      bodyLimit: MAX_BODY_BYTES,
      logger,
      ...options.slack,
    });
    use(assembled.slack);
  }
  if (playgroundModule && simulated && playgroundPlatform && options.playground !== false) {
    assembled.playground = playgroundModule.createPlaygroundAdapter(
      {
        defaultLanguage: config.CAIRN_LANGUAGE,
        timeZone: config.CAIRN_TIME_ZONE,
        ...options.playground,
      },
      { core, platform: playgroundPlatform, clock: simulated, logger },
    );
    use(assembled.playground);
  }
  if (config.teams) {
    const [{ allowedTenantsOf }, { createTeamsAdapter }] = await Promise.all([
      import('../../adapters/teams/admission.js'),
      import('../../adapters/teams/index.js'),
    ]);
    assembled.teams = createTeamsAdapter(
      {
        appId: config.TEAMS_APP_ID,
        appPassword: config.TEAMS_APP_PASSWORD,
        tenantId: config.TEAMS_TENANT_ID,
        allowedTenants: allowedTenantsOf(config.TEAMS_ALLOWED_TENANTS, config.TEAMS_TENANT_ID),
        authDisabled: config.TEAMS_AUTH_DISABLED,
        production: config.NODE_ENV === 'production',
        // Tests point Teams at a fake Bot Connector on 127.0.0.1 through the activities' serviceUrl.
        loopbackServiceUrls: config.NODE_ENV === 'test',
        tenantRate: config.TEAMS_TENANT_RATE,
        defaultLanguage: config.CAIRN_LANGUAGE,
        sdkDebugLogs: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace',
        bodyLimit: MAX_BODY_BYTES,
        ...options.teams,
      },
      {
        core,
        records: database.teamsConversations,
        logger,
        clock,
        // A person Cairn cannot reach in Teams is reported to their facilitators.
        onUnreachable: (userRef) => core.reportUnreachable('teams', userRef),
      },
    );
    use(assembled.teams);
  }
  // After every route: what no route answered, and every error, get a status and nothing else.
  finishHttpApp(http, logger);
  return assembled;
}

/** What `db` is on PostgreSQL: any use says why instead of failing somewhere obscure. */
function sqliteOnly(): DatabaseHandle {
  return new Proxy({} as DatabaseHandle, {
    get: (_target, property) => {
      throw new Error(`db.${String(property)}: Cairn runs on PostgreSQL here; use \`database\` instead`);
    },
  });
}
