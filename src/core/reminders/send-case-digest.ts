import { caseBlocks, caseSummaryLine } from '../cases/case-blocks.js';
import type { Language } from '../contract/language.js';
import { type Block, context, divider, heading, type Message, message, text } from '../contract/message.js';
import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import { digestDueAt } from '../domain/times.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import { formatDateTime, isoDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { type DigestReport, reportSection, reportsForDigest } from '../plans/digest-reports.js';
import { orderQueue } from '../rotation/case-order.js';
import { closeBallotOfSession } from '../votes/close-ballot.js';
import { voteOutcome, voteResultBlocks } from '../votes/vote-outcome.js';

/** Cases shown in full in a digest; beyond that, one line each (a platform message has a size limit). */
const FULL_CASES = 5;

/** Keyed by the session's local day too: a session moved to another day gets its digest again. */
export const digestKey = (session: Session, zone: string): string =>
  `digest:${session.id}:${isoDate(session.startsAt, zone)}`;

/**
 * The day before a session at 09:00: each facilitator gets the reports of previous clients
 * (plans/digest-reports.ts), then the cases submitted for the session in the suggested order, with the
 * group's vote (closed just before, if one was open) and how long since each author last presented.
 */
export function sendDueDigests(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let sent = 0;
  const after = new Date(now.getTime() + 1); // a session starting at `now` has started
  for (const session of store.sessions.listStartingBetween(after, new Date(now.getTime() + 2 * 86_400_000))) {
    const group = store.groups.get(session.groupId);
    if (!group) continue;
    const key = digestKey(session, group.timeZone);
    if (digestDueAt(session.startsAt, group.timeZone) > now || store.occurrences.has(key)) continue;
    closeBallotOfSession(deps, session.id);
    store.transaction(() => {
      if (!store.occurrences.tryRecord(key, now, 'done')) return;
      // It opens with the reports of previous clients: what each chose to share, carried once.
      const reports = reportsForDigest(deps, group.id, session.id);
      sent += tellFacilitators(
        deps,
        group.id,
        (t, facilitator, lang) => ({
          id: `${key}:${facilitator.id}`,
          message: digestMessage(deps, group, session, reports, t, lang),
        }),
        // A digest for a session that has started is of no use.
        { expiresAt: session.startsAt },
      );
      store.plans.markDigested(
        reports.map((r) => r.plan.id),
        session.id,
      );
    });
  }
  return sent;
}

/**
 * A case changed after the digests were queued (withdrawn): the digests of its session that have not left
 * yet are written again, so they carry the cases as they are now (and the reports they carried).
 */
export function refreshPendingDigests(deps: CoreDeps, group: Group, session: Session): void {
  const key = digestKey(session, group.timeZone);
  const reports = reportsForDigest(deps, group.id, session.id);
  for (const { person, role } of deps.store.memberships.listByGroup(group.id)) {
    if (role !== 'facilitator') continue;
    const lang = languageFor(deps, person);
    deps.store.outbox.replacePending(
      `${key}:${person.id}`,
      digestMessage(deps, group, session, reports, translator(lang), lang),
    );
  }
}

function digestMessage(
  deps: CoreDeps,
  group: Group,
  session: Session,
  reports: DigestReport[],
  t: Translate,
  lang: Language,
): Message {
  const { store } = deps;
  const proposed = store.cases.listBySession(session.id).filter((c) => c.status !== 'withdrawn');
  const queue = orderQueue(deps, group, proposed, session.id);
  const cases = queue.cases;
  const outcome = voteOutcome(deps, session.id);
  const when = formatDateTime(session.startsAt, lang, group.timeZone);
  const blocks: Block[] = [
    ...reportSection(t, reports),
    heading(t('digest.title', { group: group.name })),
    text(t('digest.when', { when, count: cases.length })),
    ...voteResultBlocks(deps, t, outcome, (d) => formatDateTime(d, lang, group.timeZone)),
  ];
  if (cases.length === 0) blocks.push(text(t('digest.none')));
  if (cases.length > 1) blocks.push(context(t('rotation.suggestedOrder')));
  cases.forEach((c, i) => {
    const author = store.people.get(c.authorId)?.displayName ?? t('cases.formerMember');
    blocks.push(divider());
    if (i < FULL_CASES) blocks.push(...caseBlocks(t, c, author));
    else blocks.push(text(caseSummaryLine(t, c, author)));
    blocks.push(context(queue.factsLine(t, c)));
  });
  blocks.push(context(t('digest.footer')));
  return message(t('digest.fallback', { group: group.name, count: cases.length }), ...blocks);
}
