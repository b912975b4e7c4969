import { type SQL, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

/** A drizzle database over the pool, or over the one client of an open transaction. */
export type PgDb = NodePgDatabase<typeof schema>;

/**
 * A column compared and sorted byte by byte, as SQLite does: the database's collation (en_US and the like)
 * would order ids, cursors and names differently from SQLite and from JavaScript.
 */
export const bin = (column: AnyPgColumn): SQL => sql`${column} collate "C"`;

/** The asynchronous twin of a synchronous repository: the same methods, each returning a promise. */
export type Async<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T ? (...args: A) => Promise<T> : never;
};

/** Rows a write touched (node-postgres reports it for INSERT, UPDATE and DELETE). */
export const changed = (result: { rowCount: number | null }): number => result.rowCount ?? 0;

/**
 * Inside a transaction, a read by key locks that key until commit (a transaction-scoped advisory lock,
 * nothing written): the core decides on what it read ("no case with this id yet, insert it"), as it may
 * on SQLite where a write transaction has the database to itself. Another instance deciding on the same
 * key waits, then reads what the first committed. Outside a transaction, reads lock nothing.
 */
export type KeyLock = (key: string) => Promise<void>;
export const noLock: KeyLock = async () => {};
