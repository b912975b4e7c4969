import { eq, lt, sql } from 'drizzle-orm';
import type { InboundEventRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { inboundEvents } from '../schema.js';

export function createInboundEventRepository(db: Db): InboundEventRepository {
  const insert = prepared(() =>
    db
      .insert(inboundEvents)
      .values({ eventId: sql.placeholder('eventId'), at: sql.placeholder('at') })
      .onConflictDoNothing()
      .prepare(),
  );
  return {
    firstSeen(eventId, at) {
      // A platform retry of the same event inserts nothing.
      return insert().run({ eventId, at }).changes === 1;
    },
    seen(eventId) {
      return db.select().from(inboundEvents).where(eq(inboundEvents.eventId, eventId)).get() !== undefined;
    },
    deleteOlderThan(before) {
      db.delete(inboundEvents).where(lt(inboundEvents.at, before)).run();
    },
  };
}
