import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from '../src/core/contract/language.js';
import { CASE_KINDS, CASE_STATUSES, CASE_URGENCIES, CASE_VISIBILITIES } from '../src/core/domain/case.js';
import { DEFAULT_GUIDE_MINUTES } from '../src/core/domain/guide.js';
import { NOTE_KINDS } from '../src/core/domain/note.js';
import {
  FOLLOW_UP_STATES,
  PLAN_VISIBILITIES,
  REPORT_OUTCOMES,
  REPORT_SHARES,
} from '../src/core/domain/plan.js';

// Timestamps are integer milliseconds UTC; ids are text. No AUTOINCREMENT anywhere: nothing stored may
// reveal an insertion order beyond what a column says.

const ms = (name: string) => integer(name, { mode: 'timestamp_ms' });

const ROLES = ['facilitator', 'member'] as const;
const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
const OUTBOX_KINDS = ['direct', 'space', 'update'] as const;
const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'cancelled'] as const;
const OCCURRENCE_OUTCOMES = ['done', 'skipped'] as const;
const OUTBOX_AUDIENCES = ['facilitator', 'member'] as const;
const SUSPENSION_REASONS = ['space', 'workspace'] as const;

export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  platform: text('platform').notNull(),
  workspace: text('workspace').notNull(),
  spaceAddress: text('space_address').notNull().unique(),
  name: text('name').notNull(),
  language: text('language', { enum: LANGUAGES }).notNull(),
  timeZone: text('time_zone').notNull(),
  /** JSON array of `ReminderOffset`, validated with zod when read. */
  reminderOffsets: text('reminder_offsets').notNull(),
  checkinK: integer('checkin_k').notNull(),
  supportContacts: text('support_contacts'),
  retentionMonths: integer('retention_months').notNull(),
  createdAt: ms('created_at').notNull(),
  /** Session guide (issue 20): JSON array of the six steps' minutes, validated with zod when read. */
  guideMinutes: text('guide_minutes').notNull().default(JSON.stringify(DEFAULT_GUIDE_MINUTES)),
});

export const people = sqliteTable(
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

export const memberships = sqliteTable(
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
  // The primary key leads with group_id; person lookups (erasure, "my groups") need their own index.
  (t) => [primaryKey({ columns: [t.groupId, t.personId] }), index('memberships_person_idx').on(t.personId)],
);

export const sessions = sqliteTable(
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

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    // A deleted session leaves its cases unscheduled rather than erasing what the author wrote.
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
    /** Session guide (issue 20): the client's request in one sentence, recorded at the "contract" step. */
    clientRequest: text('client_request'),
  },
  (t) => [
    index('cases_author_idx').on(t.authorId),
    index('cases_session_idx').on(t.sessionId),
    index('cases_group_idx').on(t.groupId),
  ],
);

export const reminderOptOuts = sqliteTable(
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

export const occurrences = sqliteTable('occurrences', {
  key: text('key').primaryKey(),
  at: ms('at').notNull(),
  outcome: text('outcome', { enum: OCCURRENCE_OUTCOMES }).notNull(),
});

export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    platform: text('platform').notNull(),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    address: text('address').notNull(),
    /** JSON `Message`, validated with zod when read. */
    message: text('message').notNull(),
    // No foreign key: a row may be about someone Cairn does not store; erasure deletes by this column.
    personId: text('person_id'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    leaseUntil: ms('lease_until'),
    ref: text('ref'),
    lastError: text('last_error'),
    createdAt: ms('created_at').notNull(),
    sentAt: ms('sent_at'),
    /** The first transient failure since it was enqueued (or put back): the give-up budget counts from here. */
    failingSince: ms('failing_since'),
    /** Past this instant the message is no longer useful: dropped unsent (a reminder, a round's prompt). */
    expiresAt: ms('expires_at'),
    /** The group the message is about: held while the group is suspended, deleted with it. */
    groupId: text('group_id'),
    /** The role the recipient (person_id) must still have in the group when the message leaves. */
    audience: text('audience', { enum: OUTBOX_AUDIENCES }),
    /** The current sender's claim: only it may record the outcome of the send. */
    claim: text('claim'),
  },
  (t) => [
    index('outbox_status_next_attempt_idx').on(t.status, t.nextAttemptAt),
    index('outbox_person_idx').on(t.personId),
    index('outbox_group_idx').on(t.groupId),
    index('outbox_pending_expiry_idx').on(t.expiresAt).where(sql`status = 'pending'`),
  ],
);

/**
 * A group whose space Cairn was removed from, or whose workspace revoked Cairn's tokens: nothing is sent to
 * or about it, and it is purged after the grace period unless Cairn is added back.
 */
export const groupSuspensions = sqliteTable('group_suspensions', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  reason: text('reason', { enum: SUSPENSION_REASONS }).notNull(),
  since: ms('since').notNull(),
});

export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    eventId: text('event_id').primaryKey(),
    at: ms('at').notNull(),
  },
  // Old event ids are purged by time.
  (t) => [index('inbound_events_at_idx').on(t.at)],
);

export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: ms('until').notNull(),
});

// --- Anonymous check-ins ------------------------------------------------------------------------------
// DESIGN.md "Data and its protection": the two tables below hold no user id, no time and no row order.
// They are created WITHOUT ROWID (hand-added to the generated migration: drizzle-kit cannot express it).

const ROUND_STATUSES = ['open', 'closed'] as const;
const ROUND_SOURCES = ['schedule', 'facilitator'] as const;

