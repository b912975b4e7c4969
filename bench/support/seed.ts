import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationStore } from '../../adapters/teams/conversation-store.js';
import type { DatabaseHandle } from '../../db/client.js';
import { createTeamsConversationRepository } from '../../db/repositories/teams-conversations.js';
import { systemClock } from '../../src/core/contract/clock.js';
import type { CheckinRound } from '../../src/core/domain/checkin.js';
import { DEFAULT_REMINDER_OFFSETS, type Group } from '../../src/core/domain/group.js';
import { DEFAULT_GUIDE_MINUTES } from '../../src/core/domain/guide.js';
import type { Person } from '../../src/core/domain/person.js';
import type { Core, CoreDeps } from '../../src/core/index.js';
import { assembleCairn } from '../../src/host/assemble.js';
import { loadConfig } from '../../src/host/config.js';
import { BENCH_TEAM, slackNameOf } from './fake-slack.js';

/** CAIRN_SECRET of every Cairn process the bench starts. */
export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-cairn-0123456789';

const DAY = 86_400_000;

/** A fresh directory for one scenario's database (removed by `cleanUp`). */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'cairn-bench-'));
}

export const cleanUp = (dir: string) => rmSync(dir, { recursive: true, force: true });

export type Seeder = { core: Core; deps: CoreDeps; db: DatabaseHandle; close(): void };

/** The environment that points Cairn at `db`: a PostgreSQL URL (CAIRN_DATABASE_URL) or a SQLite file. */
export const databaseEnv = (db: string): Record<string, string> =>
  /^postgres(ql)?:\/\//.test(db) ? { CAIRN_DATABASE_URL: db } : { CAIRN_DB: db };

/**
 * A real core over the scenario's database (a SQLite file or a PostgreSQL URL), assembled as the host does,
 * used only to seed it through the store and the core (no platform is served; nothing is sent from here).
 * On PostgreSQL, `db` (the SQLite handle) throws when used.
 */
export async function openSeeder(db: string): Promise<Seeder> {
  const cairn = await assembleCairn(
    loadConfig({ ...databaseEnv(db), CAIRN_SECRET: BENCH_SECRET, CAIRN_LANGUAGE: 'en', LOG_LEVEL: 'silent' }),
    { playground: false },
  );
  return {
    core: cairn.core,
    deps: cairn.deps,
    db: cairn.db,
    close() {
      cairn.store.checkpoint();
      cairn.database.close();
    },
  };
}

export type SeededMember = {
  /** The platform's user id (Slack `U…`, Teams object id). */
  userId: string;
  userRef: string;
  personId: string;
  group: Group;
  roundId?: string;
};

export type GroupsOptions = {
  platform: 'slack' | 'teams';
  workspace: string;
  groups: number;
  size: number;
  /** Distinguishes the users and spaces of several seeded sets in one database. */
  prefix: string;
  /** A session this many days ahead (3: its 7-days-before reminder is due now, the next one is not). */
  sessionInDays?: number;
  /** An open check-in round in every group (no prompts sent). */
  openRounds?: boolean;
};

/**
 * Groups of members (no facilitator: nothing is addressed to one), in one transaction through the
 * store's repositories, the way setup and member syncs write them.
 */
export function seedGroups(seeder: Seeder, options: GroupsOptions): SeededMember[] {
  const { store, ids } = seeder.deps;
  const now = systemClock.now();
  const members: SeededMember[] = [];
  store.transaction(() => {
    for (let g = 0; g < options.groups; g++) {
      const channel = `C${options.prefix}${String(g).padStart(6, '0')}`;
      // A Teams space is a group chat, whose id looks like this.
      const spaceId = options.platform === 'teams' ? `19:${channel}@thread.v2` : channel;
      const group: Group = {
        id: ids.newId(),
        platform: options.platform,
        workspace: options.workspace,
        spaceAddress: `${options.platform}:${options.workspace}:${spaceId}`,
        name: `Group ${options.prefix}${g}`,
        language: 'en',
        timeZone: 'Europe/Paris',
        reminderOffsets: DEFAULT_REMINDER_OFFSETS,
        checkinK: 4,
        supportContacts: null,
        retentionMonths: 12,
        createdAt: now,
        guideMinutes: [...DEFAULT_GUIDE_MINUTES],
      };
      store.groups.insert(group);
      if (options.sessionInDays !== undefined) {
        store.sessions.insert({
          id: ids.newId(),
          groupId: group.id,
          startsAt: new Date(now.getTime() + options.sessionInDays * DAY),
          durationMinutes: 180,
          place: 'Room 2',
          status: 'scheduled',
          seriesId: null,
        });
      }
      let roundId: string | undefined;
      if (options.openRounds) {
        const round: CheckinRound = {
          id: ids.newId(),
          groupId: group.id,
          status: 'open',
          source: 'facilitator',
          afterSessionId: null,
          k: group.checkinK,
          openedAt: now,
          closesAt: new Date(now.getTime() + 7 * DAY),
          closedAt: null,
          respondents: null,
          released: false,
          sharedAt: null,
        };
        store.checkins.insertRound(round);
        roundId = round.id;
      }
      for (let m = 0; m < options.size; m++) {
        const userId = `U${options.prefix}${String(g * options.size + m).padStart(7, '0')}`;
        const person: Person = {
          id: ids.newId(),
          platform: options.platform,
          workspace: options.workspace,
          userRef: `${options.platform}:${options.workspace}:${userId}`,
          displayName: slackNameOf(userId),
          language: null,
          pausedUntil: null,
          createdAt: now,
        };
        store.people.insert(person);
        store.memberships.set({ groupId: group.id, personId: person.id, role: 'member' });
        members.push({
          userId,
          userRef: person.userRef,
          personId: person.id,
          group,
          ...(roundId ? { roundId } : {}),
        });
      }
    }
  });
  return members;
}

/** Slack groups in the bench workspace. */
export const seedSlackGroups = (seeder: Seeder, options: Omit<GroupsOptions, 'platform' | 'workspace'>) =>
  seedGroups(seeder, { ...options, platform: 'slack', workspace: BENCH_TEAM });

/**
 * The conversation references the Teams adapter keeps, written through its own store: a 1:1 chat per
 * member and the group's chat, all served by `serviceUrl`.
 */
export function seedTeamsConversations(
  seeder: Seeder,
  tenantId: string,
  serviceUrl: string,
  members: SeededMember[],
): void {
  const conversations = new ConversationStore(createTeamsConversationRepository(seeder.db.db), systemClock);
  const bot = { id: '28:cairn-bench-bot' };
  const spaces = new Set<string>();
  seeder.deps.store.transaction(() => {
    for (const m of members) {
      conversations.rememberPersonal(m.userRef, tenantId, {
        serviceUrl,
        channelId: 'msteams',
        bot,
        conversation: { id: teamsChatOf(m.userId), conversationType: 'personal', tenantId },
        user: { id: `29:${m.userId}`, aadObjectId: m.userId },
      });
      if (spaces.has(m.group.spaceAddress)) continue;
      spaces.add(m.group.spaceAddress);
      conversations.rememberSpace(m.group.spaceAddress, tenantId, {
        serviceUrl,
        channelId: 'msteams',
        bot,
        conversation: { id: teamsSpaceChatOf(m.group.spaceAddress), conversationType: 'groupChat', tenantId },
      });
    }
  });
}

export const teamsChatOf = (userId: string): string => `a:dm-${userId}`;
/** `teams:<tenant>:<conversation id>` -> the conversation id. */
export const teamsSpaceChatOf = (spaceAddress: string): string => spaceAddress.split(':').slice(2).join(':');
