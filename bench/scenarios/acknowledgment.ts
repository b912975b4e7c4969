import { join } from 'node:path';
import { type LoadRequest, type LoadResult, mergeResults, runLoad, runPaced } from '../load.js';
import { slackHeaders } from '../slack-signing.js';
import { type Bench, pct, withDriverCpu } from '../support/context.js';
import { BENCH_TEAM, dmChannelOf } from '../support/fake-slack.js';
import { type Running, sleep } from '../support/processes.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from '../support/seed.js';
import { SIGNING_SECRET, startBareBoltProcess, startCairn } from '../support/servers.js';
import { fmt, ms } from '../support/table.js';

const CONNECTIONS = 50;
/** Each measurement is cut into this many slices, alternating Cairn and the baseline (see `interleave`). */
export const ROUNDS = 5;
/** A steady load both can carry (far above what a workspace of thousands sends): what people would see. */
const PACED_RATE = 200;

export type Measured = LoadResult & {
  cpuPerRequest: number;
  driverCpu: number;
  /** Share of the measured time the server waited for its CPU (other work on the machine). */
  cpuWait: number;
};

/**
 * Runs `slice(target, round)` on both targets in alternating slices (bare, Cairn, Cairn, bare, …) and
 * merges each target's slices. Other work on the machine then weighs on both alike, instead of on
 * whichever ran during a busy minute. CPU time is the server's, including the work it finishes in the
 * moment after each slice (answers to send for requests it acknowledged).
 */
export async function interleave(
  targets: { cairn: Running; bare: Running },
  slice: (target: 'cairn' | 'bare', round: number) => Promise<LoadResult>,
): Promise<Record<'cairn' | 'bare', Measured>> {
  const runs = { cairn: [] as LoadResult[], bare: [] as LoadResult[] };
  const cpu = { cairn: 0, bare: 0 };
  const wait = { cairn: 0, bare: 0 };
  const driver = { cairn: 0, bare: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['bare', 'cairn'] as const) : (['cairn', 'bare'] as const);
    for (const name of order) {
      const server = targets[name];
      const cpu0 = server.cpuMs();
      const wait0 = server.waitMs();
      const { value, driverCpu } = await withDriverCpu(() => slice(name, round));
      wait[name] += server.waitMs() - wait0;
      await sleep(300);
      cpu[name] += server.cpuMs() - cpu0;
      driver[name] = Math.max(driver[name], driverCpu);
      runs[name].push(value);
    }
  }
  const merged = (name: 'cairn' | 'bare'): Measured => {
    const result = mergeResults(runs[name]);
    return {
      ...result,
      cpuPerRequest: cpu[name] / result.requests,
      driverCpu: driver[name],
      cpuWait: wait[name] / result.durationMs,
    };
  };
  return { cairn: merged('cairn'), bare: merged('bare') };
}

/**
 * Scenario 1: signed `/cairn help` (an ephemeral answer through the response_url) and `/cairn case` (a
 * modal opened at the fake Slack API), 50 connections for 10 s each, against Cairn and the bare Bolt app.
 * Both run as their own process on the same CPU (the one not measured sits idle) and are measured in
 * alternating slices; members of 50 groups of 10 send the commands from their DM with Cairn, so the core
 * finds their group and opens the real case form.
 */
