import type { CoreDeps } from '../kernel/deps.js';
import { promptActionPlan } from './prompt-action-plan.js';
import { planPromptDueAt, planPromptKey } from './rules.js';

const LOOKBACK_DAYS = 14;

/**
 * Cases marked presented during their session: at the end of the session's day their author gets
 * "Write my action plan" (one occurrence per case; a case marked after its session got it at once).
 */
export function sendDuePlanPrompts(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let sent = 0;
  const recent = store.sessions.listStartingBetween(
    new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000),
    now,
  );
  for (const session of recent) {
    const group = store.groups.get(session.groupId);
    if (!group || planPromptDueAt(session, group.timeZone) > now) continue;
    for (const c of store.cases.listBySession(session.id)) {
      if (c.status !== 'presented' || store.occurrences.has(planPromptKey(c.id))) continue;
      if (promptActionPlan(deps, c.id, now)) sent++;
    }
  }
  return sent;
}
