import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { endpointOf, migrateStore } from '../../../db/migrate-store.js';
import { findPgBin, type PgServer, startPgServer } from '../../support/postgres-server.js';
import { CairnProcess, sleep, waitFor } from './cairn-process.js';
import { slackEnv, slackFor, slackSide } from './fakes.js';
import { duplicatesIn, randomPoints, report, tally } from './figures.js';
import { seedGroups } from './seed.js';

/** Fault tests on PostgreSQL need the binaries; CI installs them (CAIRN_REQUIRE_POSTGRES=1). */
export const postgresAvailable = (): boolean =>
  Boolean(findPgBin()) || process.env.CAIRN_REQUIRE_POSTGRES === '1';

// A short lease, so that an instance takes over the rows of a killed one soon; the send deadline is at most
// half of it (Cairn refuses a shorter lease).
const OUTBOX = {
  CAIRN_OUTBOX_LEASE_MS: '2000',
  CAIRN_OUTBOX_SEND_TIMEOUT_MS: '1000',
  CAIRN_OUTBOX_BACKOFF_MS: '200',
};
const SETTLE_MS = 300;

function fakeNow(start: string): () => string {
  const began = Date.now();
  return () => new Date(new Date(start).getTime() + Date.now() - began).toISOString();
}

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

const outboxSettled = async (url: string) =>
  (
    await query<{ n: string }>(url, "select count(*) as n from outbox where status in ('pending', 'sending')")
  )[0]?.n === '0';

export type InstancesSize = {
  groups: number;
  perGroup: number;
  instances: number;
  kills: number;
  answerDelayMs: number;
  rate: number;
  stepTimeoutMs: number;
  /** Restart the database once, in the middle of the fan-out. */
  restartDatabase?: boolean;
};

/**
 * Several instances of the built app on one PostgreSQL server (a durable one: fsync on), their groups
 * seeded on SQLite and moved with migrate-store; the first tick fans out the 7-day reminder to every
 * member. At each kill point one instance (in turn) is SIGKILLed and restarted; with `restartDatabase`, the
 * server is stopped and started again mid fan-out. Every member must be reminded; duplicates are bounded
 * by the sends in flight at the kills (rows left `sending` whose message had reached the platform).
 */
export async function fanOutOnInstances(name: string, size: InstancesSize) {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-pg-faults-'));
  const file = join(dir, 'seed.db');
  let server: PgServer | undefined;
  const seeded = seedGroups(file, {
    platform: 'slack',
    groups: size.groups,
    membersPerGroup: size.perGroup,
    sessionAt: new Date('2026-03-24T13:00:00Z'),
  });
  const fake = await slackFor(seeded);
  fake.answerDelayMs = size.answerDelayMs;
  const side = slackSide(fake);
  const now = fakeNow('2026-03-17T08:00:30Z');
  const instances: CairnProcess[] = [];
  try {
    server = await startPgServer();
    const url = server.urlOf('postgres');
    await migrateStore(endpointOf(file), endpointOf(url));
    const env = () =>
      slackEnv(fake, file, {
        ...OUTBOX,
        CAIRN_FAKE_NOW: now(),
        SLACK_WORKSPACE_RATE: String(size.rate),
        CAIRN_DATABASE_URL: url,
        CAIRN_DATABASE_POOL: '3',
      });
    for (let i = 0; i < size.instances; i++) instances.push(await CairnProcess.start(env(), 60_000));
    const expected = seeded.members.map((m) => m.id);
    const points = randomPoints(size.kills + (size.restartDatabase ? 1 : 0), expected.length);
    const restartAt = size.restartDatabase ? points.splice(Math.floor(points.length / 2), 1)[0] : undefined;
    const inFlightAtKills: number[] = [];
    const unrecordedAtKills: number[] = [];
    let restarted = false;
    let killed = 0;
    for (const point of [...points, ...(restartAt ? [restartAt] : [])].sort((a, b) => a - b)) {
      await waitFor(() => side.deliveries().length >= point, size.stepTimeoutMs, `delivery ${point}`);
      const unrecorded = async () => {
        const reached = new Set(side.deliveries().map((d) => d.recipient));
        const sending = await query<{ address: string }>(
          url,
          "select address from outbox where status = 'sending'",
        );
        return sending.map((r) => side.recipientOf(r.address)).filter((r) => reached.has(r)).length;
      };
      if (point === restartAt) {
        // The database goes away for a second. As at a kill, what reached the platform and is not recorded
        // yet (rows still `sending`) may go again; what arrives while it is down takes no effect.
        side.hold();
        await sleep(SETTLE_MS);
        inFlightAtKills.push(side.deliveries().filter((d) => d.answeredAt === undefined).length);
        unrecordedAtKills.push(await unrecorded());
        await server.stop();
        await sleep(1_000);
        await server.start();
        side.release(true);
        restarted = true;
        continue;
      }
      const began = Date.now() - 60_000;
      side.hold();
      await sleep(SETTLE_MS);
      inFlightAtKills.push(side.deliveries().filter((d) => d.answeredAt === undefined).length);
      const victim = killed++ % instances.length;
      await instances[victim]!.kill();
      side.release(true);
      const reached = new Set(
        side
          .deliveries()
          .filter((d) => d.at >= began)
          .map((d) => d.recipient),
      );
      const sending = await query<{ address: string }>(
        url,
        "select address from outbox where status = 'sending'",
      );
      unrecordedAtKills.push(
        sending.map((r) => side.recipientOf(r.address)).filter((r) => reached.has(r)).length,
      );
      instances[victim] = await CairnProcess.start(env(), 60_000);
    }
    const counts = () => tally(side.deliveries().map((d) => d.recipient));
    await waitFor(
      () => expected.every((r) => counts().has(r)),
      size.stepTimeoutMs,
      'every recipient reached',
    );
    const settleEnd = Date.now() + size.stepTimeoutMs;
    while (!(await outboxSettled(url))) {
      if (Date.now() > settleEnd) throw new Error('outbox not settled');
      await sleep(200);
    }
    for (const cairn of instances) {
      const exit = await cairn.terminate();
      if (exit.code !== 0) {
        writeFileSync('/tmp/cairn-exit.log', cairn.output());
        throw new Error(`Cairn exited with ${exit.code}:\n${cairn.output()}`);
      }
    }
    const final = counts();
    const figures = {
      recipients: expected.length,
      instances: size.instances,
      kills: inFlightAtKills.length,
      databaseRestarted: restarted,
      inFlightAtKills,
      unrecordedAtKills,
      duplicates: duplicatesIn(final),
      lost: expected.filter((r) => !final.has(r)).length,
    };
    report(name, figures);
    expect(figures.lost).toBe(0);
    // A kill: only what reached the platform and was not recorded can go again. A database restart: also
    // sends that succeeded while their record could not be written (the worker records in batches), at
    // most the sends each instance has in flight (its concurrency, 16).
    const bound = unrecordedAtKills.reduce((a, b) => a + b, 0) + (restarted ? size.instances * 16 : 0);
    expect(figures.duplicates).toBeLessThanOrEqual(bound);
    expect(
      side
        .deliveries()
        .map((d) => d.recipient)
        .filter((u) => u.startsWith('UFAC')),
    ).toEqual([]);
    return figures;
  } finally {
    for (const cairn of instances) await cairn.kill();
    await fake.close();
    await server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
