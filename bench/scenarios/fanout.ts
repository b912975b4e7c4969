import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMessage } from '../../adapters/slack/render-message.js';
import { DEFAULT_OUTBOX_OPTIONS } from '../../src/core/delivery/outbox-worker.js';
import { type Bench, pct } from '../support/context.js';
import { BENCH_TOKEN } from '../support/fake-slack.js';
import { activityPer, describeActivity, type PgActivity } from '../support/postgres.js';
import { runNode, sleep, waitUntil } from '../support/processes.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from '../support/seed.js';
import { startCairn } from '../support/servers.js';
import { fmt, ms, withRatio } from '../support/table.js';
import { profile } from './acknowledgment.js';

/** Cairn's workspace pace, raised so that only the outbox's own cost shows (the fake has no limit). */
const NO_PACING = { SLACK_WORKSPACE_RATE: '1000000' };

export type FanoutRun = {
  engine: 'sqlite' | 'postgres';
  messages: number;
  /** First Web API call to the last message, at the fake. */
  sendMs: number;
  perSecond: number;
  perMessageMs: number;
  /** Spawn to ready, which includes the scheduler's first tick (it enqueues the whole fan-out). */
  readyMs: number;
  /** CPU time of Cairn's process from its ready line to the last message, per message. */
  cpuPerMessageMs: number;
  /** The same of the PostgreSQL server (NaN on SQLite). */
  dbCpuPerMessageMs: number;
  /** What the PostgreSQL server counted per message, from Cairn's start (its first tick included). */
  dbActivity?: PgActivity;
  rssAfterMb: number;
  peakRssMb: number;
  /** Share of the sending time Cairn waited for its CPU (other work on the machine). */
  cpuWait: number;
  lost: number;
  duplicates: number;
  /** The database after the run, kept for the footprint scenario when asked (SQLite only). */
  dir: string;
  file: string;
};

/**
 * Cairn sends `messages` reminder DMs: groups of 10 whose session is in 3 days, so the 7-days-before
 * reminder is due. Cairn's scheduler enqueues the fan-out on its first tick at start, then the outbox
 * sends it; the rate is measured at the fake, from the first Web API call to the last message. On
 * PostgreSQL (`bench.postgres`), the groups are seeded in a database of their own, dropped afterwards.
 */
