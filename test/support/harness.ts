import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { MemoryPlatform } from '../../adapters/memory/platform.js';
import type { DatabaseHandle } from '../../db/client.js';
import { ManualClock } from '../../src/core/contract/clock.js';
import type { OutboxOptions } from '../../src/core/delivery/outbox-worker.js';
import type { Pacer } from '../../src/core/delivery/rate-limiter.js';
import type { Core, CoreDeps } from '../../src/core/index.js';
import type { ChartRenderer } from '../../src/core/ports/charts.js';
import type { IdSource } from '../../src/core/ports/ids.js';
import type { Store } from '../../src/core/ports/store.js';
import { assembleCairn } from '../../src/host/assemble.js';
import { loadConfig } from '../../src/host/config.js';
import { randomIds } from '../../src/host/ids.js';
import { createLogger } from '../../src/host/logger.js';
import { createTestDatabase } from './pg-databases.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Every log line, kept in memory so tests can search it for what people wrote. */
export class LogBuffer extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export type Harness = {
  core: Core;
  /** The core's dependencies (tests that drive the kernel directly: a worker of their own, a raw enqueue). */
  deps: CoreDeps;
  platform: MemoryPlatform;
  clock: ManualClock;
  store: Store;
  db: DatabaseHandle;
  file: string;
  dir: string;
  logs: LogBuffer;
  /** Reads rows with SQL (`?` placeholders) on whichever engine the harness runs. */
  query(sql: string, ...args: unknown[]): Record<string, unknown>[];
  /** Runs the scheduler and delivers the outbox at the current time. */
  run(): Promise<void>;
  /** Moves the clock forward, ticking every `stepMs` (default one hour) like the minute cron would. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** Moves the clock to an instant, ticking on the way. */
  advanceTo(iso: string, stepMs?: number): Promise<void>;
  close(): void;
};

export type HarnessOptions = {
  start?: string;
  dir?: string;
  platform?: MemoryPlatform;
  secret?: string;
  /** CAIRN_SECRET_PREVIOUS: the secret before a rotation, still accepted for reading. */
  previousSecret?: string;
  /** The outbox's pacing clock (real time unless given). */
  pacer?: Pacer;
  /** Where new ids come from (default: random UUIDs). */
  ids?: IdSource;
  /** Outbox settings over the harness's (1 s backoff, given up after 10 minutes). */
  outbox?: Partial<OutboxOptions>;
  /** Draws the trend pictures (default: the host's, with Vega-Lite and resvg). */
  charts?: ChartRenderer;
  /** Run on this PostgreSQL database instead of a SQLite file. */
  databaseUrl?: string;
};

