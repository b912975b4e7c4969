import { type Block, context, message, text } from '../contract/message.js';
import { CHECKIN_QUESTIONS, median, type Tally } from '../domain/checkin.js';
import type { Translate } from '../i18n/catalogue.js';

export type ReleasedResult = { respondents: number; k: number; tally: Tally; previous?: Tally };

/**
 * A released aggregate: respondents, then per question the distribution as bars with the median and the
 * change since the previous releasable round. Only ever called with respondents >= k.
 */
export function resultBlocks(t: Translate, result: ReleasedResult): Block[] {
  const blocks: Block[] = [text(t('checkin.resultRespondents', { count: result.respondents, k: result.k }))];
  for (const q of CHECKIN_QUESTIONS) {
    const counts = result.tally[q];
    const max = Math.max(1, ...counts);
    const m = median(counts);
    const before = result.previous ? median(result.previous[q]) : null;
    const change =
      m !== null && before !== null
        ? m === before
          ? t('checkin.changeSame')
          : t('checkin.changeBy', { delta: `${m > before ? '+' : '−'}${Math.abs(m - before)}` })
        : t('checkin.changeNone');
    blocks.push({
      type: 'bars',
      title: t(`checkin.q.${q}`),
      rows: counts.map((count, i) => ({
        label: t(`checkin.q.${q}.${(i + 1) as 1 | 2 | 3 | 4 | 5}`),
        count,
        max,
      })),
      summary: t('checkin.medianLine', { median: m ?? 0, change }),
    });
  }
  blocks.push(context(t('checkin.scaleNote')));
  return blocks;
}

/** What a facilitator gets when fewer than k answered: no numbers at all. */
export const belowThresholdMessage = (t: Translate, group: string, k: number) =>
  message(t('checkin.belowThresholdFallback', { group }), text(t('checkin.belowThreshold', { group, k })));
