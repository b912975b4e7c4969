import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../slack/support/slack-client.js';
import type { FakeSlack } from '../support/fake-slack.js';
import { CairnProcess, killStarted, waitFor } from './support/cairn-process.js';
import { SIGNING_SECRET, slackEnv, slackFor } from './support/fakes.js';
import { report } from './support/figures.js';
import { seedGroups } from './support/seed.js';

let dir: string;
let db: string;
let fake: FakeSlack | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-term-'));
  db = join(dir, 'cairn.db');
});
afterEach(async () => {
  await killStarted();
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function inDatabase<T>(query: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(db, { readonly: true });
  try {
    return query(sqlite);
  } finally {
    sqlite.close();
  }
}

const statuses = () =>
  inDatabase(
    (s) =>
      s.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status').all() as {
        status: string;
        n: number;
      }[],
  );

/** The WAL after Cairn closed the database: gone, or truncated to nothing. */
const walBytes = () => (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);

/** Asks until the process answers (the signal handler runs a moment after the signal). */
async function firstAnswer(request: () => Promise<Response>): Promise<number> {
  for (;;) {
    try {
      return (await request()).status;
    } catch {
      return -1; // refused: the server no longer listens
    }
  }
}

describe('SIGTERM', () => {
  async function startFanOut(answerDelayMs: number, extra: Record<string, string> = {}, hold = false) {
    const seeded = seedGroups(db, {
      platform: 'slack',
      groups: 2,
      membersPerGroup: 8,
      sessionAt: new Date('2026-03-24T13:00:00Z'),
    });
    fake = await slackFor(seeded);
    fake.answerDelayMs = answerDelayMs;
    const cairn = await CairnProcess.start(
      slackEnv(fake, db, { CAIRN_FAKE_NOW: '2026-03-17T08:00:30Z', SLACK_WORKSPACE_RATE: '4', ...extra }),
    );
    if (hold) fake.holdAnswers();
    // A send in flight: its conversations.open or its chat.postMessage not answered yet.
    await waitFor(() => fake!.inFlight().length > 0, 10_000, 'a send in flight');
    return cairn;
  }

  it('answers new requests 503, lets the sends in flight finish, stops the scheduler, checkpoints, exits 0', async () => {
    const cairn = await startFanOut(1_500);
    await waitFor(() => fake!.inFlight('chat.postMessage').length > 0, 10_000, 'a message in flight');
    const inFlight = fake!.inFlight('chat.postMessage').length;
    const callsBefore = fake!.calls.length;
    const began = Date.now();
    cairn.child.kill('SIGTERM');
    const health = await firstAnswer(() => fetch(`${cairn.url}/healthz`));
    const driver = new SlackDriver(`${cairn.url}/slack/events`, fake!, SIGNING_SECRET);
    const command = await firstAnswer(() =>
      fetch(driver.eventsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...driver.signature('x=1', Math.floor(Date.now() / 1000)),
        },
        body: 'x=1',
      }),
    );
    const exit = await cairn.exited;
    const took = Date.now() - began;

    // Every send in flight at the signal finished and was recorded; nothing new was started.
    const after = statuses();
    // Sends begun before the signal may finish (their chat.postMessage follows their conversations.open);
    // no send begins after it.
    const begun = new Set(
      fake!.calls
        .slice(0, callsBefore)
        .filter((c) => c.method === 'conversations.open')
        .map((c) => `D${String(c.args.users)}`),
    );
    const newCalls = fake!.calls
      .slice(callsBefore)
      .filter(
        (c) =>
          c.method === 'conversations.open' ||
          (c.method === 'chat.postMessage' && !begun.has(String(c.args.channel))),
      );
    const lease = inDatabase((s) =>
      s.prepare("SELECT count(*) AS n FROM leases WHERE name = 'scheduler'").get(),
    );
    report('graceful shutdown', {
      inFlightAtSigterm: inFlight,
      healthAfterSigterm: health,
      commandAfterSigterm: command,
      exitCode: exit.code,
      tookMs: took,
      outbox: after,
      walBytes: walBytes(),
    });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(health).toBe(503);
    expect(command).toBe(503);
    expect(after.find((r) => r.status === 'sending')).toBeUndefined();
    expect(after.find((r) => r.status === 'sent')?.n).toBeGreaterThanOrEqual(inFlight);
    expect(newCalls).toEqual([]);
    expect(lease).toEqual({ n: 0 });
    expect(walBytes()).toBe(0);
    expect(cairn.output()).toContain('SIGTERM received');
  }, 60_000);

  it('does not wait past SHUTDOWN_DEADLINE_MS for a platform that never answers', async () => {
    const cairn = await startFanOut(0, { SHUTDOWN_DEADLINE_MS: '2000' }, true);
    const began = Date.now();
    const exit = await cairn.terminate();
    const took = Date.now() - began;
    fake!.releaseAnswers(true);
    const after = statuses();
    report('shutdown deadline', { deadlineMs: 2000, tookMs: took, exitCode: exit.code, outbox: after });
    expect(exit.code).toBe(0);
    expect(took).toBeLessThan(2_000 + 3_000);
    // The unfinished sends stay claimed; their lease lets the next start send them.
    expect(after.find((r) => r.status === 'sending')?.n).toBeGreaterThan(0);
    expect(walBytes()).toBe(0);
  }, 60_000);
});
