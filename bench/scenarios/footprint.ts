import type { Bench } from '../support/context.js';
import { type Running, sleep } from '../support/processes.js';
import { cleanUp } from '../support/seed.js';
import { startBareBoltProcess, startCairn } from '../support/servers.js';
import { fmt, ms } from '../support/table.js';
import { cairnFanout, type FanoutRun } from './fanout.js';

const STARTS = 3;
/** Long enough for the first scheduler tick, the outbox's first poll and a GC or two. */
const SETTLE_MS = 3000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Scenario 5: resident memory idle after start and after the fan-out of 10,000 (from scenario 3's
 * process), and the time from spawn to ready (listening, migrations checked) on scenario 3's database,
 * which then holds 10,000 people and 10,000 sent outbox rows. Median of three starts; the bare Bolt app
 * gives the reference figures.
 */
export async function footprint(bench: Bench, fanout?: FanoutRun): Promise<void> {
  const run = fanout ?? (await cairnFanout(bench, bench.quick ? 1000 : 10_000, true));
  const measure = async (start: () => Promise<Running>) => {
    const starts: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const server = await start();
      starts.push(server.startMs);
      await sleep(SETTLE_MS);
      idle.push(server.rssMb());
      await server.stop();
    }
    return { startMs: median(starts), idleMb: median(idle) };
  };
  bench.log('5. footprint: Cairn (Slack)');
  const slack = await measure(() => startCairn({ db: run.file, slack: bench.slack }));
  bench.log(`  start ${ms(slack.startMs)}, idle ${fmt(slack.idleMb)} MB`);
  bench.log('5. footprint: Cairn (Slack and Teams)');
  const both = await measure(() =>
    startCairn({
      db: run.file,
      slack: bench.slack,
      // Teams without Microsoft's authentication (nothing leaves the machine): accepted under NODE_ENV=test
      // only, with a loopback HOST.
      env: { NODE_ENV: 'test', TEAMS_AUTH_DISABLED: '1' },
    }),
  );
  bench.log(`  start ${ms(both.startMs)}, idle ${fmt(both.idleMb)} MB`);
  bench.log('5. footprint: bare Bolt');
  const bare = await measure(() => startBareBoltProcess(bench.slack));
  bench.log(`  start ${ms(bare.startMs)}, idle ${fmt(bare.idleMb)} MB`);
  cleanUp(run.dir);

  bench.rows.push(
    {
      scenario: '5. RSS idle after start (Slack)',
      cairn: `${fmt(slack.idleMb)} MB`,
      baseline: `${fmt(bare.idleMb)} MB`,
      ratio: slack.idleMb / bare.idleMb,
      goal: '≤ 120 MB',
      met: slack.idleMb <= 120,
    },
    {
      scenario: '5. RSS idle after start (Slack and Teams)',
      cairn: `${fmt(both.idleMb)} MB`,
      baseline: `${fmt(bare.idleMb)} MB`,
      ratio: both.idleMb / bare.idleMb,
      goal: '≤ 120 MB',
      met: both.idleMb <= 120,
    },
    {
      scenario: `5. RSS right after the fan-out of ${fmt(run.messages)} (peak)`,
      cairn: `${fmt(run.rssAfterMb)} MB (${fmt(run.peakRssMb)} MB)`,
      baseline: `${fmt(bare.idleMb)} MB`,
      ratio: run.rssAfterMb / bare.idleMb,
      goal: '—',
      met: null,
    },
    {
      scenario: '5. start to ready on an existing database (Slack)',
      cairn: ms(slack.startMs),
      baseline: ms(bare.startMs),
      ratio: slack.startMs / bare.startMs,
      goal: '≤ 1.5 s',
      met: slack.startMs <= 1500,
    },
    {
      scenario: '5. start to ready on an existing database (Slack and Teams)',
      cairn: ms(both.startMs),
      baseline: ms(bare.startMs),
      ratio: both.startMs / bare.startMs,
      goal: '≤ 1.5 s',
      met: both.startMs <= 1500,
    },
  );
}
