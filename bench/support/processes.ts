import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
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

/** Starts a Node process pinned to the server CPU and waits for its ready line. */
export function spawnNode(options: SpawnOptions): Promise<Running> {
  const nodeArgs = [...(options.nodeFlags ?? []), ...options.args];
  const [command, args] = PINNING
    ? ['taskset', ['-c', SERVER_CPU, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    // Only the tail is kept (Cairn logs a line per command).
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process not ready after ${options.timeoutMs ?? 60_000} ms:\n${out}`));
    }, options.timeoutMs ?? 60_000);
    let buffered = '';
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (ready) return;
      buffered += chunk.toString('utf8');
      const match = options.ready.exec(buffered);
      if (!match) return;
      ready = true;
      clearTimeout(timer);
      const pid = child.pid!;
      resolve({
        pid,
        origin: match[1]!.replace('localhost', '127.0.0.1'),
        startMs: performance.now() - started,
        rssMb: () => statusKb(pid, 'VmRSS') / 1024,
        peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
        cpuMs: () => cpuMsOf(pid),
        output: () => out,
        async stop() {
          if (child.exitCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    });
    exited.then((code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before it was ready:\n${out}`));
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
