import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { endpointOf, migrateStore } from '../../../db/migrate-store.js';
import { fill } from '../../slack/support/blocks.js';
import { startPgServer } from '../../support/postgres-server.js';
import { CairnProcess } from './cairn-process.js';
import { SIGNING_SECRET, slackEnv, slackFor } from './fakes.js';
import { report } from './figures.js';
import { type Arrival, percentile, runOpenLoop } from './open-loop.js';
import { SLACK_TEAM, seedGroups } from './seed.js';

export type LoadOptions = {
  /** Requests per second: half `/cairn case` commands, half case forms submitted. */
  perSecond: number;
  durationMs: number;
  /** The longest acknowledgement allowed (Slack gives 3 s), and the longest wait for a modal (a trigger_id expires after 3 s). */
  maxAckMs: number;
  /** Extra node arguments for Cairn (e.g. --cpu-prof to profile it). */
  nodeArgs?: string[];
  /** Run this many instances on one PostgreSQL server (requests spread round-robin) instead of SQLite. */
  postgresInstances?: number;
};

const FORM = 'application/x-www-form-urlencoded';
/** A form is submitted this long after the command that opened it, or as soon as its modal is open if later. */
const THINK_MS = 1_000;

/** A form body signed as Slack signs it, at send time (Slack refuses timestamps 5 minutes old). */
const signed = (body: string) => {
  const ts = Math.floor(Date.now() / 1000);
  const digest = createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': FORM,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${digest}`,
    },
  };
};

/**
 * The built app under a fixed arrival rate on loopback: people type `/cairn case` (Cairn opens the modal
 * through the fake Slack) and submit the modal a second later (or when it opens, if later), each with its
 * own title. Every request must be acknowledged within `maxAckMs` with 200, every modal opened within
 * `maxAckMs` of its command, and every case stored exactly once.
 */
