import type { Store } from '../../../src/core/ports/store.js';
import { type Async, type KeyLock, noLock, type PgDb } from '../db.js';
import { createPgSlackInstallationRepository, createPgTeamsConversationRepository } from './adapters.js';
import { createPgCaseChoiceRepository } from './case-choice.js';
import { createPgCaseRepository } from './cases.js';
import { createPgCheckinRepository } from './checkins.js';
import { createPgGroupRepository, createPgMembershipRepository } from './groups.js';
import { createPgGuideRepository } from './guides.js';
import { createPgNoteRepository } from './notes.js';
import { createPgOutboxRepository } from './outbox.js';
import { createPgPacingRepository } from './pacing.js';
import { createPgPersonRepository, createPgSessionRepository } from './people.js';
import { createPgPlanRepository } from './plans.js';
import {
  createPgInboundEventRepository,
  createPgLeaseRepository,
  createPgOccurrenceRepository,
  createPgReminderOptOutRepository,
} from './reminders.js';
import { createPgSynthesisRepository } from './syntheses.js';
import { createPgVoteRepository } from './votes.js';

type StoreRepositories = Omit<
  Store,
  'transaction' | 'handlingEvent' | 'checkpoint' | 'requestWipe' | 'wipeIfDue' | 'maintenance'
>;

/** Every repository the worker serves, by the name the calling thread uses. */
export function createPgRepositories(db: PgDb, lock: KeyLock = noLock) {
  const store: { [K in keyof StoreRepositories]: Async<StoreRepositories[K]> } = {
    groups: createPgGroupRepository(db, lock),
    memberships: createPgMembershipRepository(db, lock),
    people: createPgPersonRepository(db, lock),
    sessions: createPgSessionRepository(db, lock),
    cases: createPgCaseRepository(db, lock),
    optOuts: createPgReminderOptOutRepository(db),
    occurrences: createPgOccurrenceRepository(db),
    outbox: createPgOutboxRepository(db),
    inbound: createPgInboundEventRepository(db),
    leases: createPgLeaseRepository(db),
    checkins: createPgCheckinRepository(db, lock),
    syntheses: createPgSynthesisRepository(db, lock),
    guides: createPgGuideRepository(db, lock),
    notes: createPgNoteRepository(db, lock),
    plans: createPgPlanRepository(db, lock),
    votes: createPgVoteRepository(db, lock),
    caseChoice: createPgCaseChoiceRepository(db, lock),
  };
  return {
    ...store,
    slackInstallations: createPgSlackInstallationRepository(db),
    teamsConversations: createPgTeamsConversationRepository(db),
    pacing: createPgPacingRepository(db),
  };
}

export type PgRepositories = ReturnType<typeof createPgRepositories>;
export const STORE_REPOSITORIES = [
  'groups',
  'memberships',
  'people',
  'sessions',
  'cases',
  'optOuts',
  'occurrences',
  'outbox',
  'inbound',
  'leases',
  'checkins',
  'syntheses',
  'guides',
  'notes',
  'plans',
  'votes',
  'caseChoice',
] as const satisfies readonly (keyof StoreRepositories)[];
