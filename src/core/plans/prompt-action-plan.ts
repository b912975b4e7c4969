// STAND-IN until issue 18 lands; replaced at merge by the real action-plan prompt (its form, its follow-up).
// The session guide calls it when a guide reaches "action plan". Only the signature is the contract.
import { context, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';

/**
 * The client of a case gets, privately, the prompt to write their action plan. Idempotent: one per case
 * (a second call enqueues nothing). True when a message was enqueued. Runs in the caller's transaction.
 */
export function promptActionPlan(deps: CoreDeps, caseId: string, _now: Date): boolean {
  const c = deps.store.cases.get(caseId);
  if (!c) return false;
  const author = deps.store.people.get(c.authorId);
  if (!author) return false;
  const t = translator(languageFor(deps, author));
  return enqueueDirect(
    deps,
    `action-plan:${c.id}`,
    author,
    message(
      t('guide.standin.actionPlan.fallback'),
      text(t('guide.standin.actionPlan.text', { title: c.title })),
      context(t('guide.live.footer')),
    ),
  );
}
