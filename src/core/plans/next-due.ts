import type { CoreDeps } from '../kernel/deps.js';
import { followUpDueAt, followUpKey, planPromptDueAt, planPromptKey } from './rules.js';

const LOOKBACK_DAYS = 14;

/** When "Write my action plan" prompts and follow-ups not yet sent are due. */
export function planDueTimes(deps: CoreDeps, now: Date): Date[] {
  const { store } = deps;
  const due: Date[] = [];
  const pending = (at: Date, key: string) => {
    if (at > now && !store.occurrences.has(key)) due.push(at);
  };
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  for (const session of store.sessions.listStartingBetween(since, new Date(now.getTime() + 86_400_000))) {
    const group = store.groups.get(session.groupId);
    if (!group) continue;
    for (const c of store.cases.listBySession(session.id))
      if (c.status === 'presented') pending(planPromptDueAt(session, group.timeZone), planPromptKey(c.id));
  }
  for (const plan of store.plans.listAwaitingFollowUp()) {
    const group = store.groups.get(plan.groupId);
    if (group && plan.followUp === 'active') pending(followUpDueAt(plan, group.timeZone), followUpKey(plan));
  }
  return due;
}
