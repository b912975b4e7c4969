import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../adapters/playground/api.js';
import { loadConfig } from '../../src/host/config.js';
import { startCairn } from '../../src/host/main.js';
import { type RunningPlayground, startPlayground } from '../browser/support.js';

describe('the playground over HTTP', () => {
  let pg: RunningPlayground;
  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${pg.url}/api/playground/${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const view = async (persona: string) =>
    (await (await fetch(`${pg.url}/api/playground/view?persona=${persona}`)).json()) as View;

  beforeAll(async () => {
    pg = await startPlayground();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('serves the page with its own script and stylesheet only, under a strict CSP', async () => {
    const res = await fetch(pg.url);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/playground.js">');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${pg.url}/playground.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const js = await script.text();
    expect(js).not.toMatch(/\.innerHTML\s*=/);
    expect((await fetch(`${pg.url}/playground.css`)).status).toBe(200);
    expect((await fetch(`${pg.url}/healthz`)).status).toBe(200);
  });

  it('answers only requests addressed to this machine, and writes only from its own page (DNS rebinding, CSRF)', async () => {
    const port = new URL(pg.url).port;
    /** A raw request, with the Host and Origin a browser on another site would send. */
    const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            headers: { 'content-type': 'application/json', ...headers },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              text += c;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const clockBefore = pg.cairn.playground!.playground.clock.now().getTime();
    const step = JSON.stringify({ step: 'day' });
    // A page of evil.example whose name now resolves to 127.0.0.1 sends its own Host.
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
      expect((await raw('GET', '/', { host })).status).toBe(403);
      expect((await raw('GET', '/api/playground/view', { host })).status).toBe(403);
      expect((await raw('POST', '/api/playground/clock', { host }, step)).status).toBe(403);
    }
    // A page of another site posting to the playground (its Origin says so), or of another local port.
    for (const origin of ['https://evil.example', `http://localhost:${Number(port) + 1}`, 'null']) {
      const refused = await raw('POST', '/api/playground/clock', { host: `127.0.0.1:${port}`, origin }, step);
      expect({ origin, status: refused.status }).toEqual({ origin, status: 403 });
    }
    expect(
      (
        await raw(
          'POST',
          '/api/playground/clock',
          { host: `localhost:${port}`, 'sec-fetch-site': 'cross-site' },
          step,
        )
      ).status,
    ).toBe(403);
    // The simulated clock runs at real speed: refused steps would have moved it by days.
    const moved = () => pg.cairn.playground!.playground.clock.now().getTime() - clockBefore;
    expect(moved()).toBeLessThan(60_000);
    // Its own page (same origin), and local tools that send no Origin, are served.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await raw('GET', '/api/playground/view', { host })).status).toBe(200);
    }
    const own = await raw(
      'POST',
      '/api/playground/clock',
      { host: `localhost:${port}`, origin: `http://localhost:${port}` },
      step,
    );
    expect(own.status).toBe(200);
    expect(moved()).toBeGreaterThan(60_000);
  });

  it('opens as the facilitator by default and refuses unknown personas', async () => {
    const first = (await (await fetch(`${pg.url}/api/playground/view`)).json()) as View;
    expect(first.persona).toBe('pg:helene');
    expect(first.personas.map((p) => p.role)).toEqual([
      'facilitator',
      'member',
      'member',
      'member',
      'member',
      'member',
    ]);
    expect((await fetch(`${pg.url}/api/playground/view?persona=pg:nobody`)).status).toBe(404);
    expect(
      (await post('say', { persona: 'pg:nobody', conversation: 'dm:pg:nobody', text: 'aide' })).status,
    ).toBe(404);
  });

  it('a command is seen only by who typed it; a message to the group by everyone in it', async () => {
    const space = 'space:pg-space:lyon';
    expect(
      (await post('say', { persona: 'pg:thomas', conversation: space, text: '/cairn cases' })).status,
    ).toBe(200);
    expect(
      (await post('say', { persona: 'pg:thomas', conversation: space, text: 'Bonjour à tous' })).status,
    ).toBe(200);
    const mine = (await view('pg:thomas')).conversations.find((c) => c.id === space)!;
    const theirs = (await view('pg:julien')).conversations.find((c) => c.id === space)!;
    expect(mine.entries.some((e) => e.text === '/cairn cases' && e.private)).toBe(true);
    expect(theirs.entries.some((e) => e.text === '/cairn cases')).toBe(false);
    expect(theirs.entries.some((e) => e.text === 'Bonjour à tous' && !e.private)).toBe(true);
    // Nobody else's direct conversation.
    expect(
      (await post('say', { persona: 'pg:julien', conversation: 'dm:pg:helene', text: 'aide' })).status,
    ).toBe(403);
    expect((await view('pg:julien')).conversations.map((c) => c.id)).toEqual(['dm:pg:julien', space]);
  });

  it('accepts only buttons that are on a message the persona can see', async () => {
    const facilitator = await view('pg:helene');
    const dm = facilitator.conversations.find((c) => c.kind === 'direct')!;
    const withButton = dm.entries.find((e) =>
      e.message?.blocks.some((b) => b.type === 'actions' && b.buttons.length > 0),
    );
    const queueButton = facilitator.home.blocks
      .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
      .find((b) => b.action === 'cases.list')!;
    expect(queueButton).toBeDefined();
    // A member forging the facilitator's button from his own home, or pressing on her message, is refused.
    const forged = await post('press', { persona: 'pg:julien', entry: 'home', ...pick(queueButton) });
    expect(forged.status).toBe(409);
    if (withButton) {
      const button = withButton.message!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!;
      const res = await post('press', { persona: 'pg:julien', entry: withButton.id, ...pick(button) });
      expect(res.status).toBe(409);
    }
    // The facilitator herself may press it.
    const ok = await post('press', { persona: 'pg:helene', entry: 'home', ...pick(queueButton) });
    expect(ok.status).toBe(200);
  });

  it('validates bodies: wrong shapes are 400, a non-JSON type is not parsed, huge bodies are 413', async () => {
    expect((await post('say', { persona: 'pg:thomas' })).status).toBe(400);
    expect((await post('clock', { step: 'week' })).status).toBe(400);
    expect((await post('say', '{"persona":"pg:thomas"}', 'text/plain')).status).toBe(400);
    expect((await post('say', '{"persona": broken', 'application/json')).status).toBe(400);
    const huge = 'x'.repeat(600 * 1024);
    expect(
      (await post('say', { persona: 'pg:thomas', conversation: 'dm:pg:thomas', text: huge })).status,
    ).toBe(413);
    const big = 'x'.repeat(300 * 1024);
    expect((await post('form/submit', { persona: 'pg:thomas', seq: 1, values: { a: big } })).status).toBe(
      413,
    );
  });

  it('a submitted form must be the one the page shows', async () => {
    expect(
      (await post('say', { persona: 'pg:sophie', conversation: 'dm:pg:sophie', text: 'cas' })).status,
    ).toBe(200);
    const form = (await view('pg:sophie')).form!;
    expect(form.form?.id).toBe('case');
    expect(JSON.stringify(form)).not.toContain('"state"');
    expect((await post('form/submit', { persona: 'pg:sophie', seq: form.seq + 1, values: {} })).status).toBe(
      409,
    );
    const res = await post('form/submit', { persona: 'pg:sophie', seq: form.seq, values: { title: '' } });
    expect(res.status).toBe(200);
    const after = ((await res.json()) as { view: View }).view.form!;
    expect(after.errors.title).toBe('Ce champ est obligatoire.');
    await post('form/close', { persona: 'pg:sophie' });
    expect((await view('pg:sophie')).form).toBeNull();
  });

  it('tells open pages about changes with server-sent events, and shutdown ends the stream', async () => {
    const events: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${pg.url}/api/playground/events`, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => events.push(chunk));
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    await waitFor(() => events.join('').includes('event: update'));
    const count = () => events.join('').split('event: update').length;
    const before = count();
    await post('clock', { step: 'hour' });
    await waitFor(() => count() > before);
    expect(pg.cairn.playground?.playground.events.size).toBe(1);
    await pg.stop();
    await ended;
  });
});

describe('without the playground', () => {
  it('a Cairn serving a platform does not serve the playground', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cairn-nopg-'));
    const config = loadConfig({
      CAIRN_DB: join(dir, 'cairn.db'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_AUTH_DISABLED: '1',
    });
    expect(config.playground).toBe(false);
    const cairn = await startCairn(config);
    try {
      expect(cairn.playground).toBeUndefined();
      expect(cairn.adapters.map((a) => a.platform.id)).toEqual(['teams']);
      const address = cairn.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect(cairn.store.groups.listAll()).toEqual([]);
    } finally {
      await cairn.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('production refuses the playground and says what to configure', () => {
    const secret = 's'.repeat(40);
    expect(() => loadConfig({ NODE_ENV: 'production', CAIRN_SECRET: secret })).toThrow(
      /No platform is configured: set SLACK_BOT_TOKEN.*never runs in production/s,
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        CAIRN_SECRET: secret,
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'x',
        CAIRN_PLAYGROUND: '1',
      }),
    ).toThrow(/CAIRN_PLAYGROUND cannot be used in production/);
  });
});

const pick = (b: { action: string; value: string }) => ({ action: b.action, value: b.value });

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
