import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointOf, migrateStore, tablePairs } from '../../db/migrate-store.js';
import { openPgStore } from '../../db/pg/store.js';
import { createSlackInstallationRepository } from '../../db/repositories/slack-installations.js';
import { createTeamsConversationRepository } from '../../db/repositories/teams-conversations.js';
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
  createTeamsConversationRepository(handle.db).put({
    key: 'teams:user:29:1',
    tenantId: 'tenant-1',
    kind: 'personal',
    reference: '{"conversation":{"id":"a:1"}}',
    unreachableReportedAt: null,
    updatedAt: at('2026-03-01T00:00:00Z'),
  });
}

/** Every table's rows as the SQLite schema types them, in key order. */
function dumpSqlite(file: string): Record<string, unknown[]> {
  const handle = open(file);
  const dump: Record<string, unknown[]> = {};
  for (const pair of tablePairs()) {
    const rows = handle.db.select().from(pair.sqlite).all() as Record<string, unknown>[];
    dump[pair.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return dump;
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

    // On PostgreSQL the core reads the same things: a few spot checks through the store.
    const pg = openPgStore({ url, poolSize: 1 });
    try {
      expect(pg.store.groups.get('g1')?.supportContacts).toBe('Ligne d’écoute : 0800 — 24/7 ✓');
      expect(pg.store.people.get('p1')?.pausedUntil?.toISOString()).toBe('2026-04-01T00:00:00.001Z');
      expect(pg.store.checkins.tally('r1').overall).toEqual([0, 0, 1, 0, 1]);
      expect(pg.store.checkins.hasParticipation('r1', 'token-a')).toBe(true);
      expect(pg.store.checkins.getRound('r0')?.released).toBe(true);
      expect(pg.store.syntheses.get('y1')?.targetGroups).toEqual(['g1', 'g2']);
      expect(pg.store.outbox.get('o1')?.status).toBe('sent');
    } finally {
      pg.close();
    }

    const back = join(dir, 'back.db');
    await migrateStore(endpointOf(url), endpointOf(back));
    expect(dumpSqlite(back)).toEqual(before);

    await expect(migrateStore(endpointOf(original), endpointOf(url))).rejects.toThrow(/not empty/);
  }, 120_000);
});
