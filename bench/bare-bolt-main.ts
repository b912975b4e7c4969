import type { AddressInfo } from 'node:net';
import { startBareBolt } from './bare-bolt.js';

/** The bare Bolt baseline as its own process, like Cairn: `ready <url>` on stdout, stops on SIGTERM. */
const bolt = await startBareBolt(process.env.SLACK_SIGNING_SECRET ?? '', process.env.SLACK_API_URL ?? '');
process.stdout.write(`ready http://127.0.0.1:${(bolt.server.address() as AddressInfo).port}\n`);
process.on('SIGTERM', () => {
  bolt.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
