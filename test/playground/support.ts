import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from '../../adapters/playground/clock.js';
import { PlaygroundPlatform } from '../../adapters/playground/platform.js';
import { Playground } from '../../adapters/playground/playground.js';
import { openDatabase } from '../../db/client.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import { type Core, createCore } from '../../src/core/index.js';
import { Platforms } from '../../src/core/kernel/platforms.js';
import { ManualClock } from '../../src/core/ports/clock.js';
import { randomIds } from '../../src/host/ids.js';
import { createLogger } from '../../src/host/logger.js';
import { createSecrets } from '../../src/host/secrets.js';
import { LogBuffer } from '../support/harness.js';

export type PlaygroundHarness = {
  core: Core;
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
export function playgroundHarness(
  opts: { file?: string; language?: 'fr' | 'en'; start?: string } = {},
): PlaygroundHarness {
  const dir = opts.file ? undefined : mkdtempSync(join(tmpdir(), 'cairn-pgh-'));
  const file = opts.file ?? join(dir!, 'cairn.db');
  const db = openDatabase(file);
  const base = new ManualClock(opts.start ?? '2026-03-02T08:00:00Z');
  const clock = new SimulatedClock(base);
  const platform = new PlaygroundPlatform(clock);
  const logs = new LogBuffer();
  const core = createCore({
    store: createSqliteStore(db),
    clock,
    ids: randomIds,
    logger: createLogger({ level: 'trace', destination: logs }),
    secrets: createSecrets('test-secret-that-is-long-enough-for-cairn'),
    platforms: new Platforms([platform]),
    config: {
      defaultLanguage: opts.language ?? 'fr',
      defaultTimeZone: 'Europe/Paris',
      privacyUrl: 'https://example.org/privacy',
    },
  });
  const playground = new Playground(core, platform, {
    clock,
    defaultLanguage: opts.language ?? 'fr',
    timeZone: 'Europe/Paris',
  });
  return {
    core,
    playground,
    clock,
    base,
    logs,
    file,
    close() {
      playground.close();
      db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
