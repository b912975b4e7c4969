import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** The environment of a clean machine (no Cairn, Slack or Teams settings) plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|TEAMS_|CAIRN_|NODE_ENV$|PORT$|HOST$|LOG_LEVEL$|SHUTDOWN_)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

const running = new Set<CairnProcess>();

/**
 * Cairn run as it runs in production: `node dist/src/host/main.js` (the build made by the global setup), its
 * configuration in environment variables, stdout and stderr kept for the test to read.
 */
export class CairnProcess {
  private out = '';
  readonly exited: Promise<Exit>;
  port = 0;

  private constructor(readonly child: ChildProcess) {
    running.add(this);
    child.stdout?.on('data', (c: Buffer) => {
      this.out += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      this.out += c.toString('utf8');
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(this);
        resolve({ code, signal });
      });
    });
  }

  /** Starts Cairn and waits until it says it is running (and on which port). */
  static async start(
    env: Record<string, string>,
    timeoutMs = 20_000,
    nodeArgs: string[] = [],
  ): Promise<CairnProcess> {
    const child = spawn(process.execPath, [...nodeArgs, 'dist/src/host/main.js'], {
      cwd: ROOT,
      env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env }),
    });
    const cairn = new CairnProcess(child);
    const end = Date.now() + timeoutMs;
    for (;;) {
      const match = /Cairn is running on http:\/\/localhost:(\d+)/.exec(cairn.out);
      if (match) {
        cairn.port = Number(match[1]);
        return cairn;
      }
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > end) {
        child.kill('SIGKILL');
        throw new Error(`Cairn did not start (exit ${child.exitCode}):\n${cairn.out}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs Cairn until it exits by itself (a refused start). */
  static async runToExit(
    env: Record<string, string>,
    timeoutMs = 20_000,
  ): Promise<Exit & { output: string }> {
    const child = spawn(process.execPath, ['dist/src/host/main.js'], { cwd: ROOT, env: cleanEnv(env) });
    const cairn = new CairnProcess(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exit = await cairn.exited;
    clearTimeout(timer);
    return { ...exit, output: cairn.output() };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  output(): string {
    return this.out;
  }

  /** SIGKILL: the process dies at once, whatever it was doing. */
  kill(): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM: the graceful stop. */
  terminate(): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/**
 * Kills the Cairn processes this test file started and that are still running: in `afterEach`, or in
 * `afterAll` where a file's tests run concurrently (each one's processes are still in use by the others).
 */
export async function killStarted(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}

/** `npm run cairn -- <args>`, the operator's command, on the database `db`. */
export function operatorCommand(args: string[], db: string): Promise<Exit & { output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'cairn', '--', ...args], {
      cwd: ROOT,
      env: cleanEnv({ CAIRN_DB: db }),
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString('utf8');
    });
    child.once('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  timeoutMs: number,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
