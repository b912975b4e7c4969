import { type MessagePort, workerData } from 'node:worker_threads';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Reply, WireError } from './bridge.js';
import type { PgDb } from './db.js';
import { applyPgMigrations } from './migrations.js';
import { createPgRepositories, type PgRepositories } from './repositories/index.js';
import * as schema from './schema.js';

/**
 * The thread that owns the PostgreSQL pool and runs the repositories for the calling thread (see
 * bridge.ts). Requests come one at a time (the caller waits for each answer). Outside a transaction each
 * call runs on the pool; inside one, every call runs on the transaction's client, in order.
 */

export type WorkerSettings = {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  applicationName: string;
};

export type Request =
  | { id: number; op: 'open'; migrate: boolean }
  | { id: number; op: 'call'; repo: keyof PgRepositories; method: string; args: unknown[] }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' }
  | { id: number; op: 'rollback' }
  | { id: number; op: 'vacuum' }
  | { id: number; op: 'ping' }
  | { id: number; op: 'lock'; key: string }
  | { id: number; op: 'unlock'; key: string }
  | { id: number; op: 'sql'; text: string; params: unknown[] }
  | { id: number; op: 'close' };

const { flag, port, settings } = workerData as {
  flag: Int32Array;
  port: MessagePort;
  settings: WorkerSettings;
};

const pool = new pg.Pool({
  connectionString: settings.url,
  max: settings.poolSize,
  application_name: settings.applicationName,
  // Nothing may hold the calling thread (a whole Cairn instance) for long: a statement or a lock wait that
  // runs past these fails, and the request with it, rather than freezing every other request.
  statement_timeout: settings.statementTimeoutMs,
  lock_timeout: settings.lockTimeoutMs,
  idle_in_transaction_session_timeout: Math.max(settings.statementTimeoutMs * 2, 10_000),
  connectionTimeoutMillis: Math.max(settings.statementTimeoutMs, 10_000),
});
// A pooled client that loses its connection while idle (a database restart) is dropped and replaced; one
// that loses it while checked out (a transaction, a held lock) fails its next query. Neither may end the
// thread: an 'error' event without a listener would.
pool.on('error', () => {});
pool.on('connect', (client) => {
  client.on('error', () => {});
});

const poolDb: PgDb = drizzle({ client: pool, schema });
const poolRepos = createPgRepositories(poolDb);

type Transaction = { client: pg.PoolClient; repos: PgRepositories; depth: number };
let tx: Transaction | undefined;

/** Session-level advisory locks held by this instance (Slack token refresh), each on its own client. */
const held = new Map<string, pg.PoolClient>();

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'open': {
      // Fails fast with PostgreSQL's own message when the URL, the password or the database is wrong.
      await pool.query('select 1');
      return request.migrate ? applyPgMigrations(pool) : null;
    }
    case 'call': {
      // Pacing is shared state of its own, never part of the caller's transaction.
      const repos = request.repo === 'pacing' ? poolRepos : (tx?.repos ?? poolRepos);
      const repo = repos[request.repo] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const method = repo?.[request.method];
      if (!method) throw new Error(`no repository method ${request.repo}.${request.method}`);
      return method.apply(repo, request.args);
    }
    case 'begin': {
      if (tx) {
        tx.depth++;
        await tx.client.query(`savepoint s${tx.depth}`);
        return null;
      }
      const client = await pool.connect();
      try {
        await client.query('begin');
      } catch (error) {
        client.release(true);
        throw error;
      }
      const txDb = drizzle({ client, schema });
      const lock = async (key: string) => {
        await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`cairn:${key}`]);
      };
      tx = { client, repos: createPgRepositories(txDb, lock), depth: 0 };
      return null;
    }
    case 'commit':
    case 'rollback': {
      const current = tx;
      if (!current) throw new Error(`${request.op} without a transaction`);
      if (current.depth > 0) {
        const name = `s${current.depth--}`;
        if (request.op === 'commit') await current.client.query(`release savepoint ${name}`);
        else await current.client.query(`rollback to savepoint ${name}; release savepoint ${name}`);
        return null;
      }
      tx = undefined;
      try {
        await current.client.query(request.op);
        current.client.release();
      } catch (error) {
        // A client whose COMMIT or ROLLBACK failed is in an unknown state: close it.
        current.client.release(true);
        throw error;
      }
      return null;
    }
    case 'vacuum': {
      // After deletions that must be gone (a round's tokens, forget-me, an uninstall): VACUUM FULL writes
      // each table and its indexes anew and drops the old files, so the table files keep no deleted row
      // (a plain VACUUM only marks their space free, the bytes stay). It locks each table for the moment
      // of its copy: Cairn's tables are small, and this runs at the scheduler's tick, at most every 5
      // minutes, only after deletions asked for it (store.ts: wipeIfDue).
      await pool.query('vacuum full');
      return null;
    }
    case 'ping':
      await pool.query('select 1');
      return null;
    case 'lock': {
      // Tried, never waited for: the calling thread must not block while another instance holds it.
      if (held.has(request.key)) return false;
      const client = await pool.connect();
      let locked = false;
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
          [request.key],
        );
        locked = rows[0]?.locked === true;
      } finally {
        if (locked) held.set(request.key, client);
        else client.release();
      }
      return locked;
    }
    case 'unlock': {
      const client = held.get(request.key);
      if (!client) return null;
      held.delete(request.key);
      try {
        await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [request.key]);
        client.release();
      } catch {
        client.release(true);
      }
      return null;
    }
    case 'sql': {
      const client = tx?.client ?? pool;
      const result = await client.query(request.text, request.params);
      return { rows: result.rows, rowCount: result.rowCount };
    }
    case 'close': {
      if (tx) {
        tx.client.release(true);
        tx = undefined;
      }
      for (const client of held.values()) client.release(true);
      held.clear();
      await pool.end();
      return null;
    }
  }
}

/** SQLite's wording for the constraint failures both engines share, so that callers match one message. */
const CONSTRAINTS: Record<string, string> = {
  '23505': 'UNIQUE constraint failed',
  '23503': 'FOREIGN KEY constraint failed',
  '23502': 'NOT NULL constraint failed',
  '23514': 'CHECK constraint failed',
};

/**
 * The error as it crosses to the calling thread. drizzle wraps a driver error in one whose message lists
 * the query's parameters — what people wrote — so only PostgreSQL's own error is passed on (its message
 * names the constraint, never the values).
 */
function toWire(error: unknown): WireError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    const prefix = typeof code === 'string' ? CONSTRAINTS[code] : undefined;
    return {
      name: cause.name === 'error' ? 'DatabaseError' : cause.name,
      message: prefix ? `${prefix}: ${cause.message}` : cause.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof constraint === 'string' ? { constraint } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

function answer(reply: Reply): void {
  port.postMessage(reply);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', (request: Request) => {
  handle(request).then(
    (value) => answer({ id: request.id, ok: true, value }),
    (error: unknown) => answer({ id: request.id, ok: false, error: toWire(error) }),
  );
});
