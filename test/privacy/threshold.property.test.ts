import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { renderMessage } from '../../adapters/slack/render-message.js';
import { renderCard } from '../../adapters/teams/render-message.js';
import { belowThresholdMessage, resultBlocks } from '../../src/core/checkins/result-blocks.js';
import type { Language } from '../../src/core/contract/language.js';
import { heading, type Message, message } from '../../src/core/contract/message.js';
import {
  aggregateReleasable,
  CHECKIN_QUESTIONS,
  emptyTally,
  isReleasable,
  type RoundOutcome,
  type Tally,
} from '../../src/core/domain/checkin.js';
import { translator } from '../../src/core/i18n/catalogue.js';
import { pct } from './support/attack-book.js';
import { barsOf, checkNested, digitsIn, type Released, shownStrings } from './support/threshold.js';

/**
 * Attack 2 — the threshold, on the pure functions (10,000 runs).
 *
 * Cairn's release rule and every function that turns counters into output: `isReleasable`, the store's
 * outcome of a close (the core keeps no count and no counter of a round below k), `aggregateReleasable`
 * (the cross-group aggregate), `resultBlocks` / `belowThresholdMessage` (what facilitators and, when
 * shared, the group read), and the Slack and Teams renderers that put them on screen. For any groups, k
 * (changed between rounds), membership sizes (changed between rounds) and answers, in any order of closes
 * and any choice of groups by the facilitator:
 * - nothing shows a count or a distribution computed from fewer than k respondents: a round below k gives
 *   a notice whose only number is k, in the core's text and in the Slack and Teams renderings;
 * - every aggregate is a sum of whole rounds each releasable on its own;
 * - no two released aggregates whose rounds are nested differ by 1 to k−1 respondents (differencing:
 *   "all groups" minus "all groups but one" is never a group below k). Aggregates over unrelated sets may
 *   differ by anything: their difference is a difference of releasable sums, never a small group's answers.
 * The full core (database, commands, App Home, playground, logs) is attacked the same way at a lower count
 * in threshold-core.property.test.ts, for time: each of its runs drives dozens of real commands.
 */

const RUNS = 10_000;
const score = fc.integer({ min: 1, max: 5 });
const answer = fc.tuple(score, score, score, score);

type RoundPlan = { k: number; size: number; answers: [number, number, number, number][] };

/** A round: its k (the group's setting at opening), the members then, and who of them answered what. */
const roundPlan: fc.Arbitrary<RoundPlan> = fc
  .record({ k: fc.integer({ min: 3, max: 10 }), size: fc.integer({ min: 1, max: 15 }) })
  .chain(({ k, size }) =>
    // Any number of respondents, often enough at least k (so that releases and aggregates are attacked).
    fc
      .oneof(fc.integer({ min: 0, max: size }), fc.integer({ min: Math.min(k, size), max: size }))
      .chain((n) => fc.array(answer, { minLength: n, maxLength: n }))
      .map((answers) => ({ k, size, answers })),
  );

const scenario = fc.record({
  language: fc.constantFrom<Language>('fr', 'en'),
  groups: fc.array(fc.array(roundPlan, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  /** Priorities that interleave the groups' closes. */
  order: fc.array(fc.nat({ max: 1000 }), { minLength: 16, maxLength: 16 }),
  /** After each close, which groups the facilitator facilitates (membership changes) and asks about. */
  facilitated: fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), {
    minLength: 16,
    maxLength: 16,
  }),
});

const tallyOf = (answers: RoundPlan['answers']): Tally => {
  const t = emptyTally();
  for (const a of answers) for (const [i, q] of CHECKIN_QUESTIONS.entries()) t[q][a[i]! - 1]!++;
  return t;
};

/** What Cairn keeps of a closed round (close-checkin-round.ts): below k, no count and no counters. */
function closeOutcome(plan: RoundPlan): RoundOutcome {
  const respondents = plan.answers.length;
  const released = isReleasable(respondents, plan.k);
  return released
    ? { released, respondents, k: plan.k, tally: tallyOf(plan.answers) }
    : { released, respondents: null, k: plan.k, tally: emptyTally() };
}

/** Every rendering of a message: the core's text, Slack's blocks, Teams' card. */
const renderings = (m: Message): string[] => [
  messageText(m),
  shownStrings(renderMessage(m)).join('\n'),
  shownStrings(renderCard(m)).join('\n'),
];

