import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { acknowledgment } from './scenarios/acknowledgment.js';
import { checkinSubmission } from './scenarios/checkin.js';
import { type FanoutRun, fanout, growth } from './scenarios/fanout.js';
import { footprint } from './scenarios/footprint.js';
import { limits } from './scenarios/limits.js';
import type { Bench } from './support/context.js';
import { BenchConnector } from './support/fake-connector.js';
import { BenchSlack } from './support/fake-slack.js';
import { describeMachine } from './support/machine.js';
import { type BenchPostgres, postgresMissing, startBenchPostgres } from './support/postgres.js';
import { PINNING, pinSelf, ROOT } from './support/processes.js';
import { compileBenchScripts } from './support/servers.js';
import { markdownTable } from './support/table.js';

/**
 * `npm run bench`: every scenario of issue 9 in turn, on loopback only, each bounded in time; one table
 * of ratios against baselines measured in the same run, printed and written to bench/results/latest.md.
 *
 *   --only=1,3   run some scenarios (the results file is then not written)
 *   --quick      smaller sizes and shorter runs, to try the bench itself (not written either)
 *   --profile    Cairn's processes write V8 CPU profiles to bench/results/profiles/
 *
 * Scenarios 1 and 3 also run Cairn on PostgreSQL (a column beside SQLite's) when PostgreSQL is installed:
 * the bench starts a server of its own for them (bench/support/postgres.ts).
 */
// Scenario 3's run (its database, its memory) feeds 5 and is 6's middle point; cleaned up by 5.
let tenThousand: FanoutRun | undefined;
const SCENARIOS: { id: string; name: string; run: (bench: Bench) => Promise<void> }[] = [
  { id: '1', name: 'acknowledgment', run: acknowledgment },
  { id: '2', name: 'check-in submission', run: checkinSubmission },
  {
    id: '3',
    name: 'fan-out',
    run: async (bench) => {
      tenThousand = await fanout(bench);
    },
  },
  { id: '6', name: 'growth', run: (bench) => growth(bench, tenThousand) },
  { id: '5', name: 'footprint', run: (bench) => footprint(bench, tenThousand) },
  { id: '4', name: "fan-out under the platforms' limits", run: limits },
];

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const quick = args.includes('--quick');
const profileDir = args.includes('--profile') ? join(ROOT, 'bench', 'results', 'profiles') : undefined;
/** The scenarios with a PostgreSQL column. */
const ON_POSTGRES = ['1', '3'];

/** The PostgreSQL server of those scenarios when one of them runs, or why there is none (one line). */
async function postgresForRun(
  log: (line: string) => void,
): Promise<{ postgres?: BenchPostgres; note?: string; failure?: string }> {
  if (!ON_POSTGRES.some((id) => !only || only.includes(id))) return {};
  const missing = postgresMissing();
  if (missing) {
    log(missing);
    return { note: missing };
  }
  try {
    const postgres = await startBenchPostgres();
    log(`${postgres.description}: scenarios ${ON_POSTGRES.join(' and ')} also run Cairn on it`);
    return { postgres };
  } catch (err) {
    const message = `PostgreSQL did not start, its column is skipped: ${err instanceof Error ? err.message : String(err)}`;
    log(message);
    return { failure: message };
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg();
  pinSelf();
  await compileBenchScripts();
  const slack = await BenchSlack.start();
  const connector = await BenchConnector.start();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // After pinSelf: the server inherits the driver's CPU.
  const pg = await postgresForRun(log);
  const bench: Bench = {
    slack,
    connector,
    ...(pg.postgres ? { postgres: pg.postgres } : {}),
    rows: [],
    notes: [
      ...(pg.note ? [pg.note] : []),
      ...(pg.postgres
        ? [
            `${pg.postgres.description}, on the driver's CPU. The PostgreSQL column gives Cairn on it, ` +
              "each figure's ratio to the row's baseline in brackets; ratio, goal and met? are SQLite's.",
          ]
        : []),
    ],
    quick,
    log,
    ...(profileDir ? { profileDir } : {}),
  };
  log(`Cairn benchmarks${PINNING ? ' (process under test on CPU 1, driver on CPU 0)' : ' (no CPU pinning)'}`);
  const failures: string[] = pg.failure ? [pg.failure] : [];
  for (const scenario of SCENARIOS) {
    const { id } = scenario;
    if (only && !only.includes(id)) continue;
    try {
      await scenario.run(bench);
    } catch (err) {
      failures.push(`${id}. ${scenario.name}: ${err instanceof Error ? err.message : String(err)}`);
      log(`scenario ${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  await slack.close();
  await connector.close();
  await pg.postgres?.close();

  const minutes = (performance.now() - started) / 60_000;
  const machine = describeMachine();
  const report = [
    `# Cairn benchmarks — latest run`,
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes.toFixed(1)} min. ${machine}`,
    PINNING
      ? 'Process under test pinned to CPU 1; load generator and fake platforms on CPU 0.'
      : 'No CPU pinning (fewer than two CPUs or no taskset).',
    '',
    markdownTable(bench.rows),
    '',
    `- Load average (1 min) of the machine: ${loadBefore[0]!.toFixed(2)} at the start, ` +
      `${loadavg()[0]!.toFixed(2)} at the end (other work on the machine makes every figure noisier).`,
    ...bench.notes.map((n) => `- ${n}`),
    ...failures.map((f) => `- **failed** ${f}`),
    '',
  ].join('\n');
  process.stdout.write(`\n${report}`);
  if (!only && !quick) {
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), report);
    log('written to bench/results/latest.md');
  }
  if (failures.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
