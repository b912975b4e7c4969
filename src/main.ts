import type { Server } from 'node:http';
import nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import express, { type Express } from 'express';
import type { Playground } from '../adapters/playground/index.js';
import type { SlackAdapter } from '../adapters/slack/index.js';
import type { TeamsApp, TeamsSettings } from '../adapters/teams/app.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { createSqliteStore } from '../db/sqlite-store.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { errorSummary } from './core/background.js';
import { type Core, createCore } from './core/index.js';
import { Platforms } from './core/platforms.js';
import { type Clock, clockStartingAt, systemClock } from './core/ports/clock.js';
import type { Logger } from './core/ports/logger.js';
import { closeServer, createHttpApp, type HttpState, listen, MAX_BODY_BYTES } from './http.js';
import { randomIds } from './ids.js';
import { createLogger } from './logger.js';
import { startScheduler } from './scheduler.js';
import { createSecrets, deriveKey } from './secrets.js';

export type RunningCairn = {
  core: Core;
  server: Server;
  url: string;
  /** The local playground, when it is served. */
  playground?: Playground;
  /** Graceful stop: refuse new requests, stop the scheduler, let sends finish, checkpoint, close. */
  stop(): Promise<boolean>;
};

export type StartOptions = {
  clock?: Clock;
  /** Re-seed the playground's demo (`npm start -- --reset-demo`). */
  resetDemo?: boolean;
  /** Where the playground's bundled page is (tests build it elsewhere). */
  playgroundWebDir?: string;
};