export const checkinRounds = sqliteTable(
  'checkin_rounds',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ROUND_STATUSES }).notNull(),
    source: text('source', { enum: ROUND_SOURCES }).notNull(),
    /** The session after which a scheduled round opened (one round per session). */
    afterSessionId: text('after_session_id'),
    /** The threshold k, copied from the group when the round opens and never changed. */
    k: integer('k').notNull(),
    openedAt: ms('opened_at').notNull(),
    closesAt: ms('closes_at').notNull(),
    closedAt: ms('closed_at'),
    /** Set at close only: how many answered. */
    respondents: integer('respondents'),
    released: integer('released', { mode: 'boolean' }).notNull().default(false),
    sharedAt: ms('shared_at'),
  },
  (t) => [index('checkin_rounds_group_idx').on(t.groupId, t.status)],
);

/** Who has answered, only to refuse a second answer: token = HMAC(round key, user ref). Wiped at close. */
export const checkinParticipation = sqliteTable(
  'checkin_participation',
  {
    roundId: text('round_id').notNull(),
    token: text('token').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.token] })],
);

/** What was answered, as counters only; every cell exists from the round's opening (zeros). */
export const checkinTally = sqliteTable(
  'checkin_tally',
  {
    roundId: text('round_id').notNull(),
    question: text('question').notNull(),
    bucket: integer('bucket').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.question, t.bucket] })],
);

// --- Syntheses ------------------------------------------------------------------------------------------

const SYNTHESIS_STATUSES = ['draft', 'posted'] as const;

export const syntheses = sqliteTable(
  'syntheses',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id').references(() => people.id, { onDelete: 'set null' }),
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    /** JSON array of the group ids chosen as targets, validated with zod when read. */
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

/** Where a synthesis was posted: one outbox row per group, whose ref is the platform message. */
export const synthesisPosts = sqliteTable(
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

/** Slack installations (OAuth); `data` is the installation JSON encrypted with AES-256-GCM. */
export const slackInstallations = sqliteTable('slack_installations', {
  key: text('key').primaryKey(),
  teamId: text('team_id'),
  enterpriseId: text('enterprise_id'),
  data: text('data').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/** Teams conversation references for proactive messages, by user ref or space address. */
export const teamsConversations = sqliteTable(
  'teams_conversations',
  {
    key: text('key').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    kind: text('kind', { enum: ['personal', 'space'] }).notNull(),
    /** JSON ConversationReference (service URL, conversation id, bot, tenant). */
    reference: text('reference').notNull(),
    /** When the facilitator was told this person cannot be reached (once). */
    unreachableReportedAt: ms('unreachable_reported_at'),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('teams_conversations_tenant_idx').on(t.tenantId)],
);

// --- Session guide (issue 20) ---------------------------------------------------------------------------
// Also two columns above: groups.guide_minutes (the steps' durations) and cases.client_request (the
// contract sentence belongs with the case). A guide row holds timings only, never what was said.

const GUIDE_STATUSES = ['running', 'ended'] as const;
const GUIDE_ENDS = ['facilitator', 'auto'] as const;

export const guides = sqliteTable(
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

// --- Between sessions (issue 18): the practice notebook, action plans and their follow-up ---------------
// A note is its author's alone (PRIVACY.md): it goes with its author (forget-me, uninstall), with the group
// it was written in, and after the group's retention or the author's own shorter choice (people/
// apply-retention.ts). A plan goes with its case, so retention and erasure of cases take plans along.

export const notes = sqliteTable(
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
export const notebookSettings = sqliteTable('notebook_settings', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  keepMonths: integer('keep_months').notNull(),
});

export const actionPlans = sqliteTable(
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

// --- Choosing the cases: the group's vote and the rotation (issue 19) ---------------------------------
// Kept in one block so that branches adding tables concurrently merge cleanly. The ballot's two anonymous
// tables follow the check-in's rules (DESIGN.md "Data and its protection"): no user id, no time, no row
// order, WITHOUT ROWID (hand-added to the generated migration), counters of fixed width.

/** A group's settings for choosing cases; a group without a row uses the defaults (domain/group.ts). */
export const caseChoiceSettings = sqliteTable('case_choice_settings', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  casesPerSession: integer('cases_per_session').notNull(),
  voteWhenMore: integer('vote_when_more', { mode: 'boolean' }).notNull(),
  /** yyyy-mm-dd in the group's zone; null: the cycle runs from the group's first session. */
  cycleStartsOn: text('cycle_starts_on'),
});

/**
 * When someone became a member of a group: Cairn keeps no attendance, so "sessions since they last
 * presented" counts the sessions held while they were a member. Goes with the membership.
 */
export const membershipStarts = sqliteTable(
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

const BALLOT_STATUSES = ['open', 'closed'] as const;

/** One ballot per session at most: which session, how many choices, when it opens and closes. */
export const caseVoteRounds = sqliteTable(
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
    released: integer('released', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('case_vote_rounds_group_idx').on(t.groupId, t.status),
    index('case_vote_rounds_session_idx').on(t.sessionId),
  ],
);

/** Who has voted, only to refuse a second ballot: token = HMAC(ballot round key, user ref). Wiped at close. */
export const caseVoteParticipation = sqliteTable(
  'case_vote_participation',
  {
    roundId: text('round_id').notNull(),
    token: text('token').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.token] })],
);

/** The votes, as one counter per case on the ballot (2^40 + count), every cell created at opening. */
export const caseVoteTally = sqliteTable(
  'case_vote_tally',
  {
    roundId: text('round_id').notNull(),
    caseId: text('case_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.caseId] })],
);
