import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackAdapter } from '../../../adapters/slack/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { ManualClock } from '../../../src/core/contract/clock.js';
import type { OutboxOptions } from '../../../src/core/delivery/outbox-worker.js';
import type { Pacer } from '../../../src/core/delivery/rate-limiter.js';
import type { Core } from '../../../src/core/index.js';
import type { IdSource } from '../../../src/core/ports/ids.js';
import type { Store } from '../../../src/core/ports/store.js';
import { assembleCairn } from '../../../src/host/assemble.js';
import { listen } from '../../../src/host/http.js';
import { randomIds } from '../../../src/host/ids.js';
import { createLogger } from '../../../src/host/logger.js';
import type { FakeSlack } from '../../support/fake-slack.js';
import { LogBuffer, testConfig } from '../../support/harness.js';
import { SlackDriver } from './slack-client.js';

export const SIGNING_SECRET = 'signing-secret-for-the-cairn-tests';
export const CAIRN_SECRET = 'test-secret-that-is-long-enough-for-cairn';

/** Time for the outbox's pacing that moves only when the outbox sleeps: pacing costs no real time. */
export class VirtualPacer implements Pacer {
  private now = 0;
  nowMs(): number {
    return this.now;
  }
  async sleep(ms: number): Promise<void> {
    this.now += ms;
  }
}

export type SlackCairn = {
  core: Core;
  /** The database file. */
  file: string;
  store: Store;
  db: DatabaseHandle;
  clock: ManualClock;
  slack: SlackAdapter;
  driver: SlackDriver;
  logs: LogBuffer;
  url: string;
  /** Background work, then the scheduler at the clock's now, then every due outbox row. */
  run(): Promise<void>;
  close(): Promise<void>;
};

export type SlackCairnOptions = {
  start?: string;
  oauth?: boolean;
  /** Keep the database directory (for a restart). */
  dir?: string;
  /** Cairn's log level (default debug); `trace` for the privacy attacks. */
  logLevel?: string;
  /** Log lines carry the manual clock's time instead of the system's. */
  logOnManualClock?: boolean;
  /** CAIRN_SECRET (default: CAIRN_SECRET below) and CAIRN_SECRET_PREVIOUS (a rotation). */
  secret?: string;
  previousSecret?: string;
  ids?: IdSource;
  /** Outbox settings over the harness's (1 s backoff, given up after 10 minutes). */
  outbox?: Partial<OutboxOptions>;
  /** PostgreSQL instead of the SQLite file (several instances on one database). */
  databaseUrl?: string;
};

/**
 * Cairn as the host assembles it for Slack (real core, SQLite file, Express, Bolt on /slack/events),
 * in process, with a manual clock and the Web API pointed at the fake.
 */
export async function startSlackCairn(fake: FakeSlack, options: SlackCairnOptions = {}): Promise<SlackCairn> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cairn-slack-'));
  const file = join(dir, 'cairn.db');
  const clock = new ManualClock(options.start ?? '2026-03-02T08:00:00Z');
  const logs = new LogBuffer();
  const env: Record<string, string> = options.oauth
    ? {
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret-for-tests',
      }
    : { SLACK_BOT_TOKEN: 'xoxb-test' };
  const cairn = await assembleCairn(
    testConfig({
      CAIRN_DB: file,
      CAIRN_SECRET: options.secret ?? CAIRN_SECRET,
      ...(options.previousSecret ? { CAIRN_SECRET_PREVIOUS: options.previousSecret } : {}),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_WORKSPACE_RATE: '50',
      ...env,
      ...(options.databaseUrl ? { CAIRN_DATABASE_URL: options.databaseUrl, CAIRN_DATABASE_POOL: '2' } : {}),
    }),
    {
      clock,
      logger: createLogger({
        level: options.logLevel ?? 'debug',
        destination: logs,
        ...(options.logOnManualClock ? { now: () => clock.now() } : {}),
      }),
      ids: options.ids ?? randomIds,
      pacer: new VirtualPacer(),
      outbox: { baseBackoffMs: 1_000, giveUpMs: 600_000, ...options.outbox },
      slack: { retries: 0 },
    },
  );
  const { core, store, db, slack, database } = cairn;
  const server: Server = await listen(cairn.http, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const driver = new SlackDriver(`${url}/slack/events`, fake, SIGNING_SECRET);
  return {
    core,
    file,
    store,
    db,
    clock,
    slack: slack!,
    driver,
    logs,
    url,
    run: () => core.settle(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.idle();
      database.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table: what a refused request must leave unchanged. */
export function tableCounts(db: DatabaseHandle): Record<string, number> {
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}
