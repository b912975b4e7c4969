import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TeamsApp, TeamsSettings } from '../../../adapters/teams/app.js';
import { type DatabaseHandle, openDatabase } from '../../../db/client.js';
import { createSqliteStore } from '../../../db/sqlite-store.js';
import { loadConfig } from '../../../src/host/config.js';
import type { Pacer } from '../../../src/core/delivery/rate-limiter.js';
import { type Core, createCore } from '../../../src/core/index.js';
import { Platforms } from '../../../src/core/kernel/platforms.js';
import { ManualClock } from '../../../src/core/ports/clock.js';
import type { Store } from '../../../src/core/ports/store.js';
import { createHttpApp, listen } from '../../../src/host/http.js';
import { randomIds } from '../../../src/host/ids.js';
import { createLogger } from '../../../src/host/logger.js';
import { mountTeams } from '../../../src/host/main.js';
import { createSecrets } from '../../../src/host/secrets.js';
import { HOUR, LogBuffer } from '../../support/harness.js';
import { FakeConnector } from './fake-connector.js';
import './local-only.js';
import { TeamsClient } from './teams-client.js';

export const TENANT = '7e1c1a52-0000-4000-8000-00000000a11c';

export type TeamsHarness = {
  core: Core;
  store: Store;
  db: DatabaseHandle;
  file: string;
  clock: ManualClock;
  fake: FakeConnector;
  client: TeamsClient;
  teams: TeamsApp;
  logs: LogBuffer;
  url: string;
  /** Background work, the scheduler at the clock's now, then the outbox until nothing is due. */
  run(): Promise<void>;
  /** Moves the clock forward, ticking every `stepMs` (an hour by default) like the cron would. */
  advance(ms: number, stepMs?: number): Promise<void>;
  close(): Promise<void>;
};

export type TeamsHarnessOptions = {
  start?: string;
  env?: Record<string, string>;
  overrides?: Partial<TeamsSettings>;
  pacer?: Pacer;
  fakeNow?: () => number;
};

/**
 * Cairn's real Teams stack (teams-ai, TeamsAdapter, Express, the wiring of src/main.ts) over HTTP on
 * 127.0.0.1, authentication off, a real SQLite file, a manual clock, and a fake Bot Connector.
 */
export async function startTeamsHarness(options: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const config = loadConfig({
    NODE_ENV: 'test',
    TEAMS_AUTH_DISABLED: '1',
    CAIRN_SECRET: 'a-test-secret-that-is-long-enough-for-cairn-teams',
    LOG_LEVEL: 'trace',
    ...options.env,
  });
  const dir = mkdtempSync(join(tmpdir(), 'cairn-teams-'));
  const file = join(dir, 'cairn.db');
  const db = openDatabase(file);
  const store = createSqliteStore(db);
  const clock = new ManualClock(options.start ?? '2026-03-02T08:00:00Z');
  const logs = new LogBuffer();
  const logger = createLogger({ level: 'trace', destination: logs });
  const platforms = new Platforms();
  const core = createCore({
    store,
    clock,
    ids: randomIds,
    logger,
    secrets: createSecrets(config.secret),
    platforms,
    config: {
      defaultLanguage: 'fr',
      defaultTimeZone: 'Europe/Paris',
      privacyUrl: 'https://example.org/privacy',
    },
    outbox: { baseBackoffMs: 1_000, maxAttempts: 4 },
    ...(options.pacer ? { pacer: options.pacer } : {}),
  });
  const fake = await new FakeConnector(options.fakeNow).start();
  const app = createHttpApp(core, { shuttingDown: false });
  const teams = await mountTeams(config, { app, core, platforms, db, logger }, options.overrides);
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new TeamsClient(url, fake, TENANT);

  const run = async () => {
    await core.idle();
    core.tick();
    await core.outbox.drain();
    await core.idle();
    await core.outbox.drain();
  };
  const advance = async (ms: number, stepMs = HOUR) => {
    const end = clock.now().getTime() + ms;
    while (clock.now().getTime() < end) {
      clock.set(new Date(Math.min(end, clock.now().getTime() + stepMs)));
      await run();
    }
  };
  return {
    core,
    store,
    db,
    file,
    clock,
    fake,
    client,
    teams,
    logs,
    url,
    run,
    advance,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
