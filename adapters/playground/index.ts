import type { Express } from 'express';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Core } from '../../src/core/index.js';
import type { Language } from './api.js';
import type { SimulatedClock } from './clock.js';
import type { PlaygroundPlatform } from './platform.js';
import { Playground } from './playground-adapter.js';

export type { ClockResult, ClockStep, View } from './api.js';
export { SimulatedClock } from './clock.js';
export { PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE, PlaygroundPlatform } from './platform.js';
export { defaultWebDir, Playground, type PlaygroundOptions } from './playground-adapter.js';

export type PlaygroundSettings = {
  defaultLanguage: Language;
  timeZone: string;
  /** Where the bundled page is (`npm run build:web`); defaults to dist/web in the project. */
  webDir?: string;
  /** Seed the demo again (`npm start -- --reset-demo`). */
  resetDemo?: boolean;
};

export type PlaygroundAdapter = {
  platform: PlaygroundPlatform;
  /** The page and its API on the shared server. */
  mount(http: Express): void;
  /** Restores the demo's personas, or seeds the demo into an empty database. */
  start(): Promise<void>;
  /** Ends the page's live streams so the server can close. */
  stop(): Promise<void>;
  playground: Playground;
};

/**
 * The local playground: a chat platform drawn in the browser, on a simulated clock. Its platform and clock
 * exist before the core (the core runs on that clock); the playground is then built around the core.
 */
export function createPlaygroundAdapter(
  settings: PlaygroundSettings,
  deps: { core: Core; platform: PlaygroundPlatform; clock: SimulatedClock; logger: Logger },
): PlaygroundAdapter {
  const playground = new Playground(deps.core, deps.platform, {
    clock: deps.clock,
    defaultLanguage: settings.defaultLanguage,
    timeZone: settings.timeZone,
    logger: deps.logger,
    ...(settings.webDir ? { webDir: settings.webDir } : {}),
  });
  return {
    platform: deps.platform,
    playground,
    mount: (http) => playground.mount(http),
    async start() {
      await playground.start({ resetDemo: settings.resetDemo });
    },
    async stop() {
      playground.close();
    },
  };
}
