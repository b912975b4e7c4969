import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Express } from 'express';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Core } from '../../src/core/index.js';
import type { Language, View } from './api.js';
import type { SimulatedClock } from './clock.js';
import { EventStream, playgroundRouter } from './http-routes.js';
import { Interactions } from './interactions.js';
import { PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE, type PlaygroundPlatform } from './platform.js';
import { restoreFromStore } from './restore.js';
import { isEmptyDatabase, seedDemo } from './seed.js';
import { TimeControl } from './time-control.js';
import { buildView, personas } from './view.js';

export type PlaygroundOptions = {
  clock: SimulatedClock;
  defaultLanguage: Language;
  timeZone: string;
  logger: Logger;
  /** Where the bundled page is (`npm run build:web`); defaults to dist/web in the project. */
  webDir?: string;
};

/**
 * The local playground: a chat platform in the browser, with a simulated clock. Its platform is created
 * first (the core needs it), then the playground around the core: `start()` restores or seeds the demo,
 * `mount()` adds its routes to the shared HTTP app.
 */
export class Playground {
  readonly interactions: Interactions;
  readonly time: TimeControl;
  readonly events = new EventStream();
  readonly defaultLanguage: Language;
  readonly clock: SimulatedClock;

  constructor(
    private readonly core: Core,
    readonly platform: PlaygroundPlatform,
    private readonly options: PlaygroundOptions,
  ) {
    this.defaultLanguage = options.defaultLanguage;
    this.clock = options.clock;
    this.interactions = new Interactions(core, platform);
    this.time = new TimeControl(core, options.clock, platform);
    platform.onChange(() => this.events.changed());
    this.interactions.formsChanged = () => this.events.changed();
    options.clock.onChange(() => this.events.changed());
  }

  /** Restores the demo's personas, or seeds the demo into an empty database (or on `resetDemo`). */
  async start(opts: { resetDemo?: boolean } = {}): Promise<{ seeded: boolean }> {
    const { core } = this;
    let seed = isEmptyDatabase(core);
    if (opts.resetDemo) {
      await core.handle({
        kind: 'uninstalled',
        platform: PLAYGROUND_PLATFORM,
        workspace: PLAYGROUND_WORKSPACE,
      });
      this.platform.clear();
      seed = true;
    }
    if (seed) {
      await seedDemo({
        core,
        clock: this.options.clock,
        platform: this.platform,
        interactions: this.interactions,
        time: this.time,
        language: this.options.defaultLanguage,
        timeZone: this.options.timeZone,
        logger: this.options.logger,
      });
    } else {
      restoreFromStore(core, this.platform);
    }
    return { seeded: seed };
  }

  mount(app: Express): void {
    app.use(playgroundRouter(this, this.options.webDir ?? defaultWebDir(), this.options.logger));
  }

  /** The persona a first visit opens as (the facilitator comes first). */
  firstPersona(): string | undefined {
    return personas(this.core, this.platform)[0]?.ref;
  }

  view(ref: string): View {
    return buildView(this.core, this.platform, this.interactions, ref, this.options.clock.now());
  }

  /** Ends the live streams so the HTTP server can close. */
  close(): void {
    this.events.close();
  }
}

/** dist/web at the project's root, found from this file (run from source or from dist/). */
export function defaultWebDir(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}
