// STAND-IN until issue 18 lands; replaced at merge by the real "what do I take away" prompt.
// The session guide calls it when a guide reaches "what we learned". Only the signature is the contract.
import { message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';

/**
 * Every member of the session's group gets, privately, the "what do I take away" prompt. Idempotent: one
 * per session and person. Returns how many messages were enqueued. Runs in the caller's transaction.
 */
export function promptTakeaway(deps: CoreDeps, sessionId: string, _now: Date): number {
  const session = deps.store.sessions.get(sessionId);
  if (!session) return 0;
  let enqueued = 0;
  for (const { person, role } of deps.store.memberships.listByGroup(session.groupId)) {
    if (role !== 'member') continue;
    const t = translator(languageFor(deps, person));
    const sent = enqueueDirect(
      deps,
      `takeaway:${session.id}:${person.id}`,
      person,
      message(t('guide.standin.takeaway.fallback'), text(t('guide.standin.takeaway.text'))),
    );
    if (sent) enqueued++;
  }
  return enqueued;
}
