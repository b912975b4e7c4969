import type { Server } from 'node:http';
import nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import { errorSummary } from '../core/contract/error-summary.js';
import { type AssembledCairn, type AssembleOptions, assembleCairn } from './assemble.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { closeServer, listen } from './http.js';
import { startScheduler } from './scheduler.js';

export type RunningCairn = AssembledCairn & {
  server: Server;
  url: string;
  /** Graceful stop: refuse new requests, stop the scheduler, let sends finish, checkpoint, close. */
  stop(): Promise<boolean>;
};

/** Cairn serving: assembled (src/host/assemble.ts), its adapters started, listening, scheduler and outbox running. */
export async function startCairn(config: Config, options: AssembleOptions = {}): Promise<RunningCairn> {
  const cairn = await assembleCairn(config, options);
  const { core, logger, adapters } = cairn;
  for (const adapter of adapters) await adapter.start();
  const server = await listen(cairn.http, config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://localhost:${port}`;
  const scheduler = startScheduler(core, logger, { reconcileMinutes: config.CAIRN_RECONCILE_MINUTES });
  core.outbox.start();
  logger.info({ port, platforms: adapters.map((a) => a.platform.id) }, 'Cairn is ready');

  return {
    ...cairn,
    server,
    url,
    async stop() {
      const ends = Date.now() + config.SHUTDOWN_DEADLINE_MS;
      const left = () => Math.max(0, ends - Date.now());
      // From now on every request is answered 503 (the port stays open while sends finish, so a load
      // balancer or Slack sees "unavailable", not a refused connection).
      cairn.httpState.shuttingDown = true;
      scheduler.stop();
      for (const adapter of adapters) await adapter.stop();
      const finished = await core.outbox.stop(left());
      await Promise.race([core.idle(), new Promise((resolve) => setTimeout(resolve, left()))]);
      // Requests accepted before the signal get a moment more to finish; then the port closes.
      await closeServer(server, Math.max(left(), 1_000));
      // The rewrite asked for and the checkpoint happen now, waiting for other connections if need be.
      cairn.database.flush(cairn.clock.now());
      cairn.database.close();
      logger.info({ finished }, 'Cairn stopped');
      return finished;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const cairn = await startCairn(config, {
    playground: { resetDemo: process.argv.includes('--reset-demo') },
  });
  process.stdout.write(`Cairn is running on ${cairn.url}\n`);
  if (cairn.playground) {
    process.stdout.write(
      `Playground: open ${cairn.url} in your browser (no Slack or Teams account needed).\n`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: stopping Cairn…\n`);
    cairn.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${errorSummary(err).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Node 22+ keeps V8's compiled code of the modules loaded from here on (Bolt, teams-ai and botbuilder,
  // imported when configured) in a disk cache, so that later starts skip most of their compilation
  // (NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20 has no such cache.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  main().catch((err: unknown) => {
    process.stderr.write(`Cairn failed to start: ${errorSummary(err).message}\n`);
    process.exit(1);
  });
}
