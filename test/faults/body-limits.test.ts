import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { CairnProcess } from './support/cairn-process.js';
import { CAIRN_SECRET, SIGNING_SECRET } from './support/fakes.js';
import { report } from './support/figures.js';

const LIMIT = 512 * 1024;

type Sent = { status: number | 'reset'; wrote: number };

/**
 * POSTs `size` bytes of JSON-looking text in 16 KB chunks, with a Content-Length or chunked (none), and
 * reports the status (or 'reset' when the server cut the connection before answering).
 */
function post(url: string, size: number, chunked: boolean, type = 'application/json'): Promise<Sent> {
  return new Promise((resolve) => {
    let wrote = 0;
    let done = false;
    const finish = (status: Sent['status']) => {
      if (done) return;
      done = true;
      resolve({ status, wrote });
    };
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': type, ...(chunked ? {} : { 'content-length': String(size) }) },
    });
    req.on('response', (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on('error', () => finish('reset'));
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (wrote < size && !done) {
        const n = Math.min(chunk.length, size - wrote);
        wrote += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe('request bodies over the size limit are refused before parsing (413)', () => {
  let dir: string;
  let fake: FakeSlack;
  let cairn: CairnProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-413-'));
    fake = await FakeSlack.start();
    // Slack, Teams and the playground served by one process.
    cairn = await CairnProcess.start({
      CAIRN_DB: join(dir, 'cairn.db'),
      CAIRN_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      TEAMS_AUTH_DISABLED: '1',
      CAIRN_PLAYGROUND: '1',
    });
  }, 30_000);
  afterAll(async () => {
    await cairn.terminate();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const routes: [string, string][] = [
    ['/slack/events', 'application/x-www-form-urlencoded'],
    ['/api/messages', 'application/json'],
    ['/api/playground/say', 'application/json'],
  ];

  it.each(routes)(
    '%s: 600 KB with a Content-Length, chunked without one, 20 MB chunked',
    async (path, type) => {
      const declared = await post(`${cairn.url}${path}`, 600 * 1024, false, type);
      const chunked = await post(`${cairn.url}${path}`, 600 * 1024, true, type);
      const huge = await post(`${cairn.url}${path}`, 20 * 1024 * 1024, true, type);
      report('body limit', {
        path,
        declared: declared.status,
        chunked: chunked.status,
        chunked20MB: huge.status,
        bytesWrittenOf20MB: huge.wrote,
      });
      expect(declared.status).toBe(413);
      expect(chunked.status).toBe(413);
      // A flood is answered 413, or cut off (the connection reset) once Cairn has refused it.
      expect([413, 'reset']).toContain(huge.status);
      const health = await fetch(`${cairn.url}/healthz`);
      expect(health.status).toBe(200);
    },
  );

  it('a body just under the limit is read (and refused for what it is, not for its size)', async () => {
    const under = await post(`${cairn.url}/api/messages`, LIMIT - 1024, false);
    expect(under.status).not.toBe(413);
  });
});
