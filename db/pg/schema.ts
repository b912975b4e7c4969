import {
  bigint,
  boolean,
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
  },
  (t) => [
    index('outbox_status_next_attempt_idx').on(t.status, t.nextAttemptAt),
    index('outbox_person_idx').on(t.personId),
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

// --- PostgreSQL only: state that several instances share ----------------------------------------------

/**
 * Pacing and Retry-After pauses shared by every instance (on SQLite they live in the one process):
 * a key (a Slack workspace, a Teams tenant or conversation) is held until `until`.
 */
export const pacing = pgTable('pacing', {
  key: text('key').primaryKey(),
  until: ms('until').notNull(),
});
