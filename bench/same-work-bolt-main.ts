import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { startSameWorkBolt } from './same-work-bolt.js';
import type { SameWork } from './support/same-work.js';

/** The same-work baseline as its own process, like Cairn: `ready <url>` on stdout, stops on SIGTERM. */
const work = JSON.parse(readFileSync(process.env.BENCH_SAME_WORK ?? '', 'utf8')) as SameWork;
const bolt = await startSameWorkBolt(
  process.env.SLACK_SIGNING_SECRET ?? '',
  process.env.SLACK_API_URL ?? '',
  work,
  process.env.BENCH_SAME_WORK_DB ?? '',
);
process.stdout.write(`ready http://127.0.0.1:${(bolt.server.address() as AddressInfo).port}\n`);
process.on('SIGTERM', () => {
  bolt.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
