import { AsyncLocalStorage } from 'node:async_hooks';
import type { SharedPacing } from '../../src/core/ports/pacing.js';
import type { Store } from '../../src/core/ports/store.js';
import { WIPE_INTERVAL_MS } from '../maintenance.js';
import type { createSlackInstallationRepository } from '../repositories/slack-installations.js';
import type { createTeamsConversationRepository } from '../repositories/teams-conversations.js';
import { SyncWorker } from './bridge.js';
import { STORE_REPOSITORIES } from './repositories/index.js';
import type { Request, WorkerSettings } from './worker.js';

export type PgStoreOptions = {
  url: string;
  /** Connections in the worker's pool (CAIRN_DATABASE_POOL). */
  poolSize?: number;
  /** Longest a statement may run, and at most half of it waiting for a lock. */
  statementTimeoutMs?: number;
  /** Apply pending migrations when opening (the server does; tools that only read may not). */
  migrate?: boolean;
  applicationName?: string;
};

/** What the host gets for a PostgreSQL database: the core's Store and the adapters' storage. */
export type PgHandle = {
  store: Store;
  slackInstallations: ReturnType<typeof createSlackInstallationRepository>;
  teamsConversations: ReturnType<typeof createTeamsConversationRepository>;
  /** Pacing and Retry-After pauses shared by every instance on this database. */
  pacing: SharedPacing;
  /** Migrations applied when opening, and recorded in total. */
  migrations: { applied: number; total: number } | null;
  /** Throws when the database does not answer (health checks). */
  check(): void;
  /**
   * Tries a lock shared by every instance (a session-level advisory lock on its own connection); false
   * when another holds it. Never waits.
   */
  tryLock(key: string): boolean;
  unlock(key: string): void;
  /** Runs one SQL statement (tests, tools): in the open transaction if any. */
  query<R = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): { rows: R[]; rowCount: number | null };
  /** Shutdown: the rewrite asked for, now. */
  flush(now: Date): void;
  close(): void;
};

/** The inbound event being handled, whose id the first transaction of its handler records. */
type Handling = { eventId: string; at: Date; recorded: boolean };

/** Thrown inside the transaction that found its event already recorded: the transaction rolls back. */
class DuplicateEvent extends Error {}

type Call = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The worker's file next to this one: worker.ts under tsx and vitest, worker.js once compiled. */
const workerFile = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

/**
 * Opens PostgreSQL behind the core's synchronous Store: a worker thread owns the pool and runs the
 * repositories; each call blocks this thread until its answer (bridge.ts). `transaction(fn)` runs BEGIN
 * on a client of its own, every call of `fn` on that client, then COMMIT (ROLLBACK when `fn` throws):
 * within this instance nothing interleaves, as on SQLite; between instances, READ COMMITTED with the
 * locks, ON CONFLICT and SKIP LOCKED clauses the repositories use where it matters.
 */
