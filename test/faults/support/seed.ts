import { ConversationStore } from '../../../adapters/teams/conversation-store.js';
import { openDatabase } from '../../../db/client.js';
import { createTeamsConversationRepository } from '../../../db/repositories/teams-conversations.js';
import { createSqliteStore } from '../../../db/sqlite-store.js';
import { systemClock } from '../../../src/core/contract/clock.js';
import { DEFAULT_REMINDER_OFFSETS, type Group } from '../../../src/core/domain/group.js';
import { DEFAULT_GUIDE_MINUTES } from '../../../src/core/domain/guide.js';
import type { Person } from '../../../src/core/domain/person.js';
import type { Session } from '../../../src/core/domain/session.js';

export const SLACK_TEAM = 'T0CAIRN';
export const TENANT = '7e1c1a52-0000-4000-8000-00000000a11c';
export const TEAMS_BOT = '28:cairn-bot';

export type SeededMember = {
  /** The platform's own id: a Slack user id (U…) or a Teams Entra object id. */
  id: string;
  userRef: string;
  groupIndex: number;
  groupId: string;
};

export type Seeded = {
  groups: Group[];
  members: SeededMember[];
  facilitators: SeededMember[];
  sessions: Session[];
};

export type SeedOptions = {
  platform: 'slack' | 'teams';
  groups: number;
  membersPerGroup: number;
  /** One session per group at this time. */
  sessionAt: Date;
  /** Teams: the fake Bot Connector's URL (each member gets a 1:1 chat reference through it). */
  serviceUrl?: string;
  createdAt?: Date;
  /** Keeps ids apart when a database is seeded twice (capitals and digits: Slack ids allow no others). */
  idPrefix?: string;
};

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

/**
 * Writes groups, their facilitator and members, and one session per group straight into the database file
 * through Cairn's own repositories (what months of use would have left there), before Cairn starts.
 */
export function seedGroups(file: string, options: SeedOptions): Seeded {
  const handle = openDatabase(file);
  try {
    const store = createSqliteStore(handle);
    const conversations = new ConversationStore(createTeamsConversationRepository(handle.db), systemClock);
    const createdAt = options.createdAt ?? new Date(options.sessionAt.getTime() - 60 * 86_400_000);
    const workspace = options.platform === 'slack' ? SLACK_TEAM : TENANT;
    const refOf = (id: string) => `${options.platform}:${workspace}:${id}`;
    const x = options.idPrefix ?? '';
    const groups: Group[] = [];
    const members: SeededMember[] = [];
    const facilitators: SeededMember[] = [];
    const sessions: Session[] = [];
    let n = 0;
    store.transaction(() => {
      for (let g = 0; g < options.groups; g++) {
        const space = options.platform === 'slack' ? `G${x}${pad(g)}` : `19:group-${x}${pad(g)}@thread.v2`;
        const group: Group = {
          id: `group-${x}${pad(g)}`,
          platform: options.platform,
          workspace,
          spaceAddress: refOf(space),
          name: `Groupe ${g + 1}`,
          language: 'fr',
          timeZone: 'Europe/Paris',
          reminderOffsets: DEFAULT_REMINDER_OFFSETS,
          checkinK: 4,
          supportContacts: null,
          retentionMonths: 12,
          createdAt,
          guideMinutes: [...DEFAULT_GUIDE_MINUTES],
        };
        store.groups.insert(group);
        groups.push(group);
        // Cairn is in the group's chat: it keeps its reference (what installing it there leaves).
        if (options.platform === 'teams') {
          if (!options.serviceUrl) throw new Error('Teams seeding needs the fake connector URL');
          conversations.rememberSpace(group.spaceAddress, TENANT, {
            serviceUrl: options.serviceUrl,
            channelId: 'msteams',
            bot: { id: TEAMS_BOT },
            conversation: { id: space, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
          });
        }
        const facId = options.platform === 'slack' ? `UFAC${x}${pad(g)}` : `aad-fac-${x}${pad(g)}`;
        const facilitator = person(facId);
        store.memberships.set({ groupId: group.id, personId: facilitator.id, role: 'facilitator' });
        facilitators.push({ id: facId, userRef: facilitator.userRef, groupIndex: g, groupId: group.id });
        for (let m = 0; m < options.membersPerGroup; m++) {
          const id = options.platform === 'slack' ? `U${x}${pad(++n, 6)}` : `aad-${x}${pad(++n, 6)}`;
          const p = person(id);
          store.memberships.set({ groupId: group.id, personId: p.id, role: 'member' });
          members.push({ id, userRef: p.userRef, groupIndex: g, groupId: group.id });
        }
        const session: Session = {
          id: `session-${x}${pad(g)}`,
          groupId: group.id,
          startsAt: options.sessionAt,
          durationMinutes: 180,
          place: 'Salle Rhône',
          status: 'scheduled',
          seriesId: null,
        };
        store.sessions.insert(session);
        sessions.push(session);
      }
    });

    function person(id: string): Person {
      const p: Person = {
        id: `person-${id}`,
        platform: options.platform,
        workspace,
        userRef: refOf(id),
        displayName: `Membre ${id}`,
        language: null,
        pausedUntil: null,
        createdAt,
      };
      store.people.insert(p);
      if (options.platform === 'teams') {
        if (!options.serviceUrl) throw new Error('Teams seeding needs the fake connector URL');
        conversations.rememberPersonal(p.userRef, TENANT, {
          serviceUrl: options.serviceUrl,
          channelId: 'msteams',
          bot: { id: TEAMS_BOT },
          conversation: { id: `a:dm-${id}`, conversationType: 'personal', tenantId: TENANT },
          user: { id: `29:${id}`, aadObjectId: id },
        });
      }
      return p;
    }
    return { groups, members, facilitators, sessions };
  } finally {
    handle.close();
  }
}
