import { ACTION } from '../contract/ids.js';
import { actions, context, heading, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import { formatDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { followUpDueAt, followUpKey } from './rules.js';

/**
 * On a plan's date at 09:00 (group time), its author gets "How did it go?". Nothing while the follow-up is
 * paused or dismissed, once they have reported, for a withdrawn case, or once retention removed the case
 * (its plan went with it). One occurrence per plan and date, recorded with its outbox row.
 */
export function sendDueFollowUps(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let sent = 0;
  for (const plan of store.plans.listAwaitingFollowUp()) {
    if (plan.followUp !== 'active') continue;
    const group = store.groups.get(plan.groupId);
    if (!group || followUpDueAt(plan, group.timeZone) > now) continue;
    const key = followUpKey(plan);
    if (store.occurrences.has(key)) continue;
    store.transaction(() => {
      const c = store.cases.get(plan.caseId);
      const author = store.people.get(plan.authorId);
      if (!c || c.status === 'withdrawn' || !author) {
        store.occurrences.tryRecord(key, now, 'skipped');
        return;
      }
      if (!store.occurrences.tryRecord(key, now, 'done')) return;
      const lang = languageFor(deps, author);
      const t = translator(lang);
      const session = c.sessionId ? store.sessions.get(c.sessionId) : undefined;
      const date = formatDate(session?.startsAt ?? c.updatedAt, lang, group.timeZone);
      const msg = message(
        t('followUp.fallback', { title: c.title }),
        heading(t('followUp.title')),
        text(t('followUp.body', { title: c.title, date })),
        text(t('followUp.yourPlan', { what: plan.what })),
        actions(
          { action: ACTION.planReport, label: t('followUp.report'), value: plan.id, style: 'primary' },
          { action: ACTION.planPause, label: t('followUp.later'), value: plan.id },
          { action: ACTION.planDismiss, label: t('followUp.dismiss'), value: plan.id, style: 'danger' },
        ),
        context(t('followUp.private')),
      );
      if (enqueueDirect(deps, key, author, msg, { groupId: group.id, audience: 'member' })) sent++;
    });
  }
  if (sent > 0) deps.logger.info({ followUps: sent }, 'action plan follow-ups enqueued');
  return sent;
}
