import { caseRoutes } from './cases/routes.js';
import { checkinDueTimes } from './checkins/next-due.js';
import { checkinJobs, checkinRoutes } from './checkins/routes.js';
import type { Actor, InboundEvent } from './contract/events.js';
import type { Message } from './contract/message.js';
import type { Reply } from './contract/reply.js';
import { DEFAULT_OUTBOX_OPTIONS, type OutboxOptions, OutboxWorker } from './delivery/outbox-worker.js';
import type { Pacer } from './delivery/rate-limiter.js';
import { type Directory, directoryOf } from './groups/directory.js';
import { type ReconcileOptions, type ReconcileReport, reconcile } from './groups/reconcile.js';
import { groupJobs, groupRoutes } from './groups/routes.js';
import { guideJobs, guideRoutes } from './guide/routes.js';
import { guideDueTimes } from './guide/run-guides.js';
import { buildHome } from './home/build-home.js';
import { homeRoutes, unknownCommand } from './home/routes.js';
import { Background } from './kernel/background.js';
import type { CoreDeps } from './kernel/deps.js';
import { dispatch } from './kernel/dispatch.js';
import { earliestDue } from './kernel/next-due.js';
import { resolveRequest } from './kernel/request.js';
import type { RouteTable, ScheduledJob } from './kernel/routes.js';
import { takeawayDueTimes } from './notes/next-due.js';
import { noteJobs, noteRoutes } from './notes/routes.js';
import { reportUnreachable } from './people/report-unreachable.js';
import { peopleJobs, peopleRoutes } from './people/routes.js';
import { planDueTimes } from './plans/next-due.js';
import { planJobs, planRoutes } from './plans/routes.js';
import type { SharedPacing } from './ports/pacing.js';
import type { MaintenanceStatus } from './ports/store.js';
import { reminderDueTimes } from './reminders/next-due.js';
import { reminderJobs, reminderRoutes } from './reminders/routes.js';
import { rotationRoutes } from './rotation/routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { synthesisRoutes } from './syntheses/routes.js';
import { voteDueTimes } from './votes/next-due.js';
import { voteJobs, voteRoutes } from './votes/routes.js';

/** The features, each with its own route table (see each folder's routes.ts). */
export const FEATURE_ROUTES = {
  home: homeRoutes,
  groups: groupRoutes,
  sessions: sessionRoutes,
  cases: caseRoutes,
  reminders: reminderRoutes,
  checkins: checkinRoutes,
  syntheses: synthesisRoutes,
  notes: noteRoutes,
  plans: planRoutes,
  people: peopleRoutes,
  guide: guideRoutes,
  votes: voteRoutes,
  rotation: rotationRoutes,
};

/** Every command, button and form the core answers: typed complete, so a missing handler fails to compile. */
export const ROUTES: RouteTable = {
  commands: {
    ...homeRoutes.commands,
    ...groupRoutes.commands,
    ...sessionRoutes.commands,
    ...caseRoutes.commands,
    ...checkinRoutes.commands,
    ...synthesisRoutes.commands,
    ...noteRoutes.commands,
    ...planRoutes.commands,
    ...peopleRoutes.commands,
    ...guideRoutes.commands,
    ...rotationRoutes.commands,
  },
  unknownCommand,
  actions: {
    ...homeRoutes.actions,
    ...sessionRoutes.actions,
    ...caseRoutes.actions,
    ...reminderRoutes.actions,
    ...checkinRoutes.actions,
    ...synthesisRoutes.actions,
    ...noteRoutes.actions,
    ...planRoutes.actions,
    ...peopleRoutes.actions,
    ...guideRoutes.actions,
    ...voteRoutes.actions,
    ...rotationRoutes.actions,
  },
  forms: {
    ...homeRoutes.forms,
    ...groupRoutes.forms,
    ...sessionRoutes.forms,
    ...caseRoutes.forms,
    ...checkinRoutes.forms,
    ...synthesisRoutes.forms,
    ...noteRoutes.forms,
    ...planRoutes.forms,
    ...peopleRoutes.forms,
    ...guideRoutes.forms,
    ...voteRoutes.forms,
  },
  lifecycle: groupRoutes.lifecycle,
};

/**
 * Everything time-driven, computed from the database at `now`; each job records what it did. Ballots first:
 * one closing at 09:00 the day before a session is counted before that session's digest. Check-ins run
 * before the notebook's takeaways: a round opening after a session carries the takeaway question.
 */
const JOBS: Record<string, ScheduledJob> = {
  ...voteJobs,
  ...reminderJobs,
  ...checkinJobs,
  ...noteJobs,
  ...planJobs,
  ...peopleJobs,
  ...guideJobs,
  ...groupJobs,
};
const DUE_TIMES = [
  reminderDueTimes,
  checkinDueTimes,
  takeawayDueTimes,
  planDueTimes,
  guideDueTimes,
  voteDueTimes,
];

const SCHEDULER_LEASE = 'scheduler';

