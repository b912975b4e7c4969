import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { LANGUAGES } from '../../src/core/contract/language.js';
import { CASE_KINDS, CASE_STATUSES, CASE_URGENCIES, CASE_VISIBILITIES } from '../../src/core/domain/case.js';
import { DEFAULT_GUIDE_MINUTES } from '../../src/core/domain/guide.js';
import { NOTE_KINDS } from '../../src/core/domain/note.js';
import {
  FOLLOW_UP_STATES,
  PLAN_VISIBILITIES,
  REPORT_OUTCOMES,
  REPORT_SHARES,
} from '../../src/core/domain/plan.js';

// The PostgreSQL twin of db/schema.ts: the same tables, column names, keys and indexes, so that one row
// type serves both engines and the repositories share their mappers. test/db/schema-equivalence.test.ts
// introspects both real databases and fails on any difference in meaning. To add a table: copy its
// sqliteTable here as a pgTable with the helpers below, then `npm run db:generate:pg -- --name <what>`.
//
// Types: text ids and text JSON (parsed with zod on read, as on SQLite); `ms` timestamps become
// timestamptz (read back as Date, millisecond values); SQLite integers become integer, booleans boolean.

const ms = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

const ROLES = ['facilitator', 'member'] as const;
const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
const OUTBOX_KINDS = ['direct', 'space', 'update'] as const;
const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'cancelled'] as const;
const OCCURRENCE_OUTCOMES = ['done', 'skipped'] as const;
const OUTBOX_AUDIENCES = ['facilitator', 'member'] as const;
const SUSPENSION_REASONS = ['space', 'workspace'] as const;

export const groups = pgTable('groups', {
  id: text('id').primaryKey(),
  platform: text('platform').notNull(),
  workspace: text('workspace').notNull(),
  spaceAddress: text('space_address').notNull().unique(),
  name: text('name').notNull(),
  language: text('language', { enum: LANGUAGES }).notNull(),
  timeZone: text('time_zone').notNull(),
  reminderOffsets: text('reminder_offsets').notNull(),
  checkinK: integer('checkin_k').notNull(),
  supportContacts: text('support_contacts'),
  retentionMonths: integer('retention_months').notNull(),
  createdAt: ms('created_at').notNull(),
  guideMinutes: text('guide_minutes').notNull().default(JSON.stringify(DEFAULT_GUIDE_MINUTES)),
});

export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    userRef: text('user_ref').notNull(),
    displayName: text('display_name').notNull(),
    language: text('language', { enum: LANGUAGES }),
    pausedUntil: ms('paused_until'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('people_platform_user_ref_unique').on(t.platform, t.userRef)],
);

export const memberships = pgTable(
  'memberships',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] }), index('memberships_person_idx').on(t.personId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    startsAt: ms('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place').notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull(),
    seriesId: text('series_id'),
  },
  (t) => [
    index('sessions_status_starts_at_idx').on(t.status, t.startsAt),
    index('sessions_group_idx').on(t.groupId),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    authorId: text('author_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    situation: text('situation').notNull(),
    stakes: text('stakes').notNull(),
    tried: text('tried').notNull(),
    expectations: text('expectations').notNull(),
    urgency: text('urgency', { enum: CASE_URGENCIES }).notNull(),
    visibility: text('visibility', { enum: CASE_VISIBILITIES }).notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    clientRequest: text('client_request'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    index('cases_author_idx').on(t.authorId),
    index('cases_session_idx').on(t.sessionId),
    index('cases_group_idx').on(t.groupId),
  ],
);

export const reminderOptOuts = pgTable(
  'reminder_opt_outs',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index('reminder_opt_outs_person_idx').on(t.personId),
  ],
);

export const occurrences = pgTable('occurrences', {
  key: text('key').primaryKey(),
  at: ms('at').notNull(),
  outcome: text('outcome', { enum: OCCURRENCE_OUTCOMES }).notNull(),
});

export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    platform: text('platform').notNull(),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    address: text('address').notNull(),
    message: text('message').notNull(),
    personId: text('person_id'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    leaseUntil: ms('lease_until'),
    ref: text('ref'),
    lastError: text('last_error'),
    createdAt: ms('created_at').notNull(),
    sentAt: ms('sent_at'),
    failingSince: ms('failing_since'),
    expiresAt: ms('expires_at'),
    groupId: text('group_id'),
    audience: text('audience', { enum: OUTBOX_AUDIENCES }),
    claim: text('claim'),
  },
  (t) => [
    index('outbox_status_next_attempt_idx').on(t.status, t.nextAttemptAt),
    index('outbox_person_idx').on(t.personId),
    index('outbox_group_idx').on(t.groupId),
    index('outbox_pending_expiry_idx').on(t.expiresAt).where(sql`status = 'pending'`),
  ],
);

export const inboundEvents = pgTable(
  'inbound_events',
  {
    eventId: text('event_id').primaryKey(),
    at: ms('at').notNull(),
  },
  (t) => [index('inbound_events_at_idx').on(t.at)],
);