export async function cairnFanout(
  bench: Bench,
  messages: number,
  keep = false,
  engine: 'sqlite' | 'postgres' = 'sqlite',
): Promise<FanoutRun> {
  const dir = scratchDir();
  const postgres = engine === 'postgres' ? bench.postgres : undefined;
  if (engine === 'postgres' && !postgres) throw new Error('no PostgreSQL server in this run');
  const file = postgres ? await postgres.createDatabase(`fanout_${messages}`) : join(dir, 'cairn.db');
  const seeder = await openSeeder(file);
  seedSlackGroups(seeder, { groups: messages / 10, size: 10, prefix: 'F', sessionInDays: 3 });
  seeder.close();

  const activity0 = postgres ? await postgres.activity(file) : undefined;
  bench.slack.reset();
  const cairn = await startCairn({
    db: file,
    slack: bench.slack,
    env: NO_PACING,
    ...profile(bench, `fanout-${postgres ? 'pg-' : ''}${messages}`),
  });
  const wait0 = cairn.waitMs();
  const cpu0 = cairn.cpuMs();
  const dbCpu0 = postgres?.cpuMs() ?? Number.NaN;
  // Each store call is a round trip to the server on PostgreSQL: more time allowed before giving up.
  const perMessage = postgres ? 20 : 5;
  const done = await waitUntil(
    () => bench.slack.deliveries.distinct >= messages,
    60_000 + messages * perMessage,
  );
  const waited = cairn.waitMs() - wait0;
  const cpuMs = cairn.cpuMs() - cpu0;
  const dbCpuMs = (postgres?.cpuMs() ?? Number.NaN) - dbCpu0;
  const rssAfterMb = cairn.rssMb();
  const peakRssMb = cairn.peakRssMb();
  await sleep(500); // anything sent twice would arrive now
  await cairn.stop();
  const d = bench.slack.deliveries;
  let dbActivity: PgActivity | undefined;
  if (postgres && activity0) {
    await sleep(1000); // the backends' statistics, flushed as they exit
    dbActivity = activityPer(activity0, await postgres.activity(file), d.distinct);
  }
  const sendMs = d.last - bench.slack.firstCallAt;
  const run: FanoutRun = {
    engine,
    messages,
    sendMs,
    perSecond: (d.distinct / sendMs) * 1000,
    perMessageMs: sendMs / d.distinct,
    readyMs: cairn.startMs,
    cpuPerMessageMs: cpuMs / d.distinct,
    dbCpuPerMessageMs: dbCpuMs / d.distinct,
    rssAfterMb,
    peakRssMb,
    cpuWait: waited / sendMs,
    lost: messages - d.distinct,
    duplicates: d.duplicates,
    dir,
    file,
    ...(dbActivity ? { dbActivity } : {}),
  };
  bench.log(
    `  Cairn${postgres ? ' on PostgreSQL' : ''}, ${messages} reminders: ${fmt(run.perSecond)} msg/s ` +
      `(${ms(run.perMessageMs)} per message), ready after ${ms(run.readyMs)}, RSS ${fmt(rssAfterMb)} MB, ` +
      `lost ${run.lost}, duplicates ${run.duplicates}, CPU ${ms(run.cpuPerMessageMs)} per message` +
      (postgres ? ` (and ${ms(run.dbCpuPerMessageMs)} in PostgreSQL)` : '') +
      `, waited for its CPU ${pct(run.cpuWait)} of the time` +
      (done ? '' : ' (timed out)'),
  );
  if (postgres) await postgres.dropDatabase(file);
  if (!keep || postgres) cleanUp(dir);
  return run;
}

/**
 * The baseline: the same DMs (the rows Cairn's tick enqueues on a copy of the database, rendered as the
 * Slack adapter renders them) sent by a plain loop with the same WebClient settings and concurrency.
 */
export async function plainLoop(
  bench: Bench,
  messages: number,
): Promise<{ perSecond: number; lost: number }> {
  const dir = scratchDir();
  const file = join(dir, 'cairn.db');
  const seeder = await openSeeder(file);
  seedSlackGroups(seeder, { groups: messages / 10, size: 10, prefix: 'F', sessionInDays: 3 });
  const tick0 = performance.now();
  const enqueued = seeder.core.tick();
  const tickMs = performance.now() - tick0;
  const { outbox } = seeder.deps.store;
  const rows = outbox
    .listDue(new Date(Date.now() + 60_000), messages + 1)
    .map((head) => outbox.get(head.id)!);
  seeder.close();
  const dms = rows.map((row) => {
    const { text, blocks } = renderMessage(row.message);
    return { user: row.address.split(':').pop(), text, blocks };
  });
  const json = join(dir, 'messages.json');
  writeFileSync(json, JSON.stringify(dms));
  bench.notes.push(
    `3. One scheduler tick enqueued ${enqueued.caseReminders} reminders in ${fmt(tickMs / 1000, 1)} s ` +
      `(in the bench process, on a copy of the database; not part of the send rates).`,
  );

  bench.slack.reset();
  await runNode([
    'dist/bench/fanout-loop.js',
    json,
    bench.slack.apiUrl,
    BENCH_TOKEN,
    String(DEFAULT_OUTBOX_OPTIONS.concurrency),
  ]);
  const d = bench.slack.deliveries;
  const perSecond = (d.distinct / (d.last - bench.slack.firstCallAt)) * 1000;
  bench.log(`  plain loop, ${dms.length} DMs: ${fmt(perSecond)} msg/s`);
  cleanUp(dir);
  return { perSecond, lost: messages - d.distinct };
}