export async function loadScenario(options: LoadOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-load-'));
  const db = join(dir, 'cairn.db');
  const seeded = seedGroups(db, {
    platform: 'slack',
    groups: 20,
    membersPerGroup: 10,
    sessionAt: new Date('2026-03-24T13:00:00Z'),
  });
  const fake = await slackFor(seeded);
  // The fake shares the machine with Cairn: it skips the Block Kit checks the other tests make.
  fake.checkBlocks = false;
  // What the tests before wrote (a fresh clone's npm ci, 1,000-member fan-outs) is still being written back
  // to disk: Cairn's commits (fsync) would wait behind it. Measured with 3 GB left dirty just before: p99
  // 460 ms and max 1.5 s, against 93 ms and 243 ms after `sync`. Measure Cairn, not the previous test.
  execFileSync('sync');
  // On PostgreSQL: the seeded database moved there, then several instances on it.
  const server = options.postgresInstances ? await startPgServer() : undefined;
  const url = server?.urlOf('postgres');
  if (url) await migrateStore(endpointOf(db), endpointOf(url));
  // Before the 7-day reminder: only the load runs.
  const instances: CairnProcess[] = [];
  for (let i = 0; i < (options.postgresInstances ?? 1); i++) {
    instances.push(
      await CairnProcess.start(
        slackEnv(fake, db, {
          CAIRN_FAKE_NOW: '2026-03-17T06:00:00Z',
          ...(url ? { CAIRN_DATABASE_URL: url, CAIRN_DATABASE_POOL: '3' } : {}),
        }),
        60_000,
        options.nodeArgs,
      ),
    );
  }
  try {
    const users = seeded.members.map((m) => m.id);
    /** When each command is planned, by its trigger id. */
    const commandAt = new Map<string, number>();
    const pairs = Math.floor(((options.perSecond / 2) * options.durationMs) / 1000);
    const gap = 2_000 / options.perSecond;
    const titleOf = (i: number) => `Comment puis-je tenir la charge n°${i} ?`;
    const arrivals: Arrival[] = [];
    for (let i = 0; i < pairs; i++) {
      const user = users[i % users.length]!;
      const trigger = `load.${i}`;
      commandAt.set(trigger, i * gap);
      arrivals.push({
        kind: 'command',
        at: i * gap,
        path: '/slack/events',
        build: () =>
          signed(
            new URLSearchParams({
              team_id: SLACK_TEAM,
              channel_id: `D${user}`,
              user_id: user,
              user_name: user.toLowerCase(),
              command: '/cairn',
              text: 'case',
              response_url: fake.responseUrl(),
              trigger_id: trigger,
            }).toString(),
          ),
      });
      arrivals.push({
        kind: 'submission',
        at: i * gap + THINK_MS + gap / 2,
        path: '/slack/events',
        ready: () => fake.viewsByTrigger.has(trigger),
        build: () => {
          const view = fake.viewsByTrigger.get(trigger);
          if (!view) return undefined;
          const payload = {
            type: 'view_submission',
            team: { id: SLACK_TEAM, domain: 'cairn-test' },
            user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: SLACK_TEAM },
            api_app_id: 'ACAIRN',
            trigger_id: `${trigger}.submit`,
            view: { ...view, team_id: SLACK_TEAM, state: { values: fill(view, { title: titleOf(i) }) } },
            response_urls: [],
          };
          return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
        },
      });
    }
    const cpu = () => instances.reduce((sum, c) => sum + cpuMs(c.pid), 0);
    const cpuBefore = cpu();
    const result = await runOpenLoop(
      instances.map((c) => c.url),
      arrivals,
    );
    const cairnCpuMs = cpu() - cpuBefore;

    const latencies = result.sent.map((s) => s.latencyMs);
    const maxOf = (kind: string) =>
      Math.round(Math.max(0, ...result.sent.filter((s) => s.kind === kind).map((s) => s.latencyMs)));
    const modalDelays = fake
      .callsTo('views.open')
      .map((c) => c.at - (result.startedAt + (commandAt.get(String(c.args.trigger_id)) ?? Number.NaN)))
      .filter((ms) => !Number.isNaN(ms));
    const errors = result.sent.filter((s) => s.status !== 200);
    const submitted = result.sent.filter((s) => s.kind === 'submission' && s.status === 200).length;
    const stored = url ? await pgTitleCounts(url) : titleCounts(db);
    const expectedTitles = Array.from({ length: pairs }, (_, i) => titleOf(i));
    const missing = expectedTitles.filter((t) => !stored.has(t)).length;
    const twice = [...stored.values()].filter((n) => n > 1).length;
    const figures = {
      plannedPerSecond: options.perSecond,
      durationMs: options.durationMs,
      requests: result.sent.length,
      errors: errors.length + result.unbuilt + result.neverReady,
      statuses: Object.fromEntries(
        [...new Set(result.sent.map((s) => s.status))].map((st) => [
          st,
          result.sent.filter((s) => s.status === st).length,
        ]),
      ),
      p50AckMs: Math.round(percentile(latencies, 50)),
      p99AckMs: Math.round(percentile(latencies, 99)),
      maxAckMs: Math.round(Math.max(...latencies)),
      maxCommandAckMs: maxOf('command'),
      maxSubmissionAckMs: maxOf('submission'),
      modalsOpened: modalDelays.length,
      p99ModalOpenMs: Math.round(percentile(modalDelays, 99)),
      maxModalOpenMs: Math.round(Math.max(0, ...modalDelays)),
      submissionsWaitingForModal: result.postponed,
      longestWaitForModalMs: Math.round(result.longestPostponeMs),
      generatorWorstLagMs: Math.round(result.worstLagMs),
      cairnCpuMsPerRequest: Number((cairnCpuMs / Math.max(1, result.sent.length)).toFixed(2)),
      submissions: submitted,
      stored: stored.size,
      storedTwice: twice,
      lost: missing,
    };
    report(url ? `load, ${instances.length} instances on PostgreSQL` : 'load', {
      instances: instances.length,
      ...figures,
    });
    expect(errors).toEqual([]);
    expect(result.unbuilt + result.neverReady).toBe(0);
    expect(figures.maxAckMs).toBeLessThanOrEqual(options.maxAckMs);
    expect(figures.modalsOpened).toBe(pairs);
    expect(figures.maxModalOpenMs).toBeLessThanOrEqual(options.maxAckMs);
    expect(submitted).toBe(pairs);
    expect(missing).toBe(0);
    expect(twice).toBe(0);
    for (const c of instances) expect((await c.terminate()).code).toBe(0);
  } finally {
    for (const c of instances) await c.terminate();
    await fake.close();
    await server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time a process has used, in ms (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** The same, on PostgreSQL. */
async function pgTitleCounts(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ title: string; n: string }>(
      "SELECT title, count(*) AS n FROM cases WHERE title LIKE 'Comment puis-je tenir la charge%' GROUP BY title",
    );
    return new Map(rows.map((r) => [r.title, Number(r.n)]));
  } finally {
    await client.end();
  }
}

/** How many cases are stored under each load-test title. */
function titleCounts(file: string): Map<string, number> {
  const sqlite = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    const rows = sqlite
      .prepare(
        "SELECT title, count(*) AS n FROM cases WHERE title LIKE 'Comment puis-je tenir la charge%' GROUP BY title",
      )
      .all() as { title: string; n: number }[];
    return new Map(rows.map((r) => [r.title, r.n]));
  } finally {
    sqlite.close();
  }
}
