import { build } from 'esbuild';
import { BENCH_TOKEN, type BenchSlack } from './fake-slack.js';
import { ROOT, type Running, spawnNode } from './processes.js';
import { BENCH_SECRET, databaseEnv } from './seed.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

export type CairnOptions = {
  /** The SQLite file, or a `postgres://` URL (then Cairn runs on PostgreSQL: CAIRN_DATABASE_URL). */
  db: string;
  slack: BenchSlack;
  /** Extra environment (rates, Teams). */
  env?: Record<string, string>;
  /** Writes a V8 CPU profile into this folder when the process exits. */
  profileDir?: string;
};

/**
 * Cairn as it runs in production: the built `dist/src/host/main.js`, its own process, Slack over HTTP on
 * 127.0.0.1, logging at the default level (to a pipe the bench drains).
 */
export function startCairn(options: CairnOptions): Promise<Running> {
  return spawnNode({
    args: ['dist/src/host/main.js'],
    nodeFlags: [
      // Extra node flags for Cairn's processes (e.g. `--import ./probe.mjs` to look inside while it runs).
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
    ],
    env: {
      NODE_ENV: 'production',
      CAIRN_SECRET: BENCH_SECRET,
      ...databaseEnv(options.db),
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: BENCH_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: options.slack.apiUrl,
      ...options.env,
    },
    ready: /Cairn is running on (\S+)/,
  });
}

/**
 * The bare Bolt 5 app (bench/bare-bolt.ts) in its own process, pinned like Cairn, compiled to plain
 * JavaScript like Cairn (see `compileBenchScripts`).
 */
export function startBareBoltProcess(slack: BenchSlack, profileDir?: string): Promise<Running> {
  return spawnNode({
    args: ['dist/bench/bare-bolt-main.js'],
    nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: { NODE_ENV: 'production', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl },
    ready: /^ready (\S+)/m,
  });
}

/**
 * The same-work Bolt app (bench/same-work-bolt.ts) in its own process, pinned and compiled like Cairn:
 * `work` is the file of Cairn's rendered replies, `db` its SQLite file for check-in answers.
 */
export function startSameWorkBoltProcess(
  slack: BenchSlack,
  work: string,
  db: string,
  profileDir?: string,
): Promise<Running> {
  return spawnNode({
    args: ['dist/bench/same-work-bolt-main.js'],
    nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: {
      NODE_ENV: 'production',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      BENCH_SAME_WORK: work,
      BENCH_SAME_WORK_DB: db,
    },
    ready: /^ready (\S+)/m,
  });
}

/** The scripts the bench runs as processes of their own, compiled to dist/bench (no loader at run time). */
export async function compileBenchScripts(): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [
      'bench/bare-bolt-main.ts',
      'bench/bare-bolt.ts',
      'bench/same-work-bolt-main.ts',
      'bench/same-work-bolt.ts',
      'bench/fanout-loop.ts',
    ],
    outdir: 'dist/bench',
    outbase: 'bench',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
}
