import type { CoreDeps } from './deps.js';

/**
 * The instants after `now` at which a feature's scheduled job has something to do, computed with the job's
 * own rules and occurrence keys (what is already recorded is not due again). The playground's time
 * control jumps from one to the next.
 */
export type DueTimes = (deps: CoreDeps, now: Date) => Date[];

/** The earliest instant after `now` among every feature's due times, or null when nothing is planned. */
export function earliestDue(deps: CoreDeps, now: Date, sources: DueTimes[]): Date | null {
  let next: Date | null = null;
  for (const source of sources)
    for (const at of source(deps, now)) if (at > now && (!next || at < next)) next = at;
  return next;
}
