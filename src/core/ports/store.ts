import type { CaseChoiceRepository } from './repositories/case-choice.js';
import type { CaseRepository } from './repositories/cases.js';
import type { CheckinRepository } from './repositories/checkins.js';
import type { GroupRepository, MembershipRepository } from './repositories/groups.js';
import type { GuideRepository } from './repositories/guides.js';
import type { NoteRepository } from './repositories/notes.js';
import type { OutboxRepository } from './repositories/outbox.js';
import type { PersonRepository } from './repositories/people.js';
import type { PlanRepository } from './repositories/plans.js';
import type {
  InboundEventRepository,
  LeaseRepository,
  OccurrenceRepository,
  ReminderOptOutRepository,
} from './repositories/reminders.js';
import type { SessionRepository } from './repositories/sessions.js';
import type { SynthesisRepository } from './repositories/syntheses.js';
import type { VoteRepository } from './repositories/votes.js';

/**
 * Everything the core persists. Repositories are synchronous (SQLite through better-sqlite3);
 * `transaction` runs its function atomically and must never await.
 */
export interface Store {
  transaction<T>(fn: () => T): T;
  groups: GroupRepository;
  memberships: MembershipRepository;
  people: PersonRepository;
  sessions: SessionRepository;
  cases: CaseRepository;
  optOuts: ReminderOptOutRepository;
  occurrences: OccurrenceRepository;
  outbox: OutboxRepository;
  inbound: InboundEventRepository;
  leases: LeaseRepository;
  checkins: CheckinRepository;
  syntheses: SynthesisRepository;
  guides: GuideRepository;
  notes: NoteRepository;
  plans: PlanRepository;
  /** The group's vote on proposed cases (issue 19). */
  votes: VoteRepository;
  /** Settings for choosing cases, and what the rotation needs (issue 19). */
  caseChoice: CaseChoiceRepository;
  /** Flushes the WAL into the main file and truncates it (after deletions that must be gone). */
  checkpoint(): void;
  /** Rewrites the database file so freed pages keep nothing. */
  vacuum(): void;
}
