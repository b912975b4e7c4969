import { type Block, fields, heading, text } from '../contract/message.js';
import type { Case } from '../domain/case.js';
import type { Translate } from '../i18n/catalogue.js';

/** A case in full, as its author wrote it. */
export function caseBlocks(t: Translate, c: Case, authorName?: string): Block[] {
  const blocks: Block[] = [heading(c.title), fields(...caseFacts(t, c, authorName))];
  const section = (label: string, value: string) => blocks.push(text(`${label}\n${value}`));
  section(t('case.situation'), c.situation);
  section(t('case.stakes'), c.stakes);
  section(t('case.tried'), c.tried);
  section(t('case.expectations'), c.expectations);
  return blocks;
}

/** Title-level facts: kind, urgency, who may read it, status (and author when known). */
export function caseFacts(t: Translate, c: Case, authorName?: string) {
  const facts = [
    { label: t('case.kind'), value: t(`case.kind.${c.kind}`) },
    { label: t('case.urgency'), value: t(`case.urgency.${c.urgency}`) },
    { label: t('case.visibility'), value: t(`case.visibility.${c.visibility}`) },
    { label: t('case.statusLabel'), value: t(`case.status.${c.status}`) },
  ];
  if (authorName) facts.unshift({ label: t('case.author'), value: authorName });
  return facts;
}

export const caseSummaryLine = (t: Translate, c: Case, authorName?: string): string =>
  t('case.summaryLine', {
    title: c.title,
    kind: t(`case.kind.${c.kind}`),
    urgency: t(`case.urgency.${c.urgency}`),
    author: authorName ?? '',
  });
