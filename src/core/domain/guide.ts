import { z } from 'zod';

/** The six steps of a co-development session, in order. */
export const GUIDE_STEPS = [
  'expose',
  'clarification',
  'contract',
  'consultation',
  'actionPlan',
  'learned',
] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

export const STEP_INDEX: Record<GuideStep, number> = Object.fromEntries(
  GUIDE_STEPS.map((s, i) => [s, i]),
) as Record<GuideStep, number>;

/** Minutes per step when a group has not changed them. */
export const DEFAULT_GUIDE_MINUTES = [10, 10, 5, 25, 15, 10] as const;
export const GUIDE_MINUTES_MAX = 120;

/** Planned minutes of the six steps, one per step, as stored (JSON) and chosen in set-up. */
export const guideMinutesSchema = z
  .array(z.number().int().min(1).max(GUIDE_MINUTES_MAX))
  .length(GUIDE_STEPS.length);
export type GuideMinutes = number[];

/** Seconds actually spent in each step finished so far. */
export const spentSecondsSchema = z.array(z.number().int().min(0)).max(GUIDE_STEPS.length);

/** A guide opens from this long before its session's start (and until the session's end). */
export const GUIDE_OPENS_BEFORE_MS = 30 * 60_000;
/** A guide still running this long after its session's scheduled end is ended by the scheduler. */
export const GUIDE_AUTO_END_AFTER_MS = 30 * 60_000;
/** What *+5 min* adds to the current step. */
export const GUIDE_EXTEND_MINUTES = 5;
/** The client's request at "contract": one sentence. */
export const CLIENT_REQUEST_MAX = 300;

export type GuideStatus = 'running' | 'ended';
export type GuideEnd = 'facilitator' | 'auto';

/**
 * A session guide: one case presented in one session, step by step. It holds timings only; what is said
 * stays with the case (its title, its author, the client's request) or is not stored at all.
 */
export type Guide = {
  id: string;
  groupId: string;
  sessionId: string;
  caseId: string;
  status: GuideStatus;
  /** Index in GUIDE_STEPS of the current step (of the last one, once ended). */
  step: number;
  minutes: GuideMinutes;
  spentSeconds: number[];
  stepStartedAt: Date;
  /** Minutes added to the current step with *+5 min*. */
  extraMinutes: number;
  pausedAt: Date | null;
  /** Time paused in the current step, before `pausedAt`. */
  pausedMs: number;
  startedAt: Date;
  endedAt: Date | null;
  endedBy: GuideEnd | null;
  /** The outbox row of the live message in the group's space. */
  postId: string;
  /** The outbox row holding the latest edit of it (later edits replace it while it waits). */
  editId: string | null;
  /** Edit rows created so far (numbers the next one's id). */
  edits: number;
  /** What the live message last showed (see `displayKey`): a tick edits it only when this changes. */
  shown: string;
};

/** Time spent in the current step at `now`, pauses excluded. */
export function stepElapsedMs(g: Guide, now: Date): number {
  const until = (g.pausedAt ?? now).getTime();
  return Math.max(0, until - g.stepStartedAt.getTime() - g.pausedMs);
}

/** Planned length of the current step, with what *+5 min* added. */
export const stepPlannedMs = (g: Guide): number => ((g.minutes[g.step] ?? 0) + g.extraMinutes) * 60_000;

/** Milliseconds left in the current step (negative once over time). */
export const stepLeftMs = (g: Guide, now: Date): number => stepPlannedMs(g) - stepElapsedMs(g, now);

/**
 * What the countdown shows, in whole minutes: minutes left (rounded up: "1 min" until the time is up),
 * or minutes over time (rounded down: "time is up" during the first minute over).
 */
export function countdown(g: Guide, now: Date): { left: number } | { over: number } {
  const ms = stepLeftMs(g, now);
  return ms > 0 ? { left: Math.ceil(ms / 60_000) } : { over: Math.floor(-ms / 60_000) };
}

/** A key of everything the live message shows that time changes: the message is edited when it changes. */
export function displayKey(g: Guide, now: Date): string {
  const c = countdown(g, now);
  return `${g.status}:${g.step}:${g.pausedAt ? 'p' : 'r'}:${'left' in c ? `l${c.left}` : `o${c.over}`}`;
}

/** The current step finished at `now`: its seconds, rounded. */
export const finishedStepSeconds = (g: Guide, now: Date): number => Math.round(stepElapsedMs(g, now) / 1000);

export const isLastStep = (g: Guide): boolean => g.step >= GUIDE_STEPS.length - 1;
