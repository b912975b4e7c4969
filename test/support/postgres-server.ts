import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for tests: Debian's binaries (the `postgresql` package), a temporary data
 * directory, a free port on 127.0.0.1. PostgreSQL refuses to run as root, so as root the server runs as an
 * unprivileged user (`postgres`, which the package creates, or `cairn-pg`, created here once).
 */

export type PgServer = {
  /** `postgres://cairn@127.0.0.1:<port>/postgres`: the superuser on the maintenance database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** A URL for another database on this server. */
  urlOf(database: string): string;
  /** Stops the server (fast shutdown, or immediate when `crash`), keeping the data directory. */
  stop(crash?: boolean): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
};

export type PgServerOptions = {
  /** Durability settings off (fsync, full page writes): unit tests, never fault tests. */
  fast?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
};

const SUPERUSER = 'cairn';

/** The directory holding initdb and postgres, or undefined when PostgreSQL is not installed. */
export function findPgBin(): string | undefined {
  const fromEnv = process.env.CAIRN_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'postgres')) ? fromEnv : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Who runs the server: ourselves, or an unprivileged user when we are root. */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'cairn-pg']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid, name };
    } catch {}
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'cairn-pg']);
  return serverUser();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start within 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Creates a data directory and starts a server on it. */
export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const user = serverUser();
  const base = mkdtempSync(join(tmpdir(), 'cairn-pg-'));
  const dataDir = join(base, 'data');
  if (user) {
    chownSync(base, user.uid, user.gid);
    chmodSync(base, 0o700);
  }
  const asUser = {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  };
  execFileSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    { ...asUser, stdio: 'pipe' },
  );
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: base,
    max_connections: '200',
    ...(options.fast ? { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' } : {}),
    ...options.settings,
  };
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const urlOf = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    const started = spawn(join(bin, 'postgres'), args, { ...asUser, stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    });
    started.stderr?.on('data', (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    });
    child = started;
    await waitUntilReady(urlOf('postgres'), started, () => output);
  };
  const stop = async (crash = false) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    // SIGINT: fast shutdown (clients disconnected, checkpoint). SIGQUIT: immediate, like a crash.
    running.kill(crash ? 'SIGQUIT' : 'SIGINT');
    await exited;
  };
  await start();
  return {
    adminUrl: urlOf('postgres'),
    port,
    dataDir,
    urlOf,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
