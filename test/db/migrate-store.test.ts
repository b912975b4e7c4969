import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { endpointOf, migrateStore, tablePairs } from '../../db/migrate-store.js';
import { openPgStore } from '../../db/pg/store.js';
import { createSlackInstallationRepository } from '../../db/repositories/slack-installations.js';
import { createTeamsConversationRepository } from '../../db/repositories/teams-conversations.js';
import * as schema from '../../db/schema.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { at, makeCase, makeGroup, makePerson, makeSession, open, tempDir } from './fixtures.js';

const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/** An installation with rows in every table, some with the awkward values (nulls, booleans, unicode). */
function populate(file: string): void {
  const handle = open(file);
  const store = createSqliteStore(handle);
  store.groups.insert(makeGroup({ supportContacts: 'Ligne d’écoute : 0800 — 24/7 ✓' }));
  store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2', name: 'Équipe 2' }));
  store.people.insert(makePerson({ pausedUntil: at('2026-04-01T00:00:00.001Z'), language: 'en' }));
  store.people.insert(makePerson({ id: 'p2', userRef: 'U2', displayName: 'Bruno 🎯' }));
  store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'member' });
  store.memberships.set({ groupId: 'g1', personId: 'p2', role: 'facilitator' });
  store.sessions.insert(makeSession());
  store.cases.insert(
    makeCase({ sessionId: 's1', situation: 'Deux chefs d’équipe ne se parlent plus.\n"quoted"' }),
  );
  store.cases.insert(makeCase({ id: 'c2', sessionId: null }));
  store.optOuts.add('s1', 'p1');
  store.occurrences.tryRecord('reminder:s1:7', at('2026-03-03T08:00:00Z'), 'done');
  store.outbox.enqueue(
    {
      id: 'o1',
      platform: 'slack',
      kind: 'direct',
      address: 'U1',
      personId: 'p1',
      message: { fallbackText: 'é', blocks: [] },
    },
    at('2026-03-03T08:00:00Z'),
  );
  store.outbox.claim('o1', 0, at('2026-03-03T08:00:01Z'), at('2026-03-03T08:01:00Z'));
  store.outbox.markSent('o1', 'ts-1', at('2026-03-03T08:00:02Z'));
  store.inbound.firstSeen('Ev1', at('2026-03-03T08:00:00Z'));
  store.leases.acquire('scheduler', 'holder-1', at('2026-03-03T08:00:00Z'), 60_000);
  const round = {
    id: 'r1',
    groupId: 'g1',
    status: 'open' as const,
    source: 'schedule' as const,
    afterSessionId: 's1',
    k: 4,
    openedAt: at('2026-03-11T08:00:00Z'),
    closesAt: at('2026-03-20T17:00:00Z'),
    closedAt: null,
    respondents: null,
    released: false,
    sharedAt: null,
  };
  store.checkins.insertRound(round);
  store.checkins.insertRound({
    ...round,
    id: 'r0',
    afterSessionId: null,
    status: 'closed',
    released: true,
    respondents: 5,
    closedAt: at('2026-03-01T08:00:00Z'),
  });
  store.transaction(() => {
    store.checkins.addParticipation('r1', 'token-b');
    store.checkins.increment('r1', 'overall', 3);
  });
  store.transaction(() => {
    store.checkins.addParticipation('r1', 'token-a');
    store.checkins.increment('r1', 'overall', 5);
  });
  const synthesis = {
    id: 'y1',
    authorId: 'p2',
    sessionId: 's1',
    targetGroups: ['g1', 'g2'],
    themes: 'Confiance',
    learned: 'Écouter',
    commitments: '—',
    freeText: '',
    status: 'posted' as const,
    version: 2,
    createdAt: at('2026-03-10T12:00:00Z'),
    updatedAt: at('2026-03-10T13:00:00Z'),
  };
  store.syntheses.insert(synthesis);
  store.syntheses.addPost({
    synthesisId: 'y1',
    groupId: 'g1',
    outboxId: 'synthesis:y1:g1',
    postedAt: at('2026-03-10T13:00:00Z'),
  });
  createSlackInstallationRepository(handle.db).put({
    key: 'T1',
    teamId: 'T1',
    enterpriseId: null,
    data: 'v1.sealed',
    updatedAt: at('2026-03-01T00:00:00Z'),
  });
  populateFeatures(handle);
  createTeamsConversationRepository(handle.db).put({
    key: 'teams:user:29:1',
    tenantId: 'tenant-1',
    kind: 'personal',
    reference: '{"conversation":{"id":"a:1"}}',
    unreachableReportedAt: null,
    updatedAt: at('2026-03-01T00:00:00Z'),
  });
}

/**
 * The tables of the features (issues 16 and 18-21), written as rows (the copy moves rows, whatever wrote
 * them), with the values that differ between engines: nulls, booleans, big counters, JSON, unicode.
 */
