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
  /**
   * Runs `handle` for one inbound event so that its id is recorded in the same transaction as the first
   * change it makes (or on its own after it, when it changes nothing): a failure or a crash before that
   * change leaves the id unrecorded, so the platform's retry is handled again. `duplicate` when another
   * delivery of the same event recorded it first (the change that found it is rolled back).
   */
  handlingEvent<T>(
    eventId: string,
    at: Date,
    handle: () => Promise<T>,
  ): Promise<{ duplicate: true } | { duplicate: false; value: T }>;
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
  /**
   * Flushes the WAL into the main file and truncates it (after deletions that must be gone): at once, or,
   * while another connection reads the file, in the background as soon as it stops. Never waits.
   */
  checkpoint(): void;
  /**
   * Asks for the database file to be rewritten (VACUUM) so that free pages and the page layout keep nothing
   * of what was deleted; `wipeIfDue` does it, off the request path, at most every few minutes.
   */
  requestWipe(at: Date): void;
  /** Rewrites the file when asked and allowed (the scheduler's tick); true when it did. */
  wipeIfDue(now: Date): boolean;
  /** How the two above are doing, for the operator. */
  maintenance(): MaintenanceStatus;
}

export type MaintenanceStatus = {
  /** How long the WAL has been waiting for another connection to stop reading (null: it is not). */
  walPendingMs: number | null;
  /** How long the last checkpoint that had to wait waited (null: none had to). */
  lastCheckpointDelayMs: number | null;
  /** When a rewrite of the file was asked for and is still to do (null: none is). */
  wipeRequestedAt: Date | null;
  lastWipeAt: Date | null;
};
