import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * CPU pinning on machines with at least two CPUs: the process under test (Cairn, bare Bolt, the plain
 * loop) gets CPU 1 to itself; the load generator and the fake platforms stay on CPU 0. Without it they
 * would steal time from each other in ways that differ between Cairn and its baseline.
 */
export const PINNING = cpus().length >= 2 && hasTaskset();
export const SERVER_CPU = '1';
export const DRIVER_CPU = '0';

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Moves this process (the load generator and the fakes) to the driver CPU. */
export function pinSelf(): void {
  if (PINNING)
    execFileSync('taskset', ['-a', '-p', '-c', DRIVER_CPU, String(process.pid)], { stdio: 'ignore' });
}

export type Running = {
  pid: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Milliseconds from spawn to the ready line. */
  startMs: number;
  rssMb(): number;
  peakRssMb(): number;
  /** CPU time the process has used so far (user + system), in ms. */
  cpuMs(): number;
  /** Time the process was ready to run but waited for a CPU (other work on the machine), in ms. */
  waitMs(): number;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s). */
  stop(): Promise<number | null>;
  output(): string;
};

export type SpawnOptions = {
  /** Arguments after `node` (script and its arguments), and node flags before them. */
  args: string[];
  nodeFlags?: string[];
  env: Record<string, string>;
  /** A line of stdout announcing readiness; its first group is the URL. */
  ready: RegExp;
  timeoutMs?: number;
};

/**
 * Starts a Node process pinned to the server CPU and waits for its ready line. Its output goes to a file,
 * not a pipe: Cairn writes its log synchronously, and a pipe the busy load generator drains late would
 * stall Cairn on a full buffer, which production (a log collector reading promptly) does not do.
 */
export function spawnNode(options: SpawnOptions): Promise<Running> {
  const nodeArgs = [...(options.nodeFlags ?? []), ...options.args];
  const [command, args] = PINNING
    ? ['taskset', ['-c', SERVER_CPU, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-log-'));
  const logFile = join(dir, 'output.log');
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8').slice(-20_000);
    } catch {
      return '';
    }
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timeoutMs = options.timeoutMs ?? 60_000;

  return new Promise<Running>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      settled = true;
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`${message}:\n${output()}`));
      rmSync(dir, { recursive: true, force: true });
    };
    // The ready line comes early in the file; polling it every few ms times the start to within that.
    let read = 0;
    let text = '';
    const poll = setInterval(() => {
      if (settled) return;
      if (performance.now() - started > timeoutMs) return fail(`process not ready after ${timeoutMs} ms`);
      const size = statSync(logFile).size;
      if (size === read) return;
      const chunk = Buffer.alloc(size - read);
      const handle = openSync(logFile, 'r');
      readSync(handle, chunk, 0, chunk.length, read);
      closeSync(handle);
      read = size;
      text = (text + chunk.toString('utf8')).slice(-100_000);
      const match = options.ready.exec(text);
      if (!match) return;
      settled = true;
      clearInterval(poll);
      const startMs = performance.now() - started;
      const pid = child.pid!;
      resolve({
        pid,
        origin: match[1]!.replace('localhost', '127.0.0.1'),
        startMs,
        rssMb: () => statusKb(pid, 'VmRSS') / 1024,
        peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
        cpuMs: () => cpuMsOf(pid),
        waitMs: () => runQueueMsOf(pid),
        output,
        async stop() {
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
            await exited;
            clearTimeout(kill);
          }
          rmSync(dir, { recursive: true, force: true });
          return child.exitCode;
        },
      });
    }, 2);
    exited.then((code) => {
      if (!settled) fail(`process exited (${code}) before it was ready`);
    });
  });
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The second field of /proc/<pid>/schedstat: nanoseconds spent waiting on a run queue. */
function runQueueMsOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** Runs a Node script pinned to the server CPU until it exits; returns its stdout. */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
  const [command, argv] = PINNING
    ? ['taskset', ['-c', SERVER_CPU, process.execPath, ...args]]
    : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}:\n${err}`)),
    );
  });
}

/** Node flags that run a TypeScript file of the bench (tsx's loader). */
export const TSX = ['--import', 'tsx'];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()` or the deadline; false on timeout. */
export async function waitUntil(done: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}
