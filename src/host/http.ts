import type { Server } from 'node:http';
import express, { type Express } from 'express';
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
  app.get('/healthz', (_req, res) => {
    try {
      checks.database?.();
      res.json({ status: 'ok', ...core.status() });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return app;
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
