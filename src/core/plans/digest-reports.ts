import { type Block, context, divider, fields, heading, text } from '../contract/message.js';
import type { ActionPlan } from '../domain/plan.js';
import type { Translate } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';

/** A report the next digest carries, with what its reader needs (author's name, the case's title). */
export type DigestReport = { plan: ActionPlan; author: string | null; title: string };

/**
 * The reports of a group's previous clients that the next digest carries: those their authors shared (with
 * the facilitators or the group) or asked to be announced, not carried by an earlier digest. Nothing for a
 * withdrawn case. The digest of `sessionId` rewritten (a case withdrawn) carries again what it carried.
 */
export function reportsForDigest(deps: CoreDeps, groupId: string, sessionId: string): DigestReport[] {
  const { store } = deps;
  const reports: DigestReport[] = [];
  for (const plan of store.plans.listReportsToDigest(groupId, sessionId)) {
    const c = store.cases.get(plan.caseId);
    if (!c || c.status === 'withdrawn') continue;
    reports.push({ plan, author: store.people.get(plan.authorId)?.displayName ?? null, title: c.title });
  }
  return reports;
}

/**
 * "Reports from previous clients", which opens the facilitators' digest: each shared report in full, and
 * for an announced one only that its author has a report to give. Nothing when there is none.
 */
export function reportSection(t: Translate, reports: DigestReport[]): Block[] {
  if (reports.length === 0) return [];
  const blocks: Block[] = [heading(t('digest.reportsTitle'))];
  for (const { plan, author, title } of reports) {
    const report = plan.report!;
    const name = author ?? t('cases.formerMember');
    if (report.share === 'announce') {
      blocks.push(text(t('digest.reportAnnounced', { name })));
      continue;
    }
    blocks.push(
      text(t('digest.reportBy', { name, title })),
      fields(
        { label: t('report.outcome'), value: t(`report.outcome.${report.outcome}`) },
        { label: t('report.share'), value: t(`report.share.${report.share}`) },
      ),
    );
    if (plan.visibility !== 'me') blocks.push(text(`${t('plan.what')}\n${plan.what}`));
    blocks.push(text(`${t('report.happened')}\n${report.happened}`));
    if (report.learned) blocks.push(text(`${t('report.learned')}\n${report.learned}`));
  }
  blocks.push(context(t('digest.reportsFooter')), divider());
  return blocks;
}
