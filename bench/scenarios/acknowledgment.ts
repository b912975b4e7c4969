import { join } from 'node:path';
import { type LoadRequest, type LoadResult, mergeResults, runLoad, runPaced } from '../load.js';
import { slackHeaders } from '../slack-signing.js';
import { type Bench, pct, withDriverCpu } from '../support/context.js';
import { BENCH_TEAM, dmChannelOf } from '../support/fake-slack.js';
import { type Running, sleep } from '../support/processes.js';
import { sameWorkReplies, writeSameWork } from '../support/same-work.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from '../support/seed.js';
import {
  SIGNING_SECRET,
  startBareBoltProcess,
  startCairn,
  startSameWorkBoltProcess,
} from '../support/servers.js';
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
 * Runs `slice(target, round)` on every target in alternating slices (bare, same, Cairn, Cairn, same, bare,
 * …) and merges each target's slices. Other work on the machine then weighs on all alike, instead of on
 * whichever ran during a busy minute. CPU time is the server's, including the work it finishes in the
 * moment after each slice (answers to send for requests it acknowledged).
 */
export async function interleave<K extends string>(
  targets: Record<K, Running>,
  slice: (target: K, round: number) => Promise<LoadResult>,
): Promise<Record<K, Measured>> {
  const names = Object.keys(targets) as K[];
  const runs = new Map<K, LoadResult[]>(names.map((n) => [n, []]));
  const cpu = new Map<K, number>(names.map((n) => [n, 0]));
  const wait = new Map<K, number>(names.map((n) => [n, 0]));
  const driver = new Map<K, number>(names.map((n) => [n, 0]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const server = targets[name];
      const cpu0 = server.cpuMs();
      const wait0 = server.waitMs();
      const { value, driverCpu } = await withDriverCpu(() => slice(name, round));
      wait.set(name, wait.get(name)! + server.waitMs() - wait0);
      await sleep(300);
      cpu.set(name, cpu.get(name)! + server.cpuMs() - cpu0);
      driver.set(name, Math.max(driver.get(name)!, driverCpu));
      runs.get(name)!.push(value);
    }
  }
  const merged = (name: K): Measured => {
    const result = mergeResults(runs.get(name)!);
    return {
      ...result,
      cpuPerRequest: cpu.get(name)! / result.requests,
      driverCpu: driver.get(name)!,
      cpuWait: wait.get(name)! / result.durationMs,
    };
  };
  return Object.fromEntries(names.map((n) => [n, merged(n)])) as Record<K, Measured>;
}

/** The three apps scenario 1 measures: Cairn, the same work done plainly in Bolt, a Bolt app that only acks. */
type Target = 'bare' | 'same' | 'cairn';
const LABEL: Record<Target, string> = { bare: 'bare-ack Bolt', same: 'same-work Bolt', cairn: 'Cairn' };

