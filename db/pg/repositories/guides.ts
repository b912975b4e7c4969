import { and, asc, eq } from 'drizzle-orm';
import type { GuideRepository } from '../../../src/core/ports/repositories/guides.js';
import { toGuide, toGuideRow } from '../../repositories/guides.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { guides } from '../schema.js';

export function createPgGuideRepository(db: PgDb, lock: KeyLock = noLock): Async<GuideRepository> {
  // SQLite returns a group's guides in insertion order (no ORDER BY): the start, then the id, says the same.
  const oldestFirst = [asc(guides.startedAt), asc(bin(guides.id))];
  return {
    async get(id) {
      // Two presses at once, on two instances: the second reads what the first committed.
      await lock(`guides:${id}`);
      const [row] = await db.select().from(guides).where(eq(guides.id, id));
      return row && toGuide(row);
    },
    async insert(g) {
      // The partial unique index (one running guide per group) turns a second one into no row; a second
      // insert racing an uncommitted first waits for it, then inserts nothing.
      return changed(await db.insert(guides).values(toGuideRow(g)).onConflictDoNothing()) === 1;
    },
    async update(g) {
      const { id, ...rest } = toGuideRow(g);
      await db.update(guides).set(rest).where(eq(guides.id, id));
    },
    async findRunning(groupId) {
      // "None running here, start one": another instance starting one in the same space waits.
      await lock(`guides-running:${groupId}`);
      const [row] = await db
        .select()
        .from(guides)
        .where(and(eq(guides.groupId, groupId), eq(guides.status, 'running')));
      return row && toGuide(row);
    },
    async listRunning() {
      const rows = await db
        .select()
        .from(guides)
        .where(eq(guides.status, 'running'))
        .orderBy(...oldestFirst);
      return rows.map(toGuide);
    },
    async listByGroup(groupId) {
      const rows = await db
        .select()
        .from(guides)
        .where(eq(guides.groupId, groupId))
        .orderBy(...oldestFirst);
      return rows.map(toGuide);
    },
    async listBySession(sessionId) {
      const rows = await db
        .select()
        .from(guides)
        .where(eq(guides.sessionId, sessionId))
        .orderBy(...oldestFirst);
      return rows.map(toGuide);
    },
  };
}