export async function acknowledgment(bench: Bench): Promise<void> {
  const seconds = bench.quick ? 3 : 10;
  const dir = scratchDir();
  const file = join(dir, 'cairn.db');
  const seeder = await openSeeder(file);
  const users = seedSlackGroups(seeder, { groups: 50, size: 10, prefix: 'A', sessionInDays: 30 }).map(
    (m) => m.userId,
  );
  seeder.close();

  const commands = (text: string): LoadRequest[] => {
    const timestamp = Math.floor(Date.now() / 1000);
    return users.map((user, i) => {
      const body = new URLSearchParams({
        token: 'bench',
        team_id: BENCH_TEAM,
        team_domain: 'bench',
        channel_id: dmChannelOf(user),
        channel_name: 'directmessage',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/cairn',
        text,
        api_app_id: 'A0BENCH',
        is_enterprise_install: 'false',
        response_url: bench.slack.responseUrl(i),
        trigger_id: `${i}.1.bench`,
      }).toString();
      return { path: '/slack/events', headers: slackHeaders(SIGNING_SECRET, body, timestamp), body };
    });
  };

  bench.log('1. acknowledgment: starting bare Bolt and Cairn');
  const bare = await startBareBoltProcess(bench.slack);
  const cairn = await startCairn({ db: file, slack: bench.slack, ...profile(bench, 'ack') });
  const targets = { cairn, bare };
  // Warm-up: JIT, Cairn's user cache and prepared statements, for both commands and every user.
  const warm = [...commands('help'), ...commands('case')];
  for (const server of [bare, cairn])
    await runLoad({
      origin: server.origin,
      connections: CONNECTIONS,
      total: warm.length * 2,
      request: (i) => warm[i % warm.length]!,
    });

  const results: Record<string, Record<'cairn' | 'bare', Measured>> = {};
  for (const text of ['help', 'case']) {
    const requests = commands(text);
    // Only Cairn calls the fake: what it received meanwhile is Cairn's follow-up work.
    const method = text === 'help' ? 'response_url' : 'views.open';
    const before = bench.slack.count(method);
    results[text] = await interleave(targets, (name) =>
      runLoad({
        origin: targets[name].origin,
        connections: CONNECTIONS,
        durationMs: (seconds * 1000) / ROUNDS,
        request: (i) => requests[i % requests.length]!,
      }),
    );
    const followUps = bench.slack.count(method) - before;
    for (const name of ['bare', 'cairn'] as const) {
      const r = results[text]![name];
      bench.log(
        `  ${name === 'bare' ? 'bare Bolt' : 'Cairn'} /cairn ${text}: ${fmt(r.rps)} req/s, p50 ${ms(r.p50)}, ` +
          `p99 ${ms(r.p99)}, errors ${r.errors}, ${ms(r.cpuPerRequest)} CPU per request, ` +
          `waited for its CPU ${pct(r.cpuWait)} of the time, driver CPU ${pct(r.driverCpu)}`,
      );
    }
    const c = results[text]!.cairn;
    bench.notes.push(
      `1. Cairn /cairn ${text}: ${c.requests} acknowledged (${c.errors} errors), ${followUps} ` +
        `${text === 'help' ? 'answers at the response_url' : 'modals opened (views.open)'}; ` +
        `load generator and fake at most at ${pct(c.driverCpu)} of their CPU; Cairn waited for its CPU ` +
        `${pct(c.cpuWait)} of the time, bare Bolt ${pct(results[text]!.bare.cpuWait)} (other work on the machine).`,
    );
  }

  // The same commands, alternating, at a steady rate instead of as fast as possible.
  const mixed = [...commands('help'), ...commands('case')];
  const paced = await interleave(targets, (name) =>
    runPaced({
      origin: targets[name].origin,
      rate: PACED_RATE,
      durationMs: (seconds * 500) / ROUNDS,
      request: (i) => mixed[(i % 2) * users.length + (Math.floor(i / 2) % users.length)]!,
    }),
  );
  bench.log(
    `  at ${PACED_RATE} req/s: Cairn p50 ${ms(paced.cairn.p50)}, p99 ${ms(paced.cairn.p99)}; ` +
      `bare Bolt p50 ${ms(paced.bare.p50)}, p99 ${ms(paced.bare.p99)}`,
  );
  await cairn.stop();
  await bare.stop();
  cleanUp(dir);

  for (const text of ['help', 'case']) {
    const c = results[text]!.cairn;
    const b = results[text]!.bare;
    bench.rows.push(
      {
        scenario: `1. \`/cairn ${text}\` throughput (${CONNECTIONS} conn., ${seconds} s)`,
        cairn: `${fmt(c.rps)} req/s`,
        baseline: `${fmt(b.rps)} req/s`,
        ratio: c.rps / b.rps,
        goal: '≥ 0.8×',
        met: c.rps / b.rps >= 0.8 && c.errors === 0,
      },
      {
        scenario: `1. \`/cairn ${text}\` p50 latency`,
        cairn: ms(c.p50),
        baseline: ms(b.p50),
        ratio: c.p50 / b.p50,
        goal: '—',
        met: null,
      },
      {
        scenario: `1. \`/cairn ${text}\` p99 latency`,
        cairn: ms(c.p99),
        baseline: ms(b.p99),
        ratio: c.p99 / b.p99,
        goal: '≤ 1.2×',
        met: c.p99 / b.p99 <= 1.2,
      },
      {
        scenario: `1. \`/cairn ${text}\` CPU time per request (server process)`,
        cairn: ms(c.cpuPerRequest),
        baseline: ms(b.cpuPerRequest),
        ratio: c.cpuPerRequest / b.cpuPerRequest,
        goal: '—',
        met: null,
      },
    );
  }
  bench.rows.push({
    scenario: `1. acknowledgment p50 / p99 at a steady ${PACED_RATE} req/s (both commands)`,
    cairn: `${ms(paced.cairn.p50)} / ${ms(paced.cairn.p99)}`,
    baseline: `${ms(paced.bare.p50)} / ${ms(paced.bare.p99)}`,
    ratio: paced.cairn.p99 / paced.bare.p99,
    goal: '—',
    met: null,
  });
}

export const profile = (bench: Bench, name: string) =>
  bench.profileDir ? { profileDir: join(bench.profileDir, name) } : {};
