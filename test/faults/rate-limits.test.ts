import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSlack } from '../support/fake-slack.js';
import type { FakeConnector } from '../teams/support/fake-connector.js';
import { CairnProcess, killStarted, waitFor } from './support/cairn-process.js';
import { outboxSettled } from './support/crash.js';
import { slackEnv, slackFor, slackSide, teamsConnector, teamsEnv, teamsSide } from './support/fakes.js';
import { duplicatesIn, report, tally } from './support/figures.js';
import { pauseFigures } from './support/pauses.js';
import { seedGroups } from './support/seed.js';

/** Calls already on their way when Cairn read a 429 may still arrive this long after it. */
const GRACE_MS = 100;
const RETRY_AFTER_S = 7;

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-429-'));
  db = join(dir, 'cairn.db');
});
afterEach(async () => {
  await killStarted();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The built app fans out reminders (Slack) or check-in prompts (Teams) to 40 people while the platform
 * answers every message with 429 and `Retry-After: 7` for 3 seconds.
 */
describe('429 with Retry-After: 7', () => {
  let slack: FakeSlack | undefined;
  let teams: FakeConnector | undefined;
  afterEach(async () => {
    await slack?.close();
    await teams?.stop();
    slack = undefined;
    teams = undefined;
  });

  it('Slack: no call to the workspace for 7 s after each 429, nothing lost, nothing twice', async () => {
    const seeded = seedGroups(db, {
      platform: 'slack',
      groups: 5,
      membersPerGroup: 8,
      sessionAt: new Date('2026-03-24T13:00:00Z'),
    });
    slack = await slackFor(seeded);
    slack.failFor('chat.postMessage', { status: 429, retryAfter: RETRY_AFTER_S }, 3_000);
    const cairn = await CairnProcess.start(
      slackEnv(slack, db, { CAIRN_FAKE_NOW: '2026-03-17T08:00:30Z', SLACK_WORKSPACE_RATE: '60' }),
    );
    const side = slackSide(slack);
    await waitFor(() => tally(side.deliveries().map((d) => d.recipient)).size === 40, 40_000, 'all reached');
    await waitFor(() => outboxSettled(db), 10_000, 'outbox empty');
    expect((await cairn.terminate()).code).toBe(0);

    const workspaceCalls = slack.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'users.info');
    const figures = pauseFigures(workspaceCalls, RETRY_AFTER_S * 1000, GRACE_MS);
    const counts = tally(side.deliveries().map((d) => d.recipient));
    report('Slack 429 Retry-After 7', {
      ...figures,
      delivered: counts.size,
      lost: 40 - counts.size,
      duplicates: duplicatesIn(counts),
    });
    expect(figures.refusals).toBeGreaterThan(0);
    expect(figures.callsDuringPause).toBe(0);
    expect(counts.size).toBe(40);
    expect(duplicatesIn(counts)).toBe(0);
  }, 90_000);

  it('Teams: no call to the tenant for 7 s after each 429, nothing lost, nothing twice', async () => {
    teams = await teamsConnector();
    seedGroups(db, {
      platform: 'teams',
      groups: 5,
      membersPerGroup: 8,
      sessionAt: new Date('2026-03-10T13:00:00Z'),
      serviceUrl: teams.url,
    });
    teams.failFor(3_000, 429, {
      headers: { 'retry-after': String(RETRY_AFTER_S) },
      match: (r) => r.kind === 'send',
    });
    const cairn = await CairnProcess.start(
      teamsEnv(db, { CAIRN_FAKE_NOW: '2026-03-11T08:00:30Z', TEAMS_TENANT_RATE: '60' }),
    );
    const side = teamsSide(teams);
    await waitFor(() => tally(side.deliveries().map((d) => d.recipient)).size === 40, 40_000, 'all reached');
    await waitFor(() => outboxSettled(db), 10_000, 'outbox empty');
    expect((await cairn.terminate()).code).toBe(0);

    const figures = pauseFigures(teams.requests, RETRY_AFTER_S * 1000, GRACE_MS);
    const counts = tally(side.deliveries().map((d) => d.recipient));
    report('Teams 429 Retry-After 7', {
      ...figures,
      delivered: counts.size,
      lost: 40 - counts.size,
      duplicates: duplicatesIn(counts),
    });
    expect(figures.refusals).toBeGreaterThan(0);
    expect(figures.callsDuringPause).toBe(0);
    expect(counts.size).toBe(40);
    expect(duplicatesIn(counts)).toBe(0);
  }, 90_000);
});
