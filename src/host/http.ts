import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '../core/contract/logger.js';
import type { Core } from '../core/index.js';

export type HttpState = { shuttingDown: boolean };

/** What `/healthz` checks besides the outbox: the database file (throws when unusable). */
export type HealthChecks = { database?: () => void };

/** Largest request body accepted (Slack and Teams payloads are a few tens of kilobytes). */
export const MAX_BODY_BYTES = 512 * 1024;
/**
 * A body declared larger than the limit but not huge is read and thrown away after the 413, so that the
 * client, still sending, reads the answer instead of a reset connection; beyond this, the connection is cut.
 */
const DISCARD_AT_MOST_BYTES = 16 * MAX_BODY_BYTES;

/**
 * The one HTTP server every platform shares. No global body parser: Slack's receiver needs the raw body
 * to check signatures (TECH-NOTES §2); each route parses its own.
 */
export function createHttpApp(core: Core, state: HttpState, checks: HealthChecks = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    if (state.shuttingDown) {
      res.setHeader('connection', 'close');
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    next();
  });
  // Refused before any parser reads it; chunked bodies are cut off by the per-route parsers' limits.
  app.use((req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      if (length > DISCARD_AT_MOST_BYTES) res.setHeader('connection', 'close');
      res.status(413).json({ status: 'payload-too-large' });
      return;
    }
    next();
  });
  // Status only: the backlog is for the operator (`npm run cairn -- status`), not for whoever reaches the port.
  app.get('/healthz', (_req, res) => {
    try {
      checks.database?.();
      core.status();
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return app;
}

/**
 * The last handlers, mounted after every route: a request nobody answered gets 404, and any error a route
 * passed on (a body that is not JSON, a parser's limit, a bug) gets its status and a short JSON answer.
 * Express's own handler would print the error to stderr — a JSON parse error quotes the body, that is
 * what someone wrote — and send a stack trace outside production. The log line holds the status, the
 * error's class and the parser's code: never its message, which can quote the body.
 */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ status: 'not-found' });
  });
  const handler: ErrorRequestHandler = (err, req, res, _next) => {
    const status = statusOf(err);
    const fields = {
      status,
      method: req.method,
      route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched',
      error: err instanceof Error ? err.name : typeof err,
      ...(typeof (err as { type?: unknown })?.type === 'string'
        ? { type: (err as { type: string }).type }
        : {}),
    };
    if (status >= 500) logger.error(fields, 'request failed');
    else logger.warn(fields, 'request refused');
    if (res.headersSent) {
      // Half an answer already went out: cut the connection (Express's handler would also print the error).
      req.socket.destroy();
      return;
    }
    res.status(status).json({ status: status >= 500 ? 'error' : 'refused' });
  };
  app.use(handler);
}

/** A client error's own status (400, 413, 415…), anything else 500. */
function statusOf(err: unknown): number {
  const status =
    (err as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.on('error', reject);
  });
}

/**
 * Stops listening and waits for open connections to end; after `graceMs` the ones still open (a client
 * that keeps a request going) are cut, so shutting down never hangs.
 */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
