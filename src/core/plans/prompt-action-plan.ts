import { ACTION } from '../contract/ids.js';
import type { Language } from '../contract/language.js';
import { actions, context, heading, type Message, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Case } from '../domain/case.js';
import { translator } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { planPromptKey } from './rules.js';

/**
 * Enqueues at once the private "Write my action plan" message to the author of a case. Idempotent with the
 * scheduled prompt (the same occurrence key): the author never gets it twice. Nothing for a withdrawn case,
 * a case that already has a plan, or one retention removed. Safe inside or outside a transaction (it opens
 * its own; nested, it is a savepoint). Returns whether it was enqueued.
 */
export function promptActionPlan(deps: CoreDeps, caseId: string, now: Date): boolean {
  const { store } = deps;
  return store.transaction(() => {
    const c = store.cases.get(caseId);
    if (!c || c.status === 'withdrawn') return false;
    const author = store.people.get(c.authorId);
    const group = store.groups.get(c.groupId);
    if (!author || !group || !store.memberships.get(group.id, author.id)) return false;
    const key = planPromptKey(c.id);
    if (store.plans.getByCase(c.id)) {
      store.occurrences.tryRecord(key, now, 'skipped');
      return false;
    }
    if (!store.occurrences.tryRecord(key, now, 'done')) return false;
    const lang = languageFor(deps, author);
    const enqueued = enqueueDirect(deps, key, author, planPromptMessage(c, group.name, lang), {
      groupId: group.id,
      audience: 'member',
    });
    deps.logger.info({ caseId: c.id }, 'action plan prompt enqueued');
    return enqueued;
  });
}

function planPromptMessage(c: Case, groupName: string, lang: Language): Message {
  const t = translator(lang);
  return message(
    t('plan.promptFallback', { title: c.title }),
    heading(t('plan.promptTitle')),
    text(t('plan.promptBody', { title: c.title, group: groupName })),
    actions({ action: ACTION.planWrite, label: t('plan.write'), value: c.id, style: 'primary' }),
    context(t('plan.promptPrivate')),
  );
}
