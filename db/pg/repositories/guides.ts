import type { GuideRepository } from '../../../src/core/ports/repositories/guides.js';
import { type Async, type KeyLock, noLock, type PgDb } from '../db.js';

// STUB: to be written (the PostgreSQL twin of db/repositories/guides.ts).
export function createPgGuideRepository(_db: PgDb, _lock: KeyLock = noLock): Async<GuideRepository> {
  return new Proxy({} as Async<GuideRepository>, {
    get: (_t, name) => () => Promise.reject(new Error(`guides.${String(name)}: not yet on PostgreSQL`)),
  });
}
