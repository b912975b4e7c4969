import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { populate } from '../slack/support/scenario.js';
import { startSlackCairn } from '../slack/support/slack-cairn.js';
import { FakeSlack } from '../support/fake-slack.js';
import { CairnProcess, killStarted, operatorCommand, waitFor } from './support/cairn-process.js';
import { slackEnv, slackFor } from './support/fakes.js';
import { report } from './support/figures.js';
import { seedGroups } from './support/seed.js';

let dir: string;
let fake: FakeSlack | undefined;
afterEach(async () => {
  await killStarted();
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const health = async (url: string) => {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('GET /healthz', () => {
  it('200 (status only: the backlog is the operator’s, in `npm run cairn -- status`); 503 when the file is gone, 200 again when back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-health-'));
    const db = join(dir, 'cairn.db');
    const seeded = seedGroups(db, {
      platform: 'slack',
      groups: 2,
      membersPerGroup: 8,
      sessionAt: new Date('2026-03-24T13:00:00Z'),
    });
    fake = await slackFor(seeded);
    const cairn = await CairnProcess.start(slackEnv(fake, db, { CAIRN_FAKE_NOW: '2026-03-17T08:00:30Z' }));
    // Slack stops answering: the reminders wait in the outbox.
    fake.holdAnswers();
    await waitFor(() => fake!.inFlight().length > 0, 10_000, 'sends waiting');
    const busy = await health(cairn.url);
    expect(busy).toEqual({ status: 200, body: { status: 'ok' } });
    // Whoever reaches the port learns nothing more; the operator reads the backlog on the machine.
    const status = await operatorCommand(['status'], db);
    expect(status.code).toBe(0);
    const line = /outbox pending: (\d+)\s+dead: (\d+)\s+oldest pending: (\S+)/.exec(status.output);
    expect(line?.slice(1, 3)).toEqual(['16', '0']);
    // When the oldest of them was written (Cairn's clock), to the second.
    expect(Math.abs(Date.parse(line![3]!) - Date.parse('2026-03-17T08:00:30Z'))).toBeLessThan(60_000);

    // The database file is moved away (a volume unmounted, a file deleted by mistake).
    renameSync(db, `${db}.moved`);
    const gone = await health(cairn.url);
    renameSync(`${db}.moved`, db);
    const back = await health(cairn.url);
    fake.releaseAnswers(true);
    report('health', {
      withBacklog: busy.status,
      fileGone: gone.status,
      fileBack: back.status,
      backlog: status.output.trim(),
    });
    expect(gone).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect(back.status).toBe(200);
    expect((await cairn.terminate()).code).toBe(0);
  }, 60_000);

  it('503 when the database connection is closed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-health-'));
    fake = await FakeSlack.start();
    populate(fake);
    const cairn = await startSlackCairn(fake, { dir });
    expect((await health(cairn.url)).status).toBe(200);
    cairn.db.close();
    expect(await health(cairn.url)).toEqual({ status: 503, body: { status: 'unavailable' } });
    await cairn.close();
  });
});
