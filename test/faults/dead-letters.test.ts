import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import { message } from '../../src/core/contract/message.js';
import { FakeSlack } from '../support/fake-slack.js';
import { CairnProcess, killStarted, operatorCommand, waitFor } from './support/cairn-process.js';
import { slackEnv, slackSide } from './support/fakes.js';
import { report, tally } from './support/figures.js';

let dir: string;
let db: string;
let fake: FakeSlack;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-dead-'));
  db = join(dir, 'cairn.db');
});
afterEach(async () => {
  await killStarted();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowFor = (user: string) => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite
      .prepare('SELECT id, status, attempts FROM outbox WHERE address = ?')
      .get(`slack:T0CAIRN:${user}`) as { id: string; status: string; attempts: number } | undefined;
  } finally {
    sqlite.close();
  }
};

it('a message that keeps failing ends dead; `npm run cairn -- outbox` lists it and `outbox retry` re-delivers it', async () => {
  // Six messages waiting in the outbox (written as a use case would, on Cairn's real clock).
  const users = ['U01', 'U02', 'U03', 'U04', 'U05', 'U06'];
  const handle = openDatabase(db);
  const store = createSqliteStore(handle);
  for (const user of users) {
    store.outbox.enqueue(
      {
        id: `notice:${user}`,
        platform: 'slack',
        kind: 'direct',
        address: `slack:T0CAIRN:${user}`,
        message: message('Un message confidentiel'),
        personId: null,
      },
      new Date(),
    );
  }
  handle.close();
  fake = await FakeSlack.start();
  for (const user of users) fake.addUser(user, `Membre ${user}`);
  const victim = 'U03';
  // Every message to this one person fails (Slack answers 500), the others go through.
  fake.failUntil('chat.postMessage', { status: 500 }, Number.POSITIVE_INFINITY, (args) =>
    String(args.channel).endsWith(victim),
  );
  const cairn = await CairnProcess.start(
    // Given up after 2 seconds of failures (24 hours by default).
    slackEnv(fake, db, {
      CAIRN_OUTBOX_GIVE_UP_HOURS: String(2 / 3600),
      CAIRN_OUTBOX_BACKOFF_MS: '100',
    }),
  );
  const side = slackSide(fake);
  const reached = () => tally(side.deliveries().map((d) => d.recipient));
  await waitFor(() => rowFor(victim)?.status === 'dead', 30_000, 'the row dead');
  const { attempts } = rowFor(victim)!;
  expect(attempts).toBeGreaterThanOrEqual(2);
  await waitFor(() => reached().size === 5, 10_000, 'the others reached');
  // One warning line for the dead row, naming it by its id (the log is written asynchronously).
  const deadLine = /"level":40[^\n]*"outboxId":"notice:U03"[^\n]*"msg":"outbox row dead"/;
  await waitFor(() => deadLine.test(cairn.output()), 5_000, 'the dead row logged');

  // The operator's command, as a process, while Cairn runs: the dead row, without the message.
  const listed = await operatorCommand(['outbox'], db);
  expect(listed.code).toBe(0);
  expect(listed.output).toMatch(/pending: 0\s+dead: 1/);
  const { id } = rowFor(victim)!;
  expect(listed.output).toContain(`${id}\tslack\tdirect\tattempts=${attempts}\tgave up: `);
  expect(listed.output).not.toContain('confidentiel');

  // Slack is fixed; the operator retries the row: the running Cairn delivers it, once.
  fake.stopFailing();
  const retried = await operatorCommand(['outbox', 'retry', id], db);
  expect(retried).toMatchObject({ code: 0 });
  expect(retried.output).toContain('1 message(s) back in the queue');
  // The workspace's sends may be paused after the failures: the next probe (a minute at most) sends it.
  await waitFor(() => reached().get(victim) === 1, 75_000, 'the retried message delivered');
  await waitFor(() => rowFor(victim)?.status === 'sent', 5_000, 'the row sent');
  const after = await operatorCommand(['outbox'], db);
  expect(after.output).toMatch(/pending: 0\s+dead: 0/);
  expect((await operatorCommand(['outbox', 'retry', 'no-such-row'], db)).code).toBe(1);
  expect((await cairn.terminate()).code).toBe(0);
  report('dead row and operator retry', {
    attemptsBeforeDead: attempts,
    delivered: reached().size,
    victimDeliveries: reached().get(victim),
  });
}, 150_000);

it('a row whose stored message is corrupt ends dead without holding back the others', async () => {
  const { createHarness } = await import('../support/harness.js');
  const h = await createHarness();
  try {
    const now = h.clock.now();
    for (const id of ['a', 'b']) {
      h.store.outbox.enqueue(
        { id, platform: 'memory', kind: 'direct', address: `U-${id}`, message: message(id), personId: null },
        now,
      );
    }
    h.db.sqlite.prepare("UPDATE outbox SET message = '{' WHERE id = 'a'").run();
    await h.core.outbox.drain();
    expect(h.platform.directsTo('U-b')).toHaveLength(1);
    for (let i = 0; i < 6; i++) {
      h.clock.advance(60_000);
      await h.core.outbox.drain();
    }
    expect(h.store.outbox.backlog()).toMatchObject({ pending: 0, dead: 1 });
    expect(h.db.sqlite.prepare("SELECT status, last_error AS e FROM outbox WHERE id = 'a'").get()).toEqual({
      status: 'dead',
      e: 'stored message unreadable',
    });
    // The log says which row, never what it held.
    expect(h.logs.text).toContain('outbox row dead');
  } finally {
    h.close();
  }
});