/**
 * Scenario 3 (and the memory after it, for scenario 5): 10,000 DMs, Cairn's outbox vs a plain loop; and
 * Cairn on PostgreSQL, when the bench runs a PostgreSQL server, against the same plain loop.
 */
export async function fanout(bench: Bench): Promise<FanoutRun> {
  const messages = bench.quick ? 1000 : 10_000;
  bench.log(`3. fan-out of ${messages} reminders: plain loop`);
  const baseline = await plainLoop(bench, messages);
  bench.log('3. fan-out: Cairn');
  const run = await cairnFanout(bench, messages, true);
  let onPg: FanoutRun | undefined;
  if (bench.postgres) {
    bench.log('3. fan-out: Cairn on PostgreSQL');
    onPg = await cairnFanout(bench, messages, false, 'postgres');
  }
  const ratio = run.perSecond / baseline.perSecond;
  bench.rows.push({
    scenario: `3. fan-out, ${fmt(messages)} reminder DMs, no platform limit`,
    cairn: `${fmt(run.perSecond)} msg/s`,
    ...(onPg
      ? { postgres: withRatio(`${fmt(onPg.perSecond)} msg/s`, onPg.perSecond / baseline.perSecond) }
      : {}),
    baseline: `${fmt(baseline.perSecond)} msg/s`,
    ratio,
    goal: '≥ 0.9×',
    met: ratio >= 0.9 && run.lost === 0 && run.duplicates === 0,
  });
  bench.notes.push(
    `3. Cairn: ${run.lost} lost, ${run.duplicates} duplicates; plain loop: ${baseline.lost} lost. ` +
      `Both make conversations.open then chat.postMessage per person, ${DEFAULT_OUTBOX_OPTIONS.concurrency} at a time. ` +
      `Cairn waited for its CPU ${pct(run.cpuWait)} of the time (other work on the machine).`,
  );
  if (onPg)
    bench.notes.push(
      `3. Cairn on PostgreSQL: ${onPg.lost} lost, ${onPg.duplicates} duplicates; ready (first tick included) ` +
        `after ${ms(onPg.readyMs)} against ${ms(run.readyMs)} on SQLite; CPU per message ` +
        `${ms(onPg.cpuPerMessageMs)} in Cairn's process and ${ms(onPg.dbCpuPerMessageMs)} in the PostgreSQL ` +
        `server (on the driver's CPU), against ${ms(run.cpuPerMessageMs)} on SQLite; Cairn waited for its ` +
        `CPU ${pct(onPg.cpuWait)} of the time` +
        (onPg.dbActivity ? `; per message the server counted ${describeActivity(onPg.dbActivity)}.` : '.'),
    );
  return run;
}

/** Scenario 6: the same fan-out at three sizes; the time per message must stay flat. */
export async function growth(bench: Bench, atTenThousand?: FanoutRun): Promise<void> {
  const sizes = bench.quick ? [1000, 5000] : [1000, 10_000, 50_000];
  const runs: FanoutRun[] = [];
  for (const size of sizes) {
    bench.log(`6. growth: ${size} reminders`);
    runs.push(size === atTenThousand?.messages ? atTenThousand : await cairnFanout(bench, size));
  }
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  const ratio = last.perMessageMs / first.perMessageMs;
  bench.rows.push({
    scenario: `6. growth: time per message at ${sizes.map((s) => fmt(s)).join(' / ')}`,
    cairn: runs.map((r) => ms(r.perMessageMs)).join(' / '),
    baseline: `${ms(first.perMessageMs)} (at ${fmt(first.messages)})`,
    ratio,
    goal: '≤ 1.25× (flat)',
    met: ratio <= 1.25 && runs.every((r) => r.lost === 0 && r.duplicates === 0),
  });
}