/**
 * Scenario 1: signed `/cairn help` (the help message, ephemeral) and `/cairn case` (a modal opened at the
 * fake Slack API), 50 connections for 10 s each, against Cairn, the same-work Bolt app (the same help
 * message in its acknowledgment; an ack then views.open with the same modal) and, for reference, a Bolt
 * app that only acknowledges. All run as their own process on the same CPU (those not measured sit idle)
 * and are measured in alternating slices; members of 50 groups of 10 send the commands from their DM
 * with Cairn, so the core finds their group and opens the real case form.
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
  const work = await sameWorkReplies();

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

  bench.log('1. acknowledgment: starting bare-ack Bolt, same-work Bolt and Cairn');
  const targets: Record<Target, Running> = {
    bare: await startBareBoltProcess(bench.slack),
    same: await startSameWorkBoltProcess(
      bench.slack,
      writeSameWork(dir, work),
      join(dir, 'same-work.db'),
      profile(bench, 'ack-same-work').profileDir,
    ),
    cairn: await startCairn({ db: file, slack: bench.slack, ...profile(bench, 'ack') }),
  };
  // Warm-up: JIT, Cairn's user cache and prepared statements, for both commands and every user.
  const warm = [...commands('help'), ...commands('case')];
  for (const server of Object.values(targets))
    await runLoad({
      origin: server.origin,
      connections: CONNECTIONS,
      total: warm.length * 2,
      request: (i) => warm[i % warm.length]!,
    });

  const results: Record<string, Record<Target, Measured>> = {};
  for (const text of ['help', 'case']) {
    const requests = commands(text);
    // What each app showed: help in the acknowledgment (sampled bodies) or at the response_url; modals.
    const shown = followUps(bench, text === 'help' ? 'response_url' : 'views.open');
    const inAck = { bare: 0, same: 0, cairn: 0, sampled: { bare: 0, same: 0, cairn: 0 } };
    results[text] = await interleave(targets, (name) => {
      shown.start(name);
      return runLoad({
        origin: targets[name].origin,
        connections: CONNECTIONS,
        durationMs: (seconds * 1000) / ROUNDS,
        request: (i) => requests[i % requests.length]!,
        inspect: {
          pick: (i) => i % 50 === 0,
          body: (_i, status, body) => {
            inAck.sampled[name]++;
            if (status === 200 && body.includes('"blocks"')) inAck[name]++;
          },
        },
      });
    });
    shown.stop();
    for (const name of ['bare', 'same', 'cairn'] as const) {
      const r = results[text]![name];
      bench.log(
        `  ${LABEL[name]} /cairn ${text}: ${fmt(r.rps)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ` +
          `errors ${r.errors}, ${ms(r.cpuPerRequest)} CPU per request, waited for its CPU ` +
          `${pct(r.cpuWait)} of the time, driver CPU ${pct(r.driverCpu)}`,
      );
    }
    const c = results[text]!.cairn;
    const s = results[text]!.same;
    const answers = (name: Target) =>
      text === 'help'
        ? `${inAck[name]} of ${inAck.sampled[name]} sampled acknowledgments held the message, ` +
          `${shown.count[name]} answers at the response_url`
        : `${shown.count[name]} modals opened (views.open)`;
    bench.notes.push(
      `1. /cairn ${text}: Cairn ${c.requests} acknowledged (${c.errors} errors), ${answers('cairn')}; ` +
        `same-work Bolt ${s.requests} (${s.errors} errors), ${answers('same')}; load generator and fake ` +
        `at most at ${pct(Math.max(c.driverCpu, s.driverCpu))} of their CPU; waited for their CPU: Cairn ` +
        `${pct(c.cpuWait)}, same-work ${pct(s.cpuWait)}, bare-ack ${pct(results[text]!.bare.cpuWait)} ` +
        '(other work on the machine).',
    );
  }

  // The same commands, alternating, at a steady rate instead of as fast as possible.
  const mixed = [...commands('help'), ...commands('case')];
  const paced = await interleave({ same: targets.same, cairn: targets.cairn }, (name) =>
    runPaced({
      origin: targets[name].origin,
      rate: PACED_RATE,
      durationMs: (seconds * 500) / ROUNDS,
      request: (i) => mixed[(i % 2) * users.length + (Math.floor(i / 2) % users.length)]!,
    }),
  );
  bench.log(
    `  at ${PACED_RATE} req/s: Cairn p50 ${ms(paced.cairn.p50)}, p99 ${ms(paced.cairn.p99)}; ` +
      `same-work Bolt p50 ${ms(paced.same.p50)}, p99 ${ms(paced.same.p99)}`,
  );
  for (const server of Object.values(targets)) await server.stop();
  cleanUp(dir);

  for (const text of ['help', 'case']) {
    const { cairn: c, same: s, bare: b } = results[text]!;
    bench.rows.push(
      {
        scenario: `1. \`/cairn ${text}\` throughput (${CONNECTIONS} conn., ${seconds} s)`,
        cairn: `${fmt(c.rps)} req/s`,
        baseline: `${fmt(s.rps)} req/s`,
        ratio: c.rps / s.rps,
        goal: '≥ 0.8×',
        met: c.rps / s.rps >= 0.8 && c.errors === 0,
      },
      {
        scenario: `1. \`/cairn ${text}\` p50 latency`,
        cairn: ms(c.p50),
        baseline: ms(s.p50),
        ratio: c.p50 / s.p50,
        goal: '—',
        met: null,
      },
      {
        scenario: `1. \`/cairn ${text}\` p99 latency`,
        cairn: ms(c.p99),
        baseline: ms(s.p99),
        ratio: c.p99 / s.p99,
        goal: '≤ 1.5×',
        met: c.p99 / s.p99 <= 1.5,
      },
      {
        scenario: `1. \`/cairn ${text}\` CPU time per request (server process)`,
        cairn: ms(c.cpuPerRequest),
        baseline: ms(s.cpuPerRequest),
        ratio: c.cpuPerRequest / s.cpuPerRequest,
        goal: '—',
        met: null,
      },
      {
        scenario: `1. \`/cairn ${text}\` throughput against a Bolt app that only acks (reference)`,
        cairn: `${fmt(c.rps)} req/s`,
        baseline: `${fmt(b.rps)} req/s`,
        ratio: c.rps / b.rps,
        goal: '—',
        met: null,
      },
    );
  }
  bench.rows.push({
    scenario: `1. acknowledgment p50 / p99 at a steady ${PACED_RATE} req/s (both commands)`,
    cairn: `${ms(paced.cairn.p50)} / ${ms(paced.cairn.p99)}`,
    baseline: `${ms(paced.same.p50)} / ${ms(paced.same.p99)}`,
    ratio: paced.cairn.p99 / paced.same.p99,
    goal: '—',
    met: null,
  });
}

/**
 * Calls of one kind the fake Slack received, put down to the target measured at the time: each slice
 * runs alone, and `interleave` waits after each, so a slice's follow-ups arrive before the next starts.
 */
function followUps(bench: Bench, method: string) {
  const count: Record<Target, number> = { bare: 0, same: 0, cairn: 0 };
  let current: { name: Target; from: number } | undefined;
  const settle = () => {
    if (current) count[current.name] += bench.slack.count(method) - current.from;
    current = undefined;
  };
  return {
    count,
    start(name: Target) {
      settle();
      current = { name, from: bench.slack.count(method) };
    },
    stop: settle,
  };
}

/** Where a process of the bench writes its CPU profile with `--profile` (nothing without). */
export const profile = (bench: Bench, name: string): { profileDir?: string } =>
  bench.profileDir ? { profileDir: join(bench.profileDir, name) } : {};
