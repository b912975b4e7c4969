import type { CoreDeps } from './deps.js';
import { applyRetention } from '../people/apply-retention.js';
import { runCheckinSchedule } from '../checkins/round-schedule.js';
import { sendDueDigests } from '../reminders/send-case-digest.js';
import { sendDueCaseReminders } from '../reminders/send-case-reminders.js';

export type ScheduledJob = (deps: CoreDeps, now: Date) => number;

/** Everything time-driven, computed from the database at `now`; each job records what it did. */
export const SCHEDULED_JOBS: Record<string, ScheduledJob> = {
  caseReminders: sendDueCaseReminders,
  digests: sendDueDigests,
  checkins: runCheckinSchedule,
  retention: applyRetention,
};

export function runScheduledWork(deps: CoreDeps, now: Date = deps.clock.now()): Record<string, number> {
  const done: Record<string, number> = {};
  for (const [name, job] of Object.entries(SCHEDULED_JOBS)) done[name] = job(deps, now);
  return done;
}