/** The one place where configuration, database, core, adapters, scheduler and HTTP are wired. */
export async function startCairn(config: Config, options: StartOptions = {}): Promise<RunningCairn> {
  const logger = createLogger({ level: config.LOG_LEVEL });
  const db = openDatabase(config.CAIRN_DB);
  const store = createSqliteStore(db);
  const platforms = new Platforms();
  // A platform's adapter (and its SDK) is loaded only when it is configured: teams-ai alone takes about
  // a second and 70 MB to load, which a Slack-only server should not pay.
  const clock =
    options.clock ?? (config.CAIRN_FAKE_NOW ? clockStartingAt(new Date(config.CAIRN_FAKE_NOW)) : systemClock);
  const playgroundModule = config.playground ? await import('../adapters/playground/index.js') : undefined;
  // The playground runs on a simulated clock (real time plus what its time control adds) for the whole core.
  const simulated = playgroundModule ? new playgroundModule.SimulatedClock(clock) : undefined;
  const playgroundPlatform =
    playgroundModule && simulated ? new playgroundModule.PlaygroundPlatform(simulated) : undefined;
  if (playgroundPlatform) platforms.add(playgroundPlatform);
  const core = createCore({
    store,
    clock: simulated ?? clock,
    ids: randomIds,
    logger,
    secrets: createSecrets(config.secret),
    platforms,
    config: {
      defaultLanguage: config.CAIRN_LANGUAGE,
      defaultTimeZone: config.CAIRN_TIME_ZONE,
      privacyUrl: config.CAIRN_PRIVACY_URL,
    },
    outbox: {
      leaseMs: config.CAIRN_OUTBOX_LEASE_MS,
      maxAttempts: config.CAIRN_OUTBOX_MAX_ATTEMPTS,
      baseBackoffMs: config.CAIRN_OUTBOX_BACKOFF_MS,
    },
  });
  const state: HttpState = { shuttingDown: false };
  const app = createHttpApp(core, state, { database: db.check });
  let slack: SlackAdapter | undefined;
  if (config.slack !== 'none') {
    const [{ createSlackAdapter }, { slackSettings }, { createSlackInstallationRepository }] =
      await Promise.all([
        import('../adapters/slack/index.js'),
        import('../adapters/slack/settings.js'),
        import('../db/repositories/slack-installations.js'),
      ]);
    slack = await createSlackAdapter({
      ...slackSettings(config),
      core,
      http: app,
      installations: createSlackInstallationRepository(db.db),
      tokenKey: deriveKey(config.secret, 'slack-installations'),
      bodyLimit: MAX_BODY_BYTES,
      logger,
    });
    platforms.add(slack.platform);
  }
  let playground: Playground | undefined;
  if (playgroundModule && simulated && playgroundPlatform) {
    playground = new playgroundModule.Playground(core, playgroundPlatform, {
      clock: simulated,
      defaultLanguage: config.CAIRN_LANGUAGE,
      timeZone: config.CAIRN_TIME_ZONE,
      webDir: options.playgroundWebDir,
    });
    await playground.start({ resetDemo: options.resetDemo });
    playground.mount(app);
  }

  if (config.teams) await mountTeams(config, { app, core, platforms, db, logger });

  const server = await listen(app, config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://localhost:${port}`;
  await slack?.start();
  const scheduler = startScheduler(core);
  core.outbox.start();
  logger.info({ port, platforms: platforms.list().map((p) => p.id) }, 'Cairn is ready');

  return {
    core,
    server,
    url,
    playground,
    async stop() {
      const ends = Date.now() + config.SHUTDOWN_DEADLINE_MS;
      const left = () => Math.max(0, ends - Date.now());
      // From now on every request is answered 503 (the port stays open while sends finish, so a load
      // balancer or Slack sees "unavailable", not a refused connection).
      state.shuttingDown = true;
      playground?.close();
      scheduler.stop();
      await slack?.stop();
      const finished = await core.outbox.stop(left());
      await Promise.race([core.idle(), new Promise((resolve) => setTimeout(resolve, left()))]);
      // Requests accepted before the signal get a moment more to finish; then the port closes.
      await closeServer(server, Math.max(left(), 1_000));
      store.checkpoint();
      db.close();
      logger.info({ finished }, 'Cairn stopped');
      return finished;
    },
  };
}

/**
 * Teams on the shared server: `POST /api/messages`, with its JSON parser on that route only (Slack's
 * receiver needs raw bodies). A person Cairn cannot reach is reported to their facilitators.
 */
export async function mountTeams(
  config: Config,
  parts: { app: Express; core: Core; platforms: Platforms; db: DatabaseHandle; logger: Logger },
  overrides: Partial<TeamsSettings> = {},
): Promise<TeamsApp> {
  const { app, core, platforms, db, logger } = parts;
  const [{ allowedTenantsOf }, { createTeams }, { createTeamsConversationRepository }] = await Promise.all([
    import('../adapters/teams/admission.js'),
    import('../adapters/teams/app.js'),
    import('../db/repositories/teams-conversations.js'),
  ]);
  const teams = createTeams(
    {
      appId: config.TEAMS_APP_ID,
      appPassword: config.TEAMS_APP_PASSWORD,
      tenantId: config.TEAMS_TENANT_ID,
      allowedTenants: allowedTenantsOf(config.TEAMS_ALLOWED_TENANTS, config.TEAMS_TENANT_ID),
      authDisabled: config.TEAMS_AUTH_DISABLED,
      production: config.NODE_ENV === 'production',
      tenantRate: config.TEAMS_TENANT_RATE,
      defaultLanguage: config.CAIRN_LANGUAGE,
      sdkDebugLogs: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace',
      ...overrides,
    },
    {
      core,
      records: createTeamsConversationRepository(db.db),
      logger,
      clock: core.deps.clock,
      onUnreachable: (userRef) => core.reportUnreachable('teams', userRef),
    },
  );
  platforms.add(teams.platform);
  app.post('/api/messages', express.json({ limit: MAX_BODY_BYTES }), teams.handler);
  return teams;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const cairn = await startCairn(config, { resetDemo: process.argv.includes('--reset-demo') });
  process.stdout.write(`Cairn is running on ${cairn.url}\n`);
  if (cairn.playground) {
    process.stdout.write(
      `Playground: open ${cairn.url} in your browser (no Slack or Teams account needed).\n`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: stopping Cairn…\n`);
    cairn.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${errorSummary(err).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Node 22+ keeps V8's compiled code of the modules loaded from here on (Bolt, teams-ai and botbuilder,
  // imported when configured) in a disk cache, so that later starts skip most of their compilation
  // (NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20 has no such cache.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  main().catch((err: unknown) => {
    process.stderr.write(`Cairn failed to start: ${errorSummary(err).message}\n`);
    process.exit(1);
  });
}
