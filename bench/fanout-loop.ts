import { readFileSync } from 'node:fs';
import { webApi } from '@slack/bolt';

/**
 * Scenario 3's baseline: a plain loop over the same DMs Cairn's outbox sends, with a WebClient configured
 * as the outbox's (no retries, 429 thrown) and the outbox's concurrency. Per person it makes the calls
 * Cairn's Slack platform makes: conversations.open for the DM channel, then chat.postMessage.
 *
 *   node dist/bench/fanout-loop.js <messages.json> <api url> <token> <concurrency>
 */
type Dm = { user: string; text: string; blocks: unknown[] };

const [file, apiUrl, token, concurrency] = process.argv.slice(2);
const messages = JSON.parse(readFileSync(file!, 'utf8')) as Dm[];
const client = new webApi.WebClient(undefined, {
  slackApiUrl: apiUrl,
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  logLevel: webApi.LogLevel.ERROR,
});

let next = 0;
let failed = 0;
const worker = async () => {
  while (next < messages.length) {
    const dm = messages[next++]!;
    try {
      const opened = await client.conversations.open({ token, users: dm.user });
      await client.chat.postMessage({
        token,
        channel: opened.channel!.id!,
        text: dm.text,
        // biome-ignore lint/suspicious/noExplicitAny: rendered Block Kit, passed through as Cairn sends it
        blocks: dm.blocks as any[],
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch {
      failed++;
    }
  }
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
process.stdout.write(`${JSON.stringify({ sent: messages.length - failed, failed })}\n`);
