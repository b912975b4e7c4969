import { displayKey, GUIDE_AUTO_END_AFTER_MS, type Guide } from '../domain/guide.js';
import { sessionEndsAt } from '../domain/session.js';
import type { CoreDeps } from '../kernel/deps.js';
import { endGuide } from './end-guide.js';
import { showGuide } from './show-guide.js';

/** When a guide left running is ended by the scheduler: 30 minutes after its session's scheduled end. */
export function autoEndAt(deps: CoreDeps, g: Guide): Date {
  const session = deps.store.sessions.get(g.sessionId);
  // A session is never deleted under a guide (the guide goes with it); its start is the fallback all the same.
  const end = session ? sessionEndsAt(session) : g.startedAt;
  return new Date(end.getTime() + GUIDE_AUTO_END_AFTER_MS);
}

export const autoEndKey = (g: Guide): string => `guide-end:${g.id}`;

/**
 * The minute tick for running guides: each live message is edited when what it shows has changed (the
 * minutes left, "time is up"), so a paused guide costs no edit; a guide still running 30 minutes after
 * its session's end is ended. The guide's row records what was shown, so a second tick in the same minute
 * (another instance, a catch-up) edits nothing; the automatic end is recorded as an occurrence.
 * Returns how many guides were edited or ended.
 */
export function runGuides(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let done = 0;
  for (const listed of store.guides.listRunning()) {
    const ending = now >= autoEndAt(deps, listed);
    if (!ending && displayKey(listed, now) === listed.shown) continue;
    store.transaction(() => {
      const g = store.guides.get(listed.id);
      if (g?.status !== 'running') return;
      if (ending) {
        if (!store.occurrences.tryRecord(autoEndKey(g), now, 'done')) return;
        endGuide(deps, g, now, 'auto');
      } else if (displayKey(g, now) !== g.shown) showGuide(deps, g, now);
      else return;
      done++;
    });
  }
  return done;
}

/** When running guides end by themselves (the playground's time control stops there). */
export function guideDueTimes(deps: CoreDeps, now: Date): Date[] {
  return deps.store.guides
    .listRunning()
    .map((g) => autoEndAt(deps, g))
    .filter((at) => at > now);
}
