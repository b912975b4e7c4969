import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from '../src/core/ports/store.js';
import type { DatabaseHandle } from './client.js';
import { DatabaseMaintenance } from './maintenance.js';
import { createCaseChoiceRepository } from './repositories/case-choice.js';
import { createCaseRepository } from './repositories/cases.js';
import { createCheckinRepository } from './repositories/checkins.js';
import { createGroupRepository } from './repositories/groups.js';
import { createGuideRepository } from './repositories/guides.js';
import { createInboundEventRepository } from './repositories/inbound-events.js';
import { createLeaseRepository } from './repositories/leases.js';
import { createMembershipRepository } from './repositories/memberships.js';
import { createNoteRepository } from './repositories/notes.js';
import { createOccurrenceRepository } from './repositories/occurrences.js';
import { createOutboxRepository } from './repositories/outbox.js';
import { createPersonRepository } from './repositories/people.js';
import { createPlanRepository } from './repositories/plans.js';
import { createReminderOptOutRepository } from './repositories/reminder-opt-outs.js';
import { createSessionRepository } from './repositories/sessions.js';
import { createSynthesisRepository } from './repositories/syntheses.js';
import { createVoteRepository } from './repositories/votes.js';

/** The inbound event being handled, whose id the first transaction of its handler records. */
type Handling = { eventId: string; at: Date; recorded: boolean };

/** Thrown inside the transaction that found its event already recorded: the transaction rolls back. */
class DuplicateEvent extends Error {}

/** The core's `Store` over one SQLite connection (checkpoints and rewrites through `maintenance`). */
export function createSqliteStore(
  handle: Pick<DatabaseHandle, 'sqlite' | 'db'>,
  maintenance: DatabaseMaintenance = new DatabaseMaintenance(handle.sqlite),
): Store {
  const { sqlite, db } = handle;
  const inbound = createInboundEventRepository(db);
  const handling = new AsyncLocalStorage<Handling>();
  return {
    transaction<T>(fn: () => T): T {
      // The first transaction of an inbound event's handler records the event's id with its change.
      const event = sqlite.inTransaction ? undefined : handling.getStore();
      const recording = event !== undefined && !event.recorded;
      // IMMEDIATE takes the write lock up front, so a read-then-write cannot fail halfway with SQLITE_BUSY.
      // Nested calls become savepoints (better-sqlite3 does that when a transaction is already open).
      // better-sqlite3 rejects a function that returns a promise, which keeps I/O out of transactions.
      const result = sqlite
        .transaction(() => {
          if (recording && !inbound.firstSeen(event.eventId, event.at)) throw new DuplicateEvent();
          return fn();
        })
        .immediate();
      if (recording) event.recorded = true;
      return result;
    },
    async handlingEvent(eventId, at, run) {
      const event: Handling = { eventId, at, recorded: false };
      try {
        const value = await handling.run(event, run);
        // A handler that changed nothing: its event is recorded on its own.
        if (!event.recorded && !inbound.firstSeen(eventId, at)) return { duplicate: true };
        return { duplicate: false, value };
      } catch (err) {
        if (err instanceof DuplicateEvent) return { duplicate: true };
        throw err;
      }
    },
    groups: createGroupRepository(db),
    memberships: createMembershipRepository(db),
    people: createPersonRepository(db),
    sessions: createSessionRepository(db),
    cases: createCaseRepository(db),
    optOuts: createReminderOptOutRepository(db),
    occurrences: createOccurrenceRepository(db),
    outbox: createOutboxRepository(db),
    inbound,
    leases: createLeaseRepository(db),
    checkins: createCheckinRepository(db),
    syntheses: createSynthesisRepository(db),
    guides: createGuideRepository(db),
    notes: createNoteRepository(db),
    plans: createPlanRepository(db),
    votes: createVoteRepository(db),
    caseChoice: createCaseChoiceRepository(db),
    checkpoint() {
      maintenance.checkpoint();
    },
    requestWipe: (at) => maintenance.requestWipe(at),
    wipeIfDue: (now) => maintenance.wipeIfDue(now),
    maintenance: () => maintenance.status(),
  };
}