/** A real Cairn, assembled as the host assembles it, on a real SQLite file, a memory platform and a fixed clock. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cairn-test-'));
  const file = join(dir, 'cairn.db');
  const clock = new ManualClock(options.start ?? '2026-03-02T08:00:00Z');
  const platform = options.platform ?? new MemoryPlatform();
  const logs = new LogBuffer();
  const cairn = await assembleCairn(
    testConfig({
      CAIRN_DB: file,
      CAIRN_SECRET: options.secret ?? 'test-secret-that-is-long-enough-for-cairn',
      ...(options.previousSecret ? { CAIRN_SECRET_PREVIOUS: options.previousSecret } : {}),
      ...(options.databaseUrl
        ? { CAIRN_DATABASE_URL: options.databaseUrl, CAIRN_DATABASE_POOL: '2' }
        : scenarioDatabase()),
    }),
    {
      clock,
      // Log lines carry the manual clock's time, like every other instant of the test's world.
      logger: createLogger({ level: 'trace', destination: logs, now: () => clock.now() }),
      ids: options.ids ?? randomIds,
      platforms: [platform],
      playground: false,
      outbox: { baseBackoffMs: 1_000, giveUpMs: 600_000, ...options.outbox },
      ...(options.pacer ? { pacer: options.pacer } : {}),
      ...(options.charts ? { charts: options.charts } : {}),
    },
  );
  const { core, store, db, deps, database } = cairn;
  platform.connect((event) => core.handle(event));

  const run = () => core.settle();
  const advance = async (ms: number, stepMs = HOUR) => {
    const end = clock.now().getTime() + ms;
    while (clock.now().getTime() < end) {
      clock.set(new Date(Math.min(end, clock.now().getTime() + stepMs)));
      await run();
    }
  };
  return {
    core,
    deps,
    platform,
    clock,
    store,
    db,
    file,
    dir,
    logs,
    query: (sql, ...args) => {
      if (database.sqlite)
        return database.sqlite.sqlite.prepare(sql).all(...args) as Record<string, unknown>[];
      let n = 0;
      return database.postgres!.query(
        sql.replace(/\?/g, () => `$${++n}`),
        args,
      ).rows;
    },
    run,
    advance,
    advanceTo: (iso, stepMs) => advance(new Date(iso).getTime() - clock.now().getTime(), stepMs),
    close: () => {
      database.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * CAIRN_TEST_ENGINE=postgres runs the scenario tests on PostgreSQL (a new database each), to check the
 * whole core on it by hand: `CAIRN_TEST_ENGINE=postgres npx vitest run test/core`. Tests that read the
 * SQLite file directly fail there, by design.
 */
function scenarioDatabase(): Record<string, string> {
  if (process.env.CAIRN_TEST_ENGINE !== 'postgres') return {};
  return { CAIRN_DATABASE_URL: createTestDatabase('cairn_scenario'), CAIRN_DATABASE_POOL: '2' };
}

/** The configuration tests start from: the environment a test run would set, plus `env`. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    CAIRN_SECRET: 'test-secret-that-is-long-enough-for-cairn',
    CAIRN_LANGUAGE: 'fr',
    CAIRN_TIME_ZONE: 'Europe/Paris',
    CAIRN_PRIVACY_URL: 'https://example.org/privacy',
    LOG_LEVEL: 'trace',
    ...env,
  });
}

/** A group "Lyon" with a facilitator and members, set up through the real /cairn setup flow. */
export async function setUpGroup(
  h: Harness,
  opts: {
    space?: string;
    name?: string;
    language?: 'fr' | 'en';
    members?: [string, string][];
    facilitator?: [string, string];
  } = {},
) {
  const space = opts.space ?? 'C-LYON';
  const [facRef, facName] = opts.facilitator ?? ['U-FAC', 'Claire Animatrice'];
  const members = opts.members ?? [
    ['U-ALICE', 'Alice Martin'],
    ['U-BRUNO', 'Bruno Petit'],
    ['U-CHLOE', 'Chloé Durand'],
    ['U-DAVID', 'David Moreau'],
    ['U-EMMA', 'Emma Laurent'],
  ];
  const facilitator = h.platform.addUser(facRef, facName);
  const users = members.map(([ref, name]) => h.platform.addUser(ref, name));
  h.platform.addSpace(space, [facRef, ...members.map(([ref]) => ref)]);
  await facilitator.command('setup', { in: space });
  await facilitator.submit({ name: opts.name ?? 'Groupe Lyon', language: opts.language ?? 'fr' });
  await h.run();
  const group = h.store.groups.findBySpace(space);
  if (!group) throw new Error(`setup failed: ${JSON.stringify(facilitator.lastReply)}`);
  return { space, facilitator, users, group };
}

/** Schedules a session through the form (local date and time in the group's zone). */
export async function scheduleSession(
  facilitator: {
    command: (t: string, w?: { in: string }) => Promise<unknown>;
    submit: (v: Record<string, string>) => Promise<unknown>;
  },
  space: string,
  date: string,
  time = '14:00',
  extra: Record<string, string> = {},
) {
  await facilitator.command('session', { in: space });
  await facilitator.submit({ date, time, place: 'Salle Rhône, 2e étage', ...extra });
}
