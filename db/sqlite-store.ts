import type { Store } from '../src/core/ports/store.js';
import type { DatabaseHandle } from './client.js';
import { DatabaseMaintenance } from './maintenance.js';
import { createCaseRepository } from './repositories/cases.js';
import { createCheckinRepository } from './repositories/checkins.js';
import { createGroupRepository } from './repositories/groups.js';
import { createInboundEventRepository } from './repositories/inbound-events.js';
import { createLeaseRepository } from './repositories/leases.js';
import { createMembershipRepository } from './repositories/memberships.js';
import { createOccurrenceRepository } from './repositories/occurrences.js';
import { createOutboxRepository } from './repositories/outbox.js';
import { createPersonRepository } from './repositories/people.js';
import { createReminderOptOutRepository } from './repositories/reminder-opt-outs.js';
import { createSessionRepository } from './repositories/sessions.js';
import { createSynthesisRepository } from './repositories/syntheses.js';

/** The core's `Store` over one SQLite connection (checkpoints and rewrites through `maintenance`). */
export function createSqliteStore(
  handle: Pick<DatabaseHandle, 'sqlite' | 'db'>,
  maintenance: DatabaseMaintenance = new DatabaseMaintenance(handle.sqlite),
): Store {
  const { sqlite, db } = handle;
  return {
    transaction<T>(fn: () => T): T {
      // IMMEDIATE takes the write lock up front, so a read-then-write cannot fail halfway with SQLITE_BUSY.
      // Nested calls become savepoints (better-sqlite3 does that when a transaction is already open).
      // better-sqlite3 rejects a function that returns a promise, which keeps I/O out of transactions.
      return sqlite.transaction(fn).immediate();
    },
    groups: createGroupRepository(db),
    memberships: createMembershipRepository(db),
    people: createPersonRepository(db),
    sessions: createSessionRepository(db),
    cases: createCaseRepository(db),
    optOuts: createReminderOptOutRepository(db),
    occurrences: createOccurrenceRepository(db),
    outbox: createOutboxRepository(db),
    inbound: createInboundEventRepository(db),
    leases: createLeaseRepository(db),
    checkins: createCheckinRepository(db),
    syntheses: createSynthesisRepository(db),
    checkpoint() {
      maintenance.checkpoint();
    },
    requestWipe: (at) => maintenance.requestWipe(at),
    wipeIfDue: (now) => maintenance.wipeIfDue(now),
    maintenance: () => maintenance.status(),
  };
}
