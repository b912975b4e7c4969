import type { NoteRepository } from '../../../src/core/ports/repositories/notes.js';
import { type Async, type KeyLock, noLock, type PgDb } from '../db.js';

// STUB: to be written (the PostgreSQL twin of db/repositories/notes.ts).
export function createPgNoteRepository(_db: PgDb, _lock: KeyLock = noLock): Async<NoteRepository> {
  return new Proxy({} as Async<NoteRepository>, {
    get: (_t, name) => () => Promise.reject(new Error(`notes.${String(name)}: not yet on PostgreSQL`)),
  });
}
