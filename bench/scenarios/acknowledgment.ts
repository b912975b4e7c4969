import { join } from 'node:path';
import { type LoadRequest, runLoad, runPaced } from '../load.js';
import { slackHeaders } from '../slack-signing.js';
import { type Bench, pct } from '../support/context.js';
import { BENCH_TEAM, dmChannelOf } from '../support/fake-slack.js';
import { interleave, type Measured, ROUNDS } from '../support/interleave.js';
import { activityPer, describeActivity, type PgActivity } from '../support/postgres.js';
import { type Running, sleep } from '../support/processes.js';
import { sameWorkReplies, writeSameWork } from '../support/same-work.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from '../support/seed.js';
import {
  SIGNING_SECRET,
  startBareBoltProcess,
  startCairn,
  startSameWorkBoltProcess,
} from '../support/servers.js';
import { fmt, ms, withRatio } from '../support/table.js';
import { commandRows, LABEL, type Target } from './acknowledgment-rows.js';

const CONNECTIONS = 50;
/** A steady load both can carry (far above what a workspace of thousands sends): what people would see. */
const PACED_RATE = 200;

const GROUPS = { groups: 50, size: 10, prefix: 'A', sessionInDays: 30 };

/**
 * Scenario 1: signed `/cairn help` (the help message, ephemeral) and `/cairn case` (a modal opened at the
 * fake Slack API), 50 connections for 10 s each, against Cairn, the same-work Bolt app (the same help
 * message in its acknowledgment; an ack then views.open with the same modal) and, for reference, a Bolt
 * app that only acknowledges; and Cairn on PostgreSQL, on a database of its own seeded with the same
 * groups. All run as their own process on the same CPU (those not measured sit idle) and are measured in
 * alternating slices; members of 50 groups of 10 send the commands from their DM with Cairn, so the core
 * finds their group and opens the real case form.
 */
export async function acknowledgment(bench: Bench): Promise<void> {
  const seconds = bench.quick ? 3 : 10;
  const dir = scratchDir();
  const file = join(dir, 'cairn.db');
  const seeder = await openSeeder(file);
  const users = seedSlackGroups(seeder, GROUPS).map((m) => m.userId);
  seeder.close();
  // The same people (their platform ids are the seed's) in a PostgreSQL database of their own.
  const pgUrl = bench.postgres ? await bench.postgres.createDatabase('ack') : undefined;
  if (pgUrl) {
    const pgSeeder = await openSeeder(pgUrl);
    seedSlackGroups(pgSeeder, GROUPS);
    pgSeeder.close();
  }
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

  bench.log(
    `1. acknowledgment: starting bare-ack Bolt, same-work Bolt and Cairn${pgUrl ? ' (on SQLite and on PostgreSQL)' : ''}`,
  );
  // `pg` is there only when PostgreSQL runs (pgUrl): every read of it below is guarded by pgUrl.
  const targets = {
    bare: await startBareBoltProcess(bench.slack),
    same: await startSameWorkBoltProcess(
      bench.slack,
      writeSameWork(dir, work),
      join(dir, 'same-work.db'),
      profile(bench, 'ack-same-work').profileDir,
    ),
    cairn: await startCairn({ db: file, slack: bench.slack, ...profile(bench, 'ack') }),
    ...(pgUrl
      ? { pg: await startCairn({ db: pgUrl, slack: bench.slack, ...profile(bench, 'ack-pg') }) }
      : {}),
  } as Record<Target, Running>;
  // The database server's CPU, put down to Cairn on PostgreSQL.
  const pgCpu = bench.postgres ? { pg: bench.postgres.cpuMs } : {};
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
    const inAck = { bare: 0, same: 0, cairn: 0, pg: 0, sampled: { bare: 0, same: 0, cairn: 0, pg: 0 } };
    const pgBefore = pgUrl ? await bench.postgres!.activity(pgUrl) : undefined;
    results[text] = await interleave(
      targets,
      (name) => {
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
      },
      pgCpu,
    );
    shown.stop();
    let perRequest: PgActivity | undefined;
    if (pgUrl && pgBefore) {
      await sleep(1500); // the backends' statistics reach the views within a second of going idle
      perRequest = activityPer(pgBefore, await bench.postgres!.activity(pgUrl), results[text]!.pg.requests);
    }
    for (const name of Object.keys(targets) as Target[]) {
      const r = results[text]![name];
      bench.log(
        `  ${LABEL[name]} /cairn ${text}: ${fmt(r.rps)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ` +
          `errors ${r.errors}, ${ms(r.cpuPerRequest)} CPU per request` +
          (name === 'pg' ? ` (and ${ms(r.alsoCpuPerRequest)} in PostgreSQL)` : '') +
          (name === 'pg' && perRequest ? `, per request ${describeActivity(perRequest)}` : '') +
          `, waited for its CPU ${pct(r.cpuWait)} of the time, driver CPU ${pct(r.driverCpu)}`,
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
    if (pgUrl && perRequest) {
      const p = results[text]!.pg;
      bench.notes.push(
        `1. /cairn ${text} on PostgreSQL: ${p.requests} acknowledged (${p.errors} errors), ${answers('pg')}; ` +
          `Cairn's process ${ms(p.cpuPerRequest)} of CPU per request and the PostgreSQL server ` +
          `${ms(p.alsoCpuPerRequest)} (on the driver's CPU); Cairn waited for its CPU ${pct(p.cpuWait)}. ` +
          `Per request, the server counted ${describeActivity(perRequest)}.`,
      );
    }
  }

  // The same commands, alternating, at a steady rate instead of as fast as possible.
  const mixed = [...commands('help'), ...commands('case')];
  const steady = { same: targets.same, cairn: targets.cairn, ...(pgUrl ? { pg: targets.pg } : {}) } as Record<
    'same' | 'cairn' | 'pg',
    Running
  >;
  const paced = await interleave(steady, (name) =>
    runPaced({
      origin: targets[name].origin,
      rate: PACED_RATE,
      durationMs: (seconds * 500) / ROUNDS,
      request: (i) => mixed[(i % 2) * users.length + (Math.floor(i / 2) % users.length)]!,
    }),
  );
  bench.log(
    `  at ${PACED_RATE} req/s: Cairn p50 ${ms(paced.cairn.p50)}, p99 ${ms(paced.cairn.p99)}; ` +
      `same-work Bolt p50 ${ms(paced.same.p50)}, p99 ${ms(paced.same.p99)}` +
      (pgUrl ? `; Cairn on PostgreSQL p50 ${ms(paced.pg.p50)}, p99 ${ms(paced.pg.p99)}` : ''),
  );
  for (const server of Object.values(targets)) await server.stop();
  cleanUp(dir);
  if (pgUrl) await bench.postgres!.dropDatabase(pgUrl);

  for (const text of ['help', 'case'])
    bench.rows.push(...commandRows(text, seconds, CONNECTIONS, results[text]!, pgUrl));
  const p = pgUrl ? paced.pg : undefined;
  bench.rows.push({
    scenario: `1. acknowledgment p50 / p99 at a steady ${PACED_RATE} req/s (both commands)`,
    cairn: `${ms(paced.cairn.p50)} / ${ms(paced.cairn.p99)}`,
    ...(p ? { postgres: withRatio(`${ms(p.p50)} / ${ms(p.p99)}`, p.p99 / paced.same.p99) } : {}),
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
  const count: Record<Target, number> = { bare: 0, same: 0, cairn: 0, pg: 0 };
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
