import type { Server } from 'node:http';
import bolt from '@slack/bolt';
import Database from 'better-sqlite3';
import type { SameWork } from './support/same-work.js';

const { App, LogLevel } = bolt;

/**
 * The same-work baseline (issue 17): a Bolt 5 app that does what Cairn's users see, the simplest way a
 * Bolt developer would, with Cairn's own rendered replies (bench/support/same-work.ts):
 *   - `/cairn help`: acknowledges with the help message in the acknowledgment body;
 *   - `/cairn case` (any other text): acknowledges, then opens the case modal with views.open;
 *   - a submitted modal: one durable SQLite insert (WAL, synchronous=FULL) in its own transaction, then
 *     acknowledges with the thanks that replace the check-in form.
 */
export async function startSameWorkBolt(
  signingSecret: string,
  slackApiUrl: string,
  work: SameWork,
  dbFile: string,
): Promise<{ server: Server; stop(): Promise<void> }> {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, answers TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO answers (user_id, answers) VALUES (?, ?)');
  const record = db.transaction((userId: string, answers: string) => insert.run(userId, answers));

  const app = new App({
    signingSecret,
    token: 'xoxb-bench',
    tokenVerificationEnabled: false,
    botId: 'B0BENCH',
    botUserId: 'U0BENCH',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/cairn', async ({ command, ack, client }) => {
    if (command.text.trim() === 'help') {
      await ack(work.help);
      return;
    }
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: work.caseView });
  });
  app.view(/.*/, async ({ ack, body, view }) => {
    record(body.user.id, JSON.stringify(view.state.values));
    await ack(work.checkinAck);
  });
  const server = (await app.start(0)) as Server;
  return {
    server,
    stop: async () => {
      await app.stop();
      db.close();
    },
  };
}
