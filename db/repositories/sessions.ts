import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { SessionRepository } from '../../src/core/ports/repositories/sessions.js';
import type { Db } from '../client.js';
import { sessions } from '../schema.js';

const scheduled = () => eq(sessions.status, 'scheduled');

export function createSessionRepository(db: Db): SessionRepository {
  return {
    get(id) {
      return db.select().from(sessions).where(eq(sessions.id, id)).get();
    },
    insert(session) {
      db.insert(sessions).values(session).run();
    },
    update(session) {
      const { id, ...rest } = session;
      db.update(sessions).set(rest).where(eq(sessions.id, id)).run();
    },
    listUpcoming(groupId, from) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.groupId, groupId), scheduled(), gte(sessions.startsAt, from)))
        .orderBy(asc(sessions.startsAt), asc(sessions.id))
        .all();
    },
    listPast(groupId, before, limit) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.groupId, groupId), scheduled(), lt(sessions.startsAt, before)))
        .orderBy(desc(sessions.startsAt), desc(sessions.id))
        .limit(limit)
        .all();
    },
    listStartingBetween(from, to) {
      return db
        .select()
        .from(sessions)
        .where(and(scheduled(), gte(sessions.startsAt, from), lt(sessions.startsAt, to)))
        .orderBy(asc(sessions.startsAt), asc(sessions.id))
        .all();
    },
    deleteByGroup(groupId) {
      db.delete(sessions).where(eq(sessions.groupId, groupId)).run();
    },
  };
}
