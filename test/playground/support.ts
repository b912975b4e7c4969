import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatedClock } from '../../adapters/playground/clock.js';
import type { Playground } from '../../adapters/playground/playground-adapter.js';
import { ManualClock } from '../../src/core/contract/clock.js';
import type { Core, CoreDeps } from '../../src/core/index.js';
import type { Store } from '../../src/core/ports/store.js';
import { assembleCairn } from '../../src/host/assemble.js';
import { createLogger } from '../../src/host/logger.js';
import { LogBuffer, testConfig } from '../support/harness.js';

export type PlaygroundHarness = {
  core: Core;
  deps: CoreDeps;
  store: Store;
  playground: Playground;
  clock: SimulatedClock;
  base: ManualClock;
  logs: LogBuffer;
  file: string;
  close(): void;
};

/**
 * The playground over a real core and SQLite file, without HTTP: the simulated clock runs on a fixed base
 * clock, so what is due is the same on every run.
 */
export async function playgroundHarness(
  opts: { file?: string; language?: 'fr' | 'en'; start?: string } = {},
): Promise<PlaygroundHarness> {
  const dir = opts.file ? undefined : mkdtempSync(join(tmpdir(), 'cairn-pgh-'));
  const file = opts.file ?? join(dir!, 'cairn.db');
  const base = new ManualClock(opts.start ?? '2026-03-02T08:00:00Z');
  const logs = new LogBuffer();
  const cairn = await assembleCairn(testConfig({ CAIRN_DB: file, CAIRN_LANGUAGE: opts.language ?? 'fr' }), {
    clock: base,
    logger: createLogger({ level: 'trace', destination: logs }),
  });
  const adapter = cairn.playground!;
  return {
    core: cairn.core,
    deps: cairn.deps,
    store: cairn.store,
    playground: adapter.playground,
    clock: adapter.playground.clock,
    base,
    logs,
    file,
    close() {
      adapter.playground.close();
      cairn.db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
