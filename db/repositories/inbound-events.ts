import { lt } from 'drizzle-orm';
import type { InboundEventRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { inboundEvents } from '../schema.js';

export function createInboundEventRepository(db: Db): InboundEventRepository {
  return {
    firstSeen(eventId, at) {
      // A platform retry of the same event inserts nothing.
      const result = db.insert(inboundEvents).values({ eventId, at }).onConflictDoNothing().run();
      return result.changes === 1;
    },
    deleteOlderThan(before) {
      db.delete(inboundEvents).where(lt(inboundEvents.at, before)).run();
    },
  };
}