export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: ms('until').notNull(),
});

// --- Anonymous check-ins ------------------------------------------------------------------------------
// See db/pg/repositories/checkins.ts for how answers are written so that row versions link nothing.

const ROUND_STATUSES = ['open', 'closed'] as const;
const ROUND_SOURCES = ['schedule', 'facilitator'] as const;

export const checkinRounds = pgTable(
  'checkin_rounds',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ROUND_STATUSES }).notNull(),
    source: text('source', { enum: ROUND_SOURCES }).notNull(),
    afterSessionId: text('after_session_id'),
    k: integer('k').notNull(),
    openedAt: ms('opened_at').notNull(),
    closesAt: ms('closes_at').notNull(),
    closedAt: ms('closed_at'),
    respondents: integer('respondents'),
    released: boolean('released').notNull().default(false),
    sharedAt: ms('shared_at'),
  },
  (t) => [index('checkin_rounds_group_idx').on(t.groupId, t.status)],
);

export const checkinParticipation = pgTable(
  'checkin_participation',
  {
    roundId: text('round_id').notNull(),
    token: text('token').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.token] })],
);

/** Counters, stored as on SQLite (TALLY_BASE + count), so that both engines hold the same values. */
export const checkinTally = pgTable(
  'checkin_tally',
  {
    roundId: text('round_id').notNull(),
    question: text('question').notNull(),
    bucket: integer('bucket').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.question, t.bucket] })],
);

// --- Syntheses ------------------------------------------------------------------------------------------

const SYNTHESIS_STATUSES = ['draft', 'posted'] as const;

export const syntheses = pgTable(
  'syntheses',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id').references(() => people.id, { onDelete: 'set null' }),
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    targetGroups: text('target_groups').notNull(),
    themes: text('themes').notNull(),
    learned: text('learned').notNull(),
    commitments: text('commitments').notNull(),
    freeText: text('free_text').notNull(),
    status: text('status', { enum: SYNTHESIS_STATUSES }).notNull(),
    version: integer('version').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('syntheses_author_idx').on(t.authorId)],
);

export const synthesisPosts = pgTable(
  'synthesis_posts',
  {
    synthesisId: text('synthesis_id')
      .notNull()
      .references(() => syntheses.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    outboxId: text('outbox_id').notNull(),
    postedAt: ms('posted_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.synthesisId, t.groupId] }),
    index('synthesis_posts_group_idx').on(t.groupId),
  ],
);

// --- Platform adapters' own state ---------------------------------------------------------------------

export const slackInstallations = pgTable('slack_installations', {
  key: text('key').primaryKey(),
  teamId: text('team_id'),
  enterpriseId: text('enterprise_id'),
  data: text('data').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const teamsConversations = pgTable(
  'teams_conversations',
  {
    key: text('key').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    kind: text('kind', { enum: ['personal', 'space'] }).notNull(),
    reference: text('reference').notNull(),
    unreachableReportedAt: ms('unreachable_reported_at'),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('teams_conversations_tenant_idx').on(t.tenantId)],
);

// --- Tables added with durability (issue 16), the guide (20), the notebook and plans (18), the vote (19) ---
// The same as db/schema.ts; the ballot's two anonymous tables follow the check-in's rules on PostgreSQL
// (db/pg/repositories/votes.ts writes them as checkins.ts does: rows updated in place, no history kept).

const GUIDE_STATUSES = ['running', 'ended'] as const;
const GUIDE_ENDS = ['facilitator', 'auto'] as const;
const BALLOT_STATUSES = ['open', 'closed'] as const;

/**
 * A group whose space Cairn was removed from, or whose workspace revoked Cairn's tokens: nothing is sent to
 * or about it, and it is purged after the grace period unless Cairn is added back.
 */
export const groupSuspensions = pgTable('group_suspensions', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  reason: text('reason', { enum: SUSPENSION_REASONS }).notNull(),
  since: ms('since').notNull(),
});

export const guides = pgTable(
  'guides',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    // A case erased (its author forgotten, retention) takes its guide's timings with it.
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    status: text('status', { enum: GUIDE_STATUSES }).notNull(),
    step: integer('step').notNull(),
    /** JSON array: the six steps' planned minutes, copied from the group at the start. */
    minutes: text('minutes').notNull(),
    /** JSON array: seconds spent in each step finished so far. */
    spentSeconds: text('spent_seconds').notNull(),
    stepStartedAt: ms('step_started_at').notNull(),
    extraMinutes: integer('extra_minutes').notNull(),
    pausedAt: ms('paused_at'),
    pausedMs: integer('paused_ms').notNull(),
    startedAt: ms('started_at').notNull(),
    endedAt: ms('ended_at'),
    endedBy: text('ended_by', { enum: GUIDE_ENDS }),
    /** Outbox ids: the live message, and the edit of it that later edits replace while it waits. */
    postId: text('post_id').notNull(),
    editId: text('edit_id'),
    edits: integer('edits').notNull(),
    shown: text('shown').notNull(),
  },
  (t) => [
    // Two guides at once in one space are refused by the database too, whatever the race.
    uniqueIndex('guides_one_running_per_group').on(t.groupId).where(sql`${t.status} = 'running'`),
    index('guides_status_idx').on(t.status),
    index('guides_session_idx').on(t.sessionId),
    index('guides_case_idx').on(t.caseId),
  ],
);

export const notes = pgTable(
  'notes',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    /** The session a takeaway is about. */
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: NOTE_KINDS }).notNull(),
    text: text('text').notNull(),
    noticed: text('noticed').notNull(),
    /** A takeaway sent, named, to the facilitators for the synthesis (the author's choice). */
    sharedAt: ms('shared_at'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('notes_author_idx').on(t.authorId, t.createdAt), index('notes_session_idx').on(t.sessionId)],
);

