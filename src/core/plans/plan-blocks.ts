import { DateTime } from 'luxon';
import type { Language } from '../contract/language.js';
import { type Block, fields, heading, text } from '../contract/message.js';
import type { ActionPlan } from '../domain/plan.js';
import type { Translate } from '../i18n/catalogue.js';
import { formatDate } from '../i18n/format.js';

/** The local follow-up date, written out ("mardi 17 mars 2026"). */
export const followUpDate = (plan: ActionPlan, lang: Language, zone: string): string =>
  formatDate(DateTime.fromISO(plan.followUpOn, { zone }).toJSDate(), lang, zone);

/** A plan in full, for those allowed to read it (canReadPlan). */
export function planBlocks(t: Translate, plan: ActionPlan, lang: Language, zone: string): Block[] {
  const blocks: Block[] = [
    heading(t('plan.heading')),
    text(`${t('plan.what')}\n${plan.what}`),
    fields(
      { label: t('plan.byWhen'), value: followUpDate(plan, lang, zone) },
      { label: t('plan.visibility'), value: t(`plan.visibility.${plan.visibility}`) },
    ),
  ];
  if (plan.withWhom) blocks.push(text(`${t('plan.withWhom')}\n${plan.withWhom}`));
  if (plan.support) blocks.push(text(`${t('plan.support')}\n${plan.support}`));
  return blocks;
}
