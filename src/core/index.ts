import { Background } from './kernel/background.js';
import { handleEvent } from './kernel/dispatch.js';
import type { CoreDeps } from './kernel/deps.js';
import { DEFAULT_OUTBOX_OPTIONS, type OutboxOptions, OutboxWorker } from './delivery/outbox-worker.js';
import type { Pacer } from './delivery/rate-limiter.js';
import type { Actor, InboundEvent, Reply } from './contract/events.js';
import type { Message } from './contract/message.js';
import { resolveRequest } from './kernel/request.js';
import { buildHome } from './home/build-home.js';
import { reportUnreachable } from './people/report-unreachable.js';
import { runScheduledWork } from './kernel/scheduled-work.js';

export type CoreOptions = Omit<CoreDeps, 'background'> & {
  outbox?: Partial<OutboxOptions>;
  pacer?: Pacer;
};

/** The platform-neutral core, as adapters and the scheduler see it. */
export type Core = {
  deps: CoreDeps;
  /** One inbound event -> what to show in the platform's response window. */
  handle(event: InboundEvent): Promise<Reply>;
  /** Computes and enqueues everything due at the clock's now; returns counts per job. */
  tick(): Record<string, number>;
  outbox: OutboxWorker;
  /** Resolves when background work (member syncs) has finished. */
  idle(): Promise<void>;
  /** A person's home view (Slack App Home, playground panel). */
  home(actor: Actor): Message;
  /** An adapter cannot reach this person at all: their facilitators are told (the adapter says when, once). */
  reportUnreachable(platform: string, userRef: string): number;
};

export function createCore(options: CoreOptions): Core {
  const background = new Background(options.logger);
  const deps: CoreDeps = {
    store: options.store,
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    secrets: options.secrets,
    platforms: options.platforms,
    background,
    config: options.config,
  };
  const outbox = new OutboxWorker(deps, { ...DEFAULT_OUTBOX_OPTIONS, ...options.outbox }, options.pacer);
  return {
    deps,
    outbox,
    async handle(event) {
      const reply = await handleEvent(deps, event);
      outbox.notify();
      return reply;
    },
    tick() {
      const done = runScheduledWork(deps);
      outbox.notify();
      return done;
    },
    idle: () => background.idle(),
    home: (actor) => buildHome(resolveRequest(deps, actor, { kind: 'direct' })),
    reportUnreachable(platform, userRef) {
      const enqueued = reportUnreachable(deps, platform, userRef);
      outbox.notify();
      return enqueued;
    },
  };
}

export type { CoreConfig, CoreDeps } from './kernel/deps.js';
