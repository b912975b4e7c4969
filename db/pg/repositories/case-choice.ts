import type { CaseChoiceRepository } from '../../../src/core/ports/repositories/case-choice.js';
import { type Async, type KeyLock, noLock, type PgDb } from '../db.js';

// STUB: to be written (the PostgreSQL twin of db/repositories/case-choice.ts).
export function createPgCaseChoiceRepository(
  _db: PgDb,
  _lock: KeyLock = noLock,
): Async<CaseChoiceRepository> {
  return new Proxy({} as Async<CaseChoiceRepository>, {
    get: (_t, name) => () => Promise.reject(new Error(`case-choice.${String(name)}: not yet on PostgreSQL`)),
  });
}
