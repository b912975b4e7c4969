import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TeamsAdapter, TeamsSettings } from '../../../adapters/teams/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { ManualClock } from '../../../src/core/contract/clock.js';
import type { OutboxOptions } from '../../../src/core/delivery/outbox-worker.js';
import type { Pacer } from '../../../src/core/delivery/rate-limiter.js';
import type { Core } from '../../../src/core/index.js';
import type { Store } from '../../../src/core/ports/store.js';
import { assembleCairn } from '../../../src/host/assemble.js';
import { listen } from '../../../src/host/http.js';
import { createLogger } from '../../../src/host/logger.js';
import { HOUR, LogBuffer, testConfig } from '../../support/harness.js';
import { FakeConnector, type TeamsUserAccount } from './fake-connector.js';
import './local-only.js';
import { TeamsClient } from './teams-client.js';
import { TeamsPerson } from './teams-person.js';

export const TENANT = '7e1c1a52-0000-4000-8000-00000000a11c';

export type TeamsHarness = {
  core: Core;
  store: Store;
  db: DatabaseHandle;
  file: string;
  clock: ManualClock;
  fake: FakeConnector;
  client: TeamsClient;
  teams: TeamsAdapter;
  logs: LogBuffer;
  url: string;
  /** Background work, the scheduler at the clock's now, then the outbox until nothing is due. */
  run(): Promise<void>;
  /** Moves the clock forward, ticking every `stepMs` (an hour by default) like the cron would. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** A person acting in Teams (`alice.command('case')`, `alice.press(/Proposer/)`, `alice.submit({...})`). */
  as(account: TeamsUserAccount): TeamsPerson;
  close(): Promise<void>;
};

export type TeamsHarnessOptions = {
  start?: string;
  env?: Record<string, string>;
  overrides?: Partial<TeamsSettings>;
  pacer?: Pacer;
  fakeNow?: () => number;
  /** Outbox settings over the harness's (1 s backoff, given up after 10 minutes). */
  outbox?: Partial<OutboxOptions>;
};

/**
 * Cairn's real Teams stack (teams-ai, TeamsAdapter, Express, as the host assembles it) over HTTP on
 * 127.0.0.1, authentication off, a real SQLite file, a manual clock, and a fake Bot Connector.
 */
export async function startTeamsHarness(options: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-teams-'));
  const file = join(dir, 'cairn.db');
  const clock = new ManualClock(options.start ?? '2026-03-02T08:00:00Z');
  const logs = new LogBuffer();
  const cairn = await assembleCairn(
    testConfig({
      CAIRN_DB: file,
      TEAMS_AUTH_DISABLED: '1',
      CAIRN_SECRET: 'a-test-secret-that-is-long-enough-for-cairn-teams',
      ...options.env,
    }),
    {
      clock,
      logger: createLogger({ level: 'trace', destination: logs }),
      outbox: { baseBackoffMs: 1_000, giveUpMs: 600_000, ...options.outbox },
      ...(options.pacer ? { pacer: options.pacer } : {}),
      ...(options.overrides ? { teams: options.overrides } : {}),
    },
  );
  const { core, store, db } = cairn;
  const teams = cairn.teams!;
  const fake = await new FakeConnector(options.fakeNow).start();
  const server: Server = await listen(cairn.http, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new TeamsClient(url, fake, TENANT);

  const run = async () => {
    await core.settle();
    // A send can make the adapter report someone unreachable: deliver what that enqueued too.
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
  const harness: TeamsHarness = {
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
    as: (account) => new TeamsPerson(harness, account),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