/** A member's own, shorter, keeping period for their notes. */
export const notebookSettings = pgTable('notebook_settings', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  keepMonths: integer('keep_months').notNull(),
});

export const actionPlans = pgTable(
  'action_plans',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .unique()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    what: text('what').notNull(),
    withWhom: text('with_whom').notNull(),
    support: text('support').notNull(),
    visibility: text('visibility', { enum: PLAN_VISIBILITIES }).notNull(),
    /** Local date (yyyy-mm-dd, the group's zone) of the follow-up. */
    followUpOn: text('follow_up_on').notNull(),
    followUp: text('follow_up', { enum: FOLLOW_UP_STATES }).notNull(),
    outcome: text('outcome', { enum: REPORT_OUTCOMES }),
    happened: text('happened'),
    learned: text('learned'),
    share: text('share', { enum: REPORT_SHARES }),
    reportedAt: ms('reported_at'),
    /** The session whose facilitators' digest carried the report. */
    digestedFor: text('digested_for'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('action_plans_author_idx').on(t.authorId), index('action_plans_group_idx').on(t.groupId)],
);

/** A group's settings for choosing cases; a group without a row uses the defaults (domain/group.ts). */
export const caseChoiceSettings = pgTable('case_choice_settings', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  casesPerSession: integer('cases_per_session').notNull(),
  voteWhenMore: boolean('vote_when_more').notNull(),
  /** yyyy-mm-dd in the group's zone; null: the cycle runs from the group's first session. */
  cycleStartsOn: text('cycle_starts_on'),
});

/**
 * When someone became a member of a group: Cairn keeps no attendance, so "sessions since they last
 * presented" counts the sessions held while they were a member. Goes with the membership.
 */
export const membershipStarts = pgTable(
  'membership_starts',
  {
    groupId: text('group_id').notNull(),
    personId: text('person_id').notNull(),
    since: ms('since').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    foreignKey({
      columns: [t.groupId, t.personId],
      foreignColumns: [memberships.groupId, memberships.personId],
    }).onDelete('cascade'),
  ],
);

/** One ballot per session at most: which session, how many choices, when it opens and closes. */
export const caseVoteRounds = pgTable(
  'case_vote_rounds',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    sessionId: text('session_id').notNull(),
    status: text('status', { enum: BALLOT_STATUSES }).notNull(),
    maxChoices: integer('max_choices').notNull(),
    /** "Facilitator only" cases proposed when the ballot opened: counted, never shown to the group. */
    hiddenCases: integer('hidden_cases').notNull(),
    openedAt: ms('opened_at').notNull(),
    closesAt: ms('closes_at').notNull(),
    closedAt: ms('closed_at'),
    /** Set at close only, and only when at least 3 voted (the counts are then released). */
    voters: integer('voters'),
    released: boolean('released').notNull().default(false),
  },
  (t) => [
    index('case_vote_rounds_group_idx').on(t.groupId, t.status),
    index('case_vote_rounds_session_idx').on(t.sessionId),
  ],
);

/** Who has voted, only to refuse a second ballot: token = HMAC(ballot round key, user ref). Wiped at close. */
export const caseVoteParticipation = pgTable(
  'case_vote_participation',
  {
    roundId: text('round_id').notNull(),
    token: text('token').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.token] })],
);

/** The votes, as one counter per case on the ballot (2^40 + count, as on SQLite), every cell created at opening. */
export const caseVoteTally = pgTable(
  'case_vote_tally',
  {
    roundId: text('round_id').notNull(),
    caseId: text('case_id').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.caseId] })],
);

// --- PostgreSQL only: state that several instances share ----------------------------------------------

/**
 * Pacing and Retry-After pauses shared by every instance (on SQLite they live in the one process):
 * a key (a Slack workspace, a Teams tenant or conversation) is held until `until`.
 */
export const pacing = pgTable('pacing', {
  key: text('key').primaryKey(),
  until: ms('until').notNull(),
});