export function openPgStore(options: PgStoreOptions): PgHandle {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const settings: WorkerSettings = {
    url: options.url,
    poolSize: options.poolSize ?? 4,
    statementTimeoutMs,
    lockTimeoutMs: Math.max(100, Math.floor(statementTimeoutMs / 2)),
    applicationName: options.applicationName ?? 'cairn',
  };
  let worker = new SyncWorker(workerFile, { settings });
  // Past the statement timeout, PostgreSQL has already cancelled the statement: this is the last resort
  // for a connection that hangs (a network partition), sized to cover a connection attempt too.
  const callTimeoutMs = statementTimeoutMs * 2 + 5_000;
  let inTransaction = false;
  const call = <T>(request: Call, timeoutMs = callTimeoutMs): T => {
    // A worker that died (it should not: its errors are caught) is replaced between transactions, so an
    // instance outlives whatever happened to it; inside a transaction the transaction fails.
    if (worker.dead && !inTransaction && !closed) {
      worker = new SyncWorker(workerFile, { settings });
      worker.call({ op: 'open', migrate: false }, 60_000);
    }
    return worker.call<T>(request, timeoutMs);
  };
  let closed = false;

  let migrations: PgHandle['migrations'];
  try {
    migrations = call<PgHandle['migrations']>({ op: 'open', migrate: options.migrate ?? true }, 120_000);
  } catch (error) {
    try {
      call({ op: 'close' }, 5_000);
    } catch {}
    worker.terminate();
    throw error;
  }

  const repository = <T extends object>(repo: string): T =>
    new Proxy({} as T, {
      get: (target, method) =>
        // A method set on the repository (a test's stand-in) is the one called, as on SQLite's plain objects.
        Object.hasOwn(target, method)
          ? Reflect.get(target, method)
          : typeof method === 'string'
            ? (...args: unknown[]) => call({ op: 'call', repo: repo as never, method, args })
            : undefined,
    });

  let depth = 0;
  let wipeRequestedAt: Date | undefined;
  let lastWipeAt: Date | undefined;
  const handling = new AsyncLocalStorage<Handling>();
  const store = {
    transaction<T>(fn: () => T): T {
      // The first transaction of an inbound event's handler records the event's id with its change.
      const event = depth > 0 ? undefined : handling.getStore();
      const recording = event !== undefined && !event.recorded;
      call({ op: 'begin' });
      depth++;
      inTransaction = true;
      let result: T;
      try {
        if (recording && !store.inbound.firstSeen(event.eventId, event.at)) throw new DuplicateEvent();
        result = fn();
        if (result && typeof (result as { then?: unknown }).then === 'function')
          throw new TypeError('Transaction function cannot return a promise');
      } catch (error) {
        depth--;
        inTransaction = depth > 0;
        try {
          call({ op: 'rollback' });
        } catch {
          // The connection is gone: PostgreSQL rolls the transaction back itself.
        }
        throw error;
      }
      depth--;
      inTransaction = depth > 0;
      call({ op: 'commit' });
      if (recording) event.recorded = true;
      return result;
    },
    // As on SQLite (db/sqlite-store.ts): the event's id is recorded in its handler's first transaction.
    async handlingEvent<T>(eventId: string, at: Date, run: () => Promise<T>) {
      const event: Handling = { eventId, at, recorded: false };
      try {
        const value = await handling.run(event, run);
        if (!event.recorded && !store.inbound.firstSeen(eventId, at)) return { duplicate: true as const };
        return { duplicate: false as const, value };
      } catch (err) {
        if (err instanceof DuplicateEvent) return { duplicate: true as const };
        throw err;
      }
    },
    checkpoint() {
      // What SQLite's checkpoint is for, deleted rows gone from the files, is a rewrite of the tables here
      // (their dead row versions stay until then): asked for, and done off the request path by wipeIfDue.
      // PostgreSQL's own WAL has no equivalent a client may force: see PRIVACY.md, the PostgreSQL section.
      wipeRequestedAt ??= new Date();
    },
    requestWipe(at: Date) {
      wipeRequestedAt ??= at;
    },
    // The tables' files rewritten (VACUUM FULL, worker.ts) off the request path, at most every few minutes,
    // as SQLite's file is (db/maintenance.ts).
    wipeIfDue(now: Date) {
      if (!wipeRequestedAt || depth > 0 || closed) return false;
      if (lastWipeAt && now.getTime() - lastWipeAt.getTime() < WIPE_INTERVAL_MS) return false;
      call({ op: 'vacuum' }, 120_000);
      wipeRequestedAt = undefined;
      lastWipeAt = now;
      return true;
    },
    maintenance: () => ({
      walPendingMs: null,
      lastCheckpointDelayMs: null,
      wipeRequestedAt: wipeRequestedAt ?? null,
      lastWipeAt: lastWipeAt ?? null,
    }),
  } as Store;
  for (const name of STORE_REPOSITORIES)
    (store as unknown as Record<string, unknown>)[name] = repository(name);

  return {
    store,
    slackInstallations: repository('slackInstallations'),
    teamsConversations: repository('teamsConversations'),
    pacing: repository('pacing'),
    migrations,
    check: () => {
      if (closed) throw new Error('database connection closed');
      call({ op: 'ping' }, 5_000);
    },
    tryLock: (key) => call<boolean>({ op: 'lock', key }),
    unlock: (key) => call({ op: 'unlock', key }),
    query: (text, params = []) => call({ op: 'sql', text, params }),
    flush: (now) => {
      if (!wipeRequestedAt || closed) return;
      call({ op: 'vacuum' }, 120_000);
      wipeRequestedAt = undefined;
      lastWipeAt = now;
    },
    close: () => {
      if (closed) return;
      closed = true;
      try {
        call({ op: 'close' }, 10_000);
      } finally {
        worker.terminate();
      }
    },
  };
}
