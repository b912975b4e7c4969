import type { CommandName } from '../contract/commands.js';
import type { InboundEvent } from '../contract/events.js';
import type { FormValues } from '../contract/form.js';
import type { ActionId, FormId } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import type { CoreDeps } from './deps.js';
import type { Request } from './request.js';

export type Handler<A> = (req: Request, arg: A) => Reply | Promise<Reply>;
export type SubmittedForm = { state: string; values: FormValues };

/** Events about spaces and installations: no person acts, nothing is shown. */
export type LifecycleEvent = Exclude<InboundEvent, { kind: 'command' | 'action' | 'form.submitted' }>;
export type LifecycleKind = LifecycleEvent['kind'];
export type LifecycleHandler<K extends LifecycleKind> = (
  deps: CoreDeps,
  event: Extract<LifecycleEvent, { kind: K }>,
) => void;

/**
 * What one feature answers: its sub-commands, buttons and forms, keyed by their ids. Declared with
 * `satisfies FeatureRoutes` so an id that does not exist fails to compile; the core's route table
 * (src/core/index.ts) is typed complete, so an id nobody handles fails to compile too.
 */
export type FeatureRoutes = {
  commands?: Partial<Record<CommandName, Handler<string>>>;
  actions?: Partial<Record<ActionId, Handler<string>>>;
  forms?: Partial<Record<FormId, Handler<SubmittedForm>>>;
  lifecycle?: { [K in LifecycleKind]?: LifecycleHandler<K> };
};

/** Every id routed, each exactly once. */
export type RouteTable = {
  commands: Record<CommandName, Handler<string>>;
  /** A word that is no sub-command (the word as typed, '' when nothing was typed). */
  unknownCommand: Handler<string>;
  actions: Record<ActionId, Handler<string>>;
  forms: Record<FormId, Handler<SubmittedForm>>;
  lifecycle: { [K in LifecycleKind]: LifecycleHandler<K> };
};

/** A time-driven job: computes from the database what is due at `now`, enqueues it, returns how many. */
export type ScheduledJob = (deps: CoreDeps, now: Date) => number;
