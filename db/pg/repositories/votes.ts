import type { VoteRepository } from '../../../src/core/ports/repositories/votes.js';
import { type Async, type KeyLock, noLock, type PgDb } from '../db.js';

// STUB: to be written (the PostgreSQL twin of db/repositories/votes.ts).
export function createPgVoteRepository(_db: PgDb, _lock: KeyLock = noLock): Async<VoteRepository> {
  return new Proxy({} as Async<VoteRepository>, {
    get: (_t, name) => () => Promise.reject(new Error(`votes.${String(name)}: not yet on PostgreSQL`)),
  });
}