function populateFeatures(handle: DatabaseHandle): void {
  const { db } = handle;
  db.insert(schema.groupSuspensions)
    .values({ groupId: 'g2', reason: 'space', since: at('2026-03-05T10:00:00.007Z') })
    .run();
  db.insert(schema.guides)
    .values({
      id: 'gd1',
      groupId: 'g1',
      sessionId: 's1',
      caseId: 'c1',
      status: 'ended',
      step: 5,
      minutes: '[5,10,15,20,15,10]',
      spentSeconds: '[300,610,900,1200,880,590]',
      stepStartedAt: at('2026-03-10T09:30:00Z'),
      extraMinutes: 3,
      pausedAt: null,
      pausedMs: 12_345,
      startedAt: at('2026-03-10T08:05:00Z'),
      endedAt: at('2026-03-10T09:50:00Z'),
      endedBy: 'facilitator',
      postId: 'guide:gd1:post',
      editId: null,
      edits: 7,
      shown: '{"step":5}',
    })
    .run();
  db.insert(schema.notes)
    .values([
      {
        id: 'n1',
        authorId: 'p1',
        groupId: 'g1',
        sessionId: 's1',
        kind: 'takeaway',
        text: 'Écouter avant de répondre — « vraiment »',
        noticed: 'la séance',
        sharedAt: at('2026-03-10T10:00:00Z'),
        createdAt: at('2026-03-10T09:55:00Z'),
      },
      {
        id: 'n2',
        authorId: 'p1',
        groupId: null,
        sessionId: null,
        kind: 'note',
        text: 'Seul, sans groupe',
        noticed: '',
        sharedAt: null,
        createdAt: at('2026-03-12T09:55:00Z'),
      },
    ])
    .run();
  db.insert(schema.notebookSettings).values({ personId: 'p1', keepMonths: 3 }).run();
  db.insert(schema.actionPlans)
    .values({
      id: 'ap1',
      caseId: 'c1',
      authorId: 'p1',
      groupId: 'g1',
      what: 'Un tête-à-tête',
      withWhom: 'Les deux chefs',
      support: '',
      visibility: 'facilitators',
      followUpOn: '2026-04-10',
      followUp: 'active',
      outcome: 'partly',
      happened: 'Une rencontre',
      learned: null,
      share: 'announce',
      reportedAt: at('2026-04-11T08:00:00Z'),
      digestedFor: null,
      createdAt: at('2026-03-10T10:00:00Z'),
      updatedAt: at('2026-04-11T08:00:00Z'),
    })
    .run();
  db.insert(schema.caseChoiceSettings)
    .values([
      { groupId: 'g1', casesPerSession: 2, voteWhenMore: true, cycleStartsOn: '2026-01-05' },
      { groupId: 'g2', casesPerSession: 1, voteWhenMore: false, cycleStartsOn: null },
    ])
    .run();
  db.insert(schema.membershipStarts)
    .values([
      { groupId: 'g1', personId: 'p2', since: at('2026-01-03T00:00:00Z') },
      { groupId: 'g1', personId: 'p1', since: at('2026-01-04T00:00:00Z') },
    ])
    .run();
  db.insert(schema.caseVoteRounds)
    .values({
      id: 'v1',
      groupId: 'g1',
      sessionId: 's1',
      status: 'open',
      maxChoices: 2,
      hiddenCases: 1,
      openedAt: at('2026-03-03T08:00:00Z'),
      closesAt: at('2026-03-08T08:00:00Z'),
      closedAt: null,
      voters: null,
      released: false,
    })
    .run();
  db.insert(schema.caseVoteParticipation)
    .values([
      { roundId: 'v1', token: 'vt-b' },
      { roundId: 'v1', token: 'vt-a' },
    ])
    .run();
  db.insert(schema.caseVoteTally)
    .values([
      { roundId: 'v1', caseId: 'c2', count: 2 ** 40 + 1 },
      { roundId: 'v1', caseId: 'c1', count: 2 ** 40 + 2 },
    ])
    .run();
  // The outbox's columns of issue 16.
  const store = createSqliteStore(handle);
  store.outbox.enqueue(
    {
      id: 'o2',
      platform: 'slack',
      kind: 'direct',
      address: 'U2',
      personId: 'p2',
      message: { fallbackText: 'rappel', blocks: [{ type: 'text', text: 'Mardi' }] },
      expiresAt: at('2026-03-10T08:00:00Z'),
      groupId: 'g1',
      audience: 'facilitator',
    },
    at('2026-03-03T08:00:00Z'),
  );
  const claim = store.outbox.claim('o2', 0, at('2026-03-03T08:00:01Z'), at('2026-03-03T08:01:00Z'));
  store.outbox.retryLater(
    'o2',
    at('2026-03-03T08:05:00Z'),
    'HTTP 500',
    true,
    claim ?? '',
    at('2026-03-03T08:00:02Z'),
  );
  store.outbox.enqueue(
    {
      id: 'o3',
      platform: 'teams',
      kind: 'space',
      address: 'teams:conv:1',
      personId: null,
      message: { fallbackText: 'x', blocks: [] },
    },
    at('2026-03-03T08:00:00Z'),
  );
  // A row in flight keeps its lease and claim.
  store.outbox.claim('o3', 0, at('2026-03-03T08:00:01Z'), at('2026-03-03T08:01:00Z'));
}

