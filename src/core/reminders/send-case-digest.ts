import type { CoreDeps } from '../kernel/deps.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime, isoDate } from '../i18n/format.js';
import { type Block, context, divider, heading, message, text } from '../contract/message.js';
import { languageFor } from '../kernel/request.js';
import { digestDueAt } from '../domain/times.js';
import { caseBlocks, caseSummaryLine } from '../cases/case-blocks.js';

/** Cases shown in full in a digest; beyond that, one line each (a platform message has a size limit). */
const FULL_CASES = 5;

/** The day before a session at 09:00: each facilitator gets the cases submitted for it. */
export function sendDueDigests(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let sent = 0;
  const after = new Date(now.getTime() + 1); // a session starting at `now` has started
  for (const session of store.sessions.listStartingBetween(after, new Date(now.getTime() + 2 * 86_400_000))) {
    const group = store.groups.get(session.groupId);
    if (!group) continue;
    // Keyed by the session's local day too: a session moved to another day gets its digest again.
    const key = `digest:${session.id}:${isoDate(session.startsAt, group.timeZone)}`;
    if (digestDueAt(session.startsAt, group.timeZone) > now || store.occurrences.has(key)) continue;
    store.transaction(() => {
      if (!store.occurrences.tryRecord(key, now, 'done')) return;
      const cases = store.cases.listBySession(session.id).filter((c) => c.status !== 'withdrawn');
      for (const { person, role } of store.memberships.listByGroup(group.id)) {
        if (role !== 'facilitator') continue;
        const lang = languageFor(deps, person);
        const t = translator(lang);
        const when = formatDateTime(session.startsAt, lang, group.timeZone);
        const blocks: Block[] = [
          heading(t('digest.title', { group: group.name })),
          text(t('digest.when', { when, count: cases.length })),
        ];
        if (cases.length === 0) blocks.push(text(t('digest.none')));
        cases.forEach((c, i) => {
          const author = store.people.get(c.authorId)?.displayName ?? t('cases.formerMember');
          blocks.push(divider());
          if (i < FULL_CASES) blocks.push(...caseBlocks(t, c, author));
          else blocks.push(text(caseSummaryLine(t, c, author)));
        });
        blocks.push(context(t('digest.footer')));
        if (
          enqueueDirect(
            deps,
            `${key}:${person.id}`,
            person,
            message(t('digest.fallback', { group: group.name, count: cases.length }), ...blocks),
          )
        )
          sent++;
      }
    });
  }
  return sent;
}