describe('attack 2: the threshold k, on the release, aggregation and rendering functions', () => {
  it(`no output reveals fewer than k respondents, and nested aggregates never differ by 1 to k−1 (${RUNS.toLocaleString('en')} runs)`, () => {
    const stats = { rounds: 0, below: 0, released: 0, aggregates: 0, nestedPairs: 0, renderings: 0 };
    fc.assert(
      fc.property(scenario, ({ language, groups, order, facilitated }) => {
        const t = translator(language);
        const closes = groups
          .flatMap((rounds, g) => rounds.map((plan, r) => ({ g, r, plan })))
          .map((c, i) => ({ ...c, at: order[i % order.length]! * 100 + i }))
          .sort((a, b) => a.at - b.at);
        const latest: (RoundOutcome & { id: string })[] = [];
        const released: Released[] = [];
        const previous: (Tally | undefined)[] = [];

        for (const [step, { g, r, plan }] of closes.entries()) {
          stats.rounds++;
          const id = `${g}.${r}`;
          const outcome = closeOutcome(plan);
          const respondents = plan.answers.length;
          const group = `Groupe ${'abcd'[g]}`;
          if (!outcome.released) {
            stats.below++;
            // Nothing computed from the few answers is kept.
            expect(outcome.respondents).toBeNull();
            expect(outcome.tally).toEqual(emptyTally());
            // The notice's only number is k, however it is rendered.
            for (const shown of renderings(belowThresholdMessage(t, group, plan.k))) {
              stats.renderings++;
              expect(digitsIn(shown)).toEqual([String(plan.k)]);
            }
          } else {
            stats.released++;
            expect(respondents).toBeGreaterThanOrEqual(plan.k);
            const msg = message(
              'result',
              heading(group),
              ...resultBlocks(t, { respondents, k: plan.k, tally: outcome.tally, previous: previous[g] }),
            );
            // Each question's bars add up to the respondents, who are at least k.
            expect(barsOf(msg)).toEqual(CHECKIN_QUESTIONS.map(() => respondents));
            for (const shown of renderings(msg)) {
              stats.renderings++;
              expect(shown).toContain(String(respondents));
            }
            released.push({ rounds: new Set([id]), respondents, minK: plan.k });
            previous[g] = outcome.tally;
          }
          latest[g] = { ...outcome, id };

          // The facilitator asks for the aggregate across the groups they facilitate now.
          const mine = groups.map((_, i) => i).filter((i) => facilitated[step % facilitated.length]![i]);
          const agg = aggregateReleasable(mine.map((i) => latest[i]));
          const included = mine.filter((i) => latest[i]?.released);
          expect(agg.included).toBe(included.length);
          if (agg.included > 0) {
            stats.aggregates++;
            const rounds = included.map((i) => latest[i]!);
            // Whole rounds, each releasable on its own, and nothing else.
            for (const o of rounds) expect(isReleasable(o.respondents!, o.k)).toBe(true);
            expect(agg.respondents).toBe(rounds.reduce((a, o) => a + o.respondents!, 0));
            expect(agg.respondents).toBeGreaterThanOrEqual(agg.minK);
            const msg = message(
              'aggregate',
              ...resultBlocks(t, { respondents: agg.respondents, k: agg.minK, tally: agg.tally }),
            );
            expect(barsOf(msg)).toEqual(CHECKIN_QUESTIONS.map(() => agg.respondents));
            released.push({
              rounds: new Set(rounds.map((o) => o.id)),
              respondents: agg.respondents,
              minK: agg.minK,
            });
          } else {
            expect(agg.respondents).toBe(0);
          }
        }
        stats.nestedPairs += checkNested(
          released,
          Object.fromEntries(closes.map((c) => [`${c.g}.${c.r}`, c.plan.k])),
        );
      }),
      { numRuns: RUNS },
    );
    console.log(
      `Attack 2 (pure functions, ${RUNS.toLocaleString('en')} runs): ${stats.rounds} rounds closed, ${stats.below} below k (${pct(stats.below / stats.rounds)}), ${stats.released} released, ${stats.aggregates} cross-group aggregates, ${stats.nestedPairs} nested pairs of released aggregates compared, ${stats.renderings} renderings (core text, Slack, Teams) searched; 0 counts below k shown, 0 nested pairs differing by 1 to k−1`,
    );
    expect(stats.below).toBeGreaterThan(RUNS);
    expect(stats.released).toBeGreaterThan(RUNS);
    expect(stats.nestedPairs).toBeGreaterThan(RUNS / 2);
  }, 170_000);
});