export type CoreOptions = Omit<CoreDeps, 'background'> & {
  outbox?: Partial<OutboxOptions>;
  pacer?: Pacer;
  /** Pacing shared with other instances on the same database (PostgreSQL). */
  sharedPacing?: SharedPacing;
};

/** The platform-neutral core, as adapters and the host see it. */
export type Core = {
  /** One inbound event -> what to show in the platform's response window. */
  handle(event: InboundEvent): Promise<Reply>;
  /** Computes and enqueues everything due at the clock's now; returns counts per job. */
  tick(): Record<string, number>;
  /**
   * The same, on the instance that holds the scheduler lease (several instances on one database tick
   * once); null when another instance holds it.
   */
  tickAsLeader(holder: string, leaseMs: number): Record<string, number> | null;
  /** Gives the scheduler lease up (shutdown), so another instance takes over at once. */
  releaseLeadership(holder: string): void;
  /** The next instant something scheduled is due (null when nothing is planned). */
  nextDue(): Date | null;
  outbox: OutboxWorker;
  /** Resolves when background work (member syncs) has finished. */
  idle(): Promise<void>;
  /** Lets everything due now happen: background work, the scheduler's jobs, then the outbox drained. */
  settle(): Promise<void>;
  /** A person's home view (Slack App Home, playground panel). */
  home(actor: Actor): Message;
  /** An adapter cannot reach this person at all: their facilitators are told (the adapter says when, once). */
  reportUnreachable(platform: string, userRef: string): number;
  /**
   * Catches up with the platforms: installations, every group's members, Cairn's presence in every space
   * (groups/reconcile.ts). One run at a time: null when one is already running.
   */
  reconcile(options: Partial<ReconcileOptions>): Promise<ReconcileReport | null>;
  /** For the operator: the outbox's backlog and paused scopes, the database's checkpoints and rewrites. */
  status(): {
    outbox: { pending: number; dead: number; oldestPendingAt: Date | null; paused: string[] };
    database: MaintenanceStatus;
  };
  directory: Directory;
};

/** The core and the dependencies it runs on (tests and benchmarks that drive the kernel directly). */
export function assembleCore(options: CoreOptions): { core: Core; deps: CoreDeps } {
  const deps: CoreDeps = {
    store: options.store,
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    secrets: options.secrets,
    platforms: options.platforms,
    background: new Background(options.logger),
    config: options.config,
    ...(options.charts ? { charts: options.charts } : {}),
  };
  const outbox = new OutboxWorker(
    deps,
    { ...DEFAULT_OUTBOX_OPTIONS, ...options.outbox },
    options.pacer,
    undefined,
    options.sharedPacing,
  );
  const tick = () => {
    const now = deps.clock.now();
    const done: Record<string, number> = {};
    for (const [name, job] of Object.entries(JOBS)) done[name] = job(deps, now);
    // Erasures and closes ask for the file to be rewritten: done here, off the request path, now and then.
    if (deps.store.wipeIfDue(now)) done.wipe = 1;
    outbox.notify();
    return done;
  };
  let reconciling = false;
  const core: Core = {
    outbox,
    async handle(event) {
      const reply = await dispatch(deps, ROUTES, event);
      outbox.notify();
      return reply;
    },
    tick,
    tickAsLeader(holder, leaseMs) {
      if (!deps.store.leases.acquire(SCHEDULER_LEASE, holder, deps.clock.now(), leaseMs)) {
        // The rewrite this process was asked for (a forget-me it handled) is its own to do.
        deps.store.wipeIfDue(deps.clock.now());
        return null;
      }
      return tick();
    },
    releaseLeadership: (holder) => deps.store.leases.release(SCHEDULER_LEASE, holder),
    nextDue: () => earliestDue(deps, deps.clock.now(), DUE_TIMES),
    idle: () => deps.background.idle(),
    async settle() {
      await deps.background.idle();
      tick();
      await outbox.drain();
    },
    home: (actor) => buildHome(resolveRequest(deps, actor, { kind: 'direct' })),
    reportUnreachable(platform, userRef) {
      const enqueued = reportUnreachable(deps, platform, userRef);
      outbox.notify();
      return enqueued;
    },
    async reconcile(options) {
      if (reconciling) return null;
      reconciling = true;
      try {
        return await reconcile(deps, {
          startup: false,
          paceMs: 1_000,
          clearance: (platform, address) => outbox.clearanceFor(platform, address),
          ...options,
        });
      } finally {
        reconciling = false;
        outbox.notify();
      }
    },
    status: () => ({
      outbox: { ...deps.store.outbox.backlog(), paused: outbox.pausedScopes },
      database: deps.store.maintenance(),
    }),
    directory: directoryOf(deps),
  };
  return { core, deps };
}

export function createCore(options: CoreOptions): Core {
  return assembleCore(options).core;
}

export { type PlainKey, translator } from './i18n/catalogue.js';
export type { CoreConfig, CoreDeps } from './kernel/deps.js';
