import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { z } from 'zod';
import { errorSummary } from '../../src/core/contract/error-summary.js';
import type { Logger } from '../../src/core/contract/logger.js';
import type { ServerEvent, View } from './api.js';
import type { Outcome } from './interactions.js';
import { CONTENT_SECURITY_POLICY, pageHtml } from './page.js';
import type { Playground } from './playground-adapter.js';

/** Enough for the longest form (a case: four texts of 3,000 characters), far below anything abusive. */
const BODY_LIMIT = '256kb';
const HEARTBEAT_MS = 20_000;

const persona = z.string().min(1).max(100);
const values = z.record(
  z.string().max(100),
  z.union([z.string().max(20_000), z.array(z.string().max(500)).max(100)]),
);
const bodies = {
  say: z.object({ persona, conversation: z.string().min(1).max(300), text: z.string().max(4_000) }),
  press: z.object({
    persona,
    entry: z.string().min(1).max(100),
    action: z.string().min(1).max(100),
    value: z.string().max(500),
  }),
  submit: z.object({ persona, seq: z.number().int().nonnegative(), values }),
  close: z.object({ persona }),
  clock: z.object({ step: z.enum(['minutes', 'hour', 'day', 'next']) }),
  language: z.object({ persona, language: z.enum(['fr', 'en']) }),
};

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The hostname of a Host header or an origin's host ("localhost:3000" -> "localhost"; "[::1]:3000" -> "[::1]"). */
function hostnameOf(host: string): string {
  const bracket = host.startsWith('[') ? host.indexOf(']') : -1;
  if (bracket > 0) return host.slice(0, bracket + 1).toLowerCase();
  return host.split(':')[0]!.toLowerCase();
}

/**
 * The playground has no login: it is for the machine it runs on. Besides listening on loopback only, it
 * answers only requests addressed to a local name (a page on another site that makes its name resolve to
 * 127.0.0.1 — DNS rebinding — sends its own name as Host), and refuses writes sent by a page of another
 * origin (a cross-site form or fetch carries that site's Origin).
 */
const localOnly: RequestHandler = (req, res, next) => {
  const host = req.headers.host ?? '';
  if (!LOCAL_HOSTNAMES.has(hostnameOf(host))) {
    res.status(403).json({ error: 'forbidden_host' });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    let sameOrigin = origin === undefined;
    if (origin !== undefined) {
      try {
        sameOrigin = new URL(origin).host.toLowerCase() === host.toLowerCase();
      } catch {
        sameOrigin = false;
      }
    }
    if (!sameOrigin || site === 'cross-site' || site === 'same-site') {
      res.status(403).json({ error: 'forbidden_origin' });
      return;
    }
  }
  next();
};

/** The page at `/` and its API under `/api/playground/*`; JSON bodies are parsed on these routes only. */
export function playgroundRouter(playground: Playground, webDir: string, logger: Logger): Router {
  const router = express.Router();
  const json = express.json({ limit: BODY_LIMIT });
  // On the playground's own paths only: the router is mounted on the server Slack and Teams share in tests.
  router.use('/api/playground', localOnly);

  router.get('/', localOnly, (_req, res) => {
    secureHeaders(res);
    res.type('html').send(pageHtml(playground.defaultLanguage));
  });
  for (const file of ['playground.js', 'playground.css']) {
    router.get(`/${file}`, localOnly, (_req, res) => {
      const path = join(webDir, file);
      if (!existsSync(path)) {
        res.status(503).type('text').send('The playground page is not built: run `npm run build`.');
        return;
      }
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(path);
    });
  }

  router.get('/api/playground/view', (req, res) => {
    // Without a persona (a first visit), the page opens as the first one: the facilitator.
    const asked = req.query.persona === undefined ? playground.firstPersona() : req.query.persona;
    const ref = persona.safeParse(asked);
    if (!ref.success || !playground.platform.persona(ref.data)) {
      res.status(404).json({ error: 'unknown_persona' });
      return;
    }
    res.json(playground.view(ref.data));
  });

  router.get('/api/playground/events', (req, res) => playground.events.subscribe(req, res));

  const post = <S extends z.ZodType>(
    path: string,
    schema: S,
    handle: (body: z.infer<S>) => Promise<{ outcome?: Outcome; view?: View; extra?: object }>,
  ) => {
    router.post(`/api/playground/${path}`, json, async (req: Request, res: Response) => {
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'bad_request' });
        return;
      }
      const body = parsed.data as { persona?: string };
      if (body.persona !== undefined && !playground.platform.persona(body.persona)) {
        res.status(404).json({ error: 'unknown_persona' });
        return;
      }
      try {
        const { outcome, view, extra } = await handle(parsed.data);
        if (outcome && !outcome.ok) {
          res.status(outcome.error === 'forbidden' ? 403 : 409).json({ error: outcome.error });
          return;
        }
        res.json({ ok: true, ...extra, ...(view ? { view } : {}) });
      } catch (err) {
        // Ids and codes only: never the request body, which holds what people wrote.
        logger.error({ route: path, err: errorSummary(err) }, 'playground request failed');
        res.status(500).json({ error: 'internal' });
      }
    });
  };

  post('say', bodies.say, async (b) => ({
    outcome: await playground.interactions.say(b.persona, b.conversation, b.text),
    view: playground.view(b.persona),
  }));
  post('press', bodies.press, async (b) => ({
    outcome: await playground.interactions.press(b.persona, b.entry, { action: b.action, value: b.value }),
    view: playground.view(b.persona),
  }));
  post('form/submit', bodies.submit, async (b) => ({
    outcome: await playground.interactions.submit(b.persona, b.seq, b.values),
    view: playground.view(b.persona),
  }));
  post('form/close', bodies.close, async (b) => {
    playground.interactions.closeForm(b.persona);
    return { view: playground.view(b.persona) };
  });
  post('clock', bodies.clock, async (b) => ({ extra: await playground.time.step(b.step) }));
  post('language', bodies.language, async (b) => ({
    outcome: await playground.interactions.say(b.persona, `dm:${b.persona}`, `/cairn language ${b.language}`),
    view: playground.view(b.persona),
  }));
  // A body the JSON parser refused (too large, not JSON): a status, never the body in a log or a page.
  router.use('/api/playground', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown }).status;
    if (status === 413) res.status(413).json({ error: 'too_large' });
    else if (status === 400) res.status(400).json({ error: 'bad_request' });
    else {
      logger.error({ err: errorSummary(err) }, 'playground request failed');
      res.status(500).json({ error: 'internal' });
    }
  });
  return router;
}

function secureHeaders(res: Response): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
}

/** Server-sent events: tells every open page that something changed, so it fetches its view again. */
export class EventStream {
  private readonly clients = new Set<Response>();
  private seq = 0;
  private pending: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  subscribe(req: Request, res: Response): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\n\n`);
    this.write(res, { type: 'update', seq: this.seq });
    this.clients.add(res);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const client of this.clients) client.write(': ping\n\n');
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    req.on('close', () => this.clients.delete(res));
  }

  /** Coalesces bursts (a fan-out of ten messages) into one notification. */
  changed(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.seq++;
      for (const client of this.clients) this.write(client, { type: 'update', seq: this.seq });
    }, 30);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream, so the server can close. */
  close(): void {
    clearTimeout(this.pending);
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(res: Response, event: ServerEvent): void {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }
}
