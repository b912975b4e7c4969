import type { Server } from 'node:http';
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;

/**
 * The baseline: a bare Bolt 5 app in HTTP mode that only acknowledges the slash command and view
 * submissions. Cairn's acknowledgment throughput and latency are reported as ratios against it.
 */
export async function startBareBolt(
  signingSecret: string,
  slackApiUrl: string,
): Promise<{ server: Server; stop(): Promise<void> }> {
  const app = new App({
    signingSecret,
    token: 'xoxb-bench',
    tokenVerificationEnabled: false,
    botId: 'B0BENCH',
    botUserId: 'U0BENCH',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/cairn', async ({ ack }) => {
    await ack();
  });
  app.view(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  return { server, stop: () => app.stop().then(() => undefined) };
}
