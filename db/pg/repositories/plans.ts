import type { PlanRepository } from '../../../src/core/ports/repositories/plans.js';
import { type Async, type KeyLock, noLock, type PgDb } from '../db.js';

// STUB: to be written (the PostgreSQL twin of db/repositories/plans.ts).
export function createPgPlanRepository(_db: PgDb, _lock: KeyLock = noLock): Async<PlanRepository> {
  return new Proxy({} as Async<PlanRepository>, {
    get: (_t, name) => () => Promise.reject(new Error(`plans.${String(name)}: not yet on PostgreSQL`)),
  });
}