/** A row as JSON with its properties in name order (the two schemas declare some columns in another order). */
const canonical = (row: Record<string, unknown>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))));

/** Every table's rows as the SQLite schema types them, in key order. */
function dumpSqlite(file: string): Record<string, unknown[]> {
  const handle = open(file);
  const dump: Record<string, unknown[]> = {};
  for (const pair of tablePairs()) {
    const rows = handle.db.select().from(pair.sqlite).all() as Record<string, unknown>[];
    dump[pair.name] = rows.map(canonical).sort();
  }
  return dump;
}

/** Every table's rows as the PostgreSQL schema types them (the same property names and values). */
async function dumpPostgres(url: string): Promise<Record<string, unknown[]>> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const db = drizzle({ client: pool });
    const dump: Record<string, unknown[]> = {};
    for (const pair of tablePairs()) {
      const rows = (await db.select().from(pair.pg)) as Record<string, unknown>[];
      dump[pair.name] = rows.map(canonical).sort();
    }
    return dump;
  } finally {
    await pool.end();
  }
}

describe.skipIf(!postgresAdminUrl() && !required)('migrate-store: SQLite to PostgreSQL and back', () => {
  it('copies every table, value for value, both ways; refuses a target that is not empty', async () => {
    const dir = tempDir();
    const original = join(dir, 'cairn.db');
    populate(original);
    const before = dumpSqlite(original);
    // The fixture covers every table (a table added later without rows here would be compared vacuously).
    for (const [name, rows] of Object.entries(before)) expect(rows.length, name).toBeGreaterThan(0);

    const url = createTestDatabase('cairn_migrate');
    const copied = await migrateStore(endpointOf(original), endpointOf(url));
    expect(copied).toEqual(
      Object.fromEntries(Object.entries(before).map(([name, rows]) => [name, rows.length])),
    );

    // Every table on PostgreSQL holds the same rows, value for value (dates, booleans, nulls, counters).
    expect(await dumpPostgres(url)).toEqual(before);

    // On PostgreSQL the core reads the same things: a few spot checks through the store.
    const copy = openPgStore({ url, poolSize: 1 });
    try {
      expect(copy.store.groups.get('g1')?.supportContacts).toBe('Ligne d’écoute : 0800 — 24/7 ✓');
      expect(copy.store.people.get('p1')?.pausedUntil?.toISOString()).toBe('2026-04-01T00:00:00.001Z');
      expect(copy.store.checkins.tally('r1').overall).toEqual([0, 0, 1, 0, 1]);
      expect(copy.store.checkins.hasParticipation('r1', 'token-a')).toBe(true);
      expect(copy.store.checkins.getRound('r0')?.released).toBe(true);
      expect(copy.store.syntheses.get('y1')?.targetGroups).toEqual(['g1', 'g2']);
      expect(copy.store.outbox.get('o1')?.status).toBe('sent');
      expect(copy.store.outbox.get('o2')).toMatchObject({
        expiresAt: at('2026-03-10T08:00:00Z'),
        groupId: 'g1',
        audience: 'facilitator',
        failingSince: at('2026-03-03T08:00:02Z'),
      });
      expect(copy.store.groups.suspensionOf('g2')?.since).toEqual(at('2026-03-05T10:00:00.007Z'));
    } finally {
      copy.close();
    }

    const back = join(dir, 'back.db');
    await migrateStore(endpointOf(url), endpointOf(back));
    expect(dumpSqlite(back)).toEqual(before);

    await expect(migrateStore(endpointOf(original), endpointOf(url))).rejects.toThrow(/not empty/);
  }, 120_000);
});

describe('migrate-store: the order of the copy', () => {
  it('writes every table of both schemas, each after the tables it references', () => {
    const order = tablePairs().map((p) => p.name);
    expect(new Set(order).size).toBe(order.length);
    for (const pair of tablePairs()) {
      for (const fk of getTableConfig(pair.sqlite).foreignKeys) {
        const target = getTableName(fk.reference().foreignTable);
        expect(order.indexOf(target), `${pair.name} -> ${target}`).toBeLessThanOrEqual(
          order.indexOf(pair.name),
        );
      }
    }
    // The features' tables are in it (a table the copy skipped would be lost in a migration).
    for (const name of [
      'guides',
      'notes',
      'notebook_settings',
      'action_plans',
      'case_choice_settings',
      'membership_starts',
      'case_vote_rounds',
      'case_vote_participation',
      'case_vote_tally',
      'group_suspensions',
    ])
      expect(order).toContain(name);
    expect(order.indexOf('membership_starts')).toBeGreaterThan(order.indexOf('memberships'));
  });
});
