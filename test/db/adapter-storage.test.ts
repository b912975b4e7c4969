import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { createSlackInstallationRepository } from '../../db/repositories/slack-installations.js';
import { createTeamsConversationRepository } from '../../db/repositories/teams-conversations.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { at, open, tempDir } from './fixtures.js';

/** What the adapters keep (Slack installations, Teams conversation references), on both engines. */
type Storage = {
  slack: ReturnType<typeof createSlackInstallationRepository>;
  teams: ReturnType<typeof createTeamsConversationRepository>;
};

const handles: PgHandle[] = [];
afterAll(() => {
  for (const h of handles) h.close();
});

const engines: [string, () => Storage][] = [
  [
    'SQLite',
    () => {
      const { db } = open(`${tempDir()}/cairn.db`);
      return { slack: createSlackInstallationRepository(db), teams: createTeamsConversationRepository(db) };
    },
  ],
];
if (postgresAdminUrl() || process.env.CAIRN_REQUIRE_POSTGRES === '1')
  engines.push([
    'PostgreSQL',
    () => {
      const handle = openPgStore({ url: createTestDatabase('cairn_adapters'), poolSize: 1 });
      handles.push(handle);
      return { slack: handle.slackInstallations, teams: handle.teamsConversations };
    },
  ]);

const conversation = (key: string, tenantId: string) => ({
  key,
  tenantId,
  kind: 'personal' as const,
  reference: `{"conversation":{"id":"${key}"}}`,
  unreachableReportedAt: null,
  updatedAt: at('2026-03-01T00:00:00.001Z'),
});

describe.each(engines)('adapter storage (%s)', (_name, openStorage) => {
  it('Teams: lists each tenant once, a tenant’s records by key, reports unreachability once, purges a tenant', () => {
    const { teams } = openStorage();
    expect(teams.listTenants()).toEqual([]);
    for (const [key, tenant] of [
      ['teams:user:b', 'tenant-2'],
      ['teams:user:a', 'tenant-2'],
      ['teams:user:Z', 'tenant-1'],
      ['teams:user:c', 'tenant-1'],
    ])
      teams.put(conversation(key!, tenant!));
    expect([...teams.listTenants()].sort()).toEqual(['tenant-1', 'tenant-2']);
    expect(teams.listByTenant('tenant-1').map((r) => r.key)).toEqual(['teams:user:Z', 'teams:user:c']);
    expect(teams.get('teams:user:a')).toEqual(conversation('teams:user:a', 'tenant-2'));

    expect(teams.markUnreachableReported('teams:user:a', at('2026-03-02T00:00:00Z'))).toBe(true);
    expect(teams.markUnreachableReported('teams:user:a', at('2026-03-03T00:00:00Z'))).toBe(false);
    expect(teams.get('teams:user:a')?.unreachableReportedAt).toEqual(at('2026-03-02T00:00:00Z'));

    teams.deleteByTenant('tenant-2');
    expect(teams.listTenants()).toEqual(['tenant-1']);
    teams.delete('teams:user:Z');
    expect(teams.listByTenant('tenant-1').map((r) => r.key)).toEqual(['teams:user:c']);
  });

  it('Slack: replaces an installation by key and lists them by key', () => {
    const { slack } = openStorage();
    const installation = (key: string, data: string) => ({
      key,
      teamId: key,
      enterpriseId: null,
      data,
      updatedAt: at('2026-03-01T00:00:00Z'),
    });
    slack.put(installation('T2', 'v1.a'));
    slack.put(installation('T1', 'v1.b'));
    slack.put(installation('T2', 'v1.c'));
    expect(slack.list().map((r) => [r.key, r.data])).toEqual([
      ['T1', 'v1.b'],
      ['T2', 'v1.c'],
    ]);
    slack.delete('T1');
    expect(slack.get('T1')).toBeUndefined();
  });
});
