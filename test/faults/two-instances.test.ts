import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { FakeSlack } from '../support/fake-slack.js';
import { CairnProcess, killStarted, sleep, waitFor } from './support/cairn-process.js';
import { outboxSettled } from './support/crash.js';
import { slackEnv, slackFor, slackSide } from './support/fakes.js';
import { duplicatesIn, report, tally } from './support/figures.js';
import { SLACK_TEAM, seedGroups } from './support/seed.js';

let dir: string;
let fake: FakeSlack | undefined;
afterEach(async () => {
  await killStarted();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('two instances started by mistake on the same database send no slot twice', async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-two-'));
  const db = join(dir, 'cairn.db');
  const seeded = seedGroups(db, {
    platform: 'slack',
    groups: 12,
    membersPerGroup: 8,
    sessionAt: new Date('2026-03-24T13:00:00Z'),
  });
  fake = await slackFor(seeded);
  fake.answerDelayMs = 20;
  // Each instance has its own token (same workspace), so the fake can tell who sent what.
  fake.tokens.set('xoxb-a', { team: SLACK_TEAM });
  fake.tokens.set('xoxb-b', { team: SLACK_TEAM });
  const env = (token: string) =>
    slackEnv(fake!, db, {
      SLACK_BOT_TOKEN: token,
      CAIRN_FAKE_NOW: '2026-03-17T08:00:30Z',
      CAIRN_OUTBOX_LEASE_MS: '2000',
      CAIRN_OUTBOX_SEND_TIMEOUT_MS: '1000',
      SLACK_WORKSPACE_RATE: '100',
    });
  const [a, b] = await Promise.all([CairnProcess.start(env('xoxb-a')), CairnProcess.start(env('xoxb-b'))]);
  const sqlite = new Database(db, { readonly: true, timeout: 5000 });
  const holders = sqlite.prepare("SELECT holder FROM leases WHERE name = 'scheduler'").all();
  const side = slackSide(fake);
  const reached = () => tally(side.deliveries().map((d) => d.recipient));
  await waitFor(() => reached().size === seeded.members.length, 30_000, 'every member reached');
  await waitFor(() => outboxSettled(db), 10_000, 'outbox empty');
  await sleep(2_500); // past a lease: a second send would show now
  const occurrences = sqlite
    .prepare("SELECT count(*) AS n FROM occurrences WHERE key LIKE 'reminder:%'")
    .get();
  sqlite.close();
  const [exitA, exitB] = await Promise.all([a.terminate(), b.terminate()]);

  const posts = fake.callsTo('chat.postMessage').filter((c) => c.ok);
  const byInstance = {
    a: posts.filter((c) => c.token === 'xoxb-a').length,
    b: posts.filter((c) => c.token === 'xoxb-b').length,
  };
  const counts = reached();
  report('two instances on one database', {
    members: seeded.members.length,
    sentByA: byInstance.a,
    sentByB: byInstance.b,
    duplicates: duplicatesIn(counts),
    lost: seeded.members.length - counts.size,
    schedulerLeaseHolders: holders.length,
  });
  expect(exitA.code).toBe(0);
  expect(exitB.code).toBe(0);
  expect(holders).toHaveLength(1);
  expect(occurrences).toEqual({ n: 12 });
  expect(counts.size).toBe(seeded.members.length);
  expect(duplicatesIn(counts)).toBe(0);
  expect(byInstance.a + byInstance.b).toBe(seeded.members.length);
}, 90_000);
