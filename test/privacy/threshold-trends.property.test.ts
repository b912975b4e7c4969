import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClosedRound, GroupRounds } from '../../src/core/checkins/trends/select-rounds.js';
import { spreadOf } from '../../src/core/checkins/trends/spread.js';
import {
  crossGroupTrendChart,
  groupTrendChart,
  type TrendChart,
} from '../../src/core/checkins/trends/trend-chart.js';
import type { Language } from '../../src/core/contract/language.js';
import { aggregateReleasable, isReleasable } from '../../src/core/domain/checkin.js';
import { type Answer, closedRound, tallyOf } from '../support/rounds.js';
import { pct } from './support/attack-book.js';
import { checkNested, type Released } from './support/threshold.js';

/**
 * Attack 2 on the check-in trend pictures (issue 21), on the pure functions.
 *
 * For any groups, k per round (changed between rounds), any number of answers, rounds closing at any
 * pace (several in a month, none for months) in different time zones, and a facilitator asking for the
 * pictures after every close for any set of groups (membership changes):
 * - no column is computed from a round below k: every column's rounds were each releasable on their own,
 *   and its respondents, medians and middle halves are those of exactly those rounds' answers;
 * - a round below k has no influence at all: the pictures are the same whether the store kept its
 *   counters or not, and whatever they were;
 * - differencing: over every figure released (each round's own result at close, `/cairn checkin all` and
 *   every column of every group and cross-group trend, asked at any time), no two whose rounds are nested
 *   differ by 1 to k−1 respondents, so no subtraction of two released figures isolates fewer than k people.
 */

const RUNS = 1_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 17);
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo'] as const;

const score = fc.integer({ min: 1, max: 5 });
const answer = fc.tuple(score, score, score, score);

type RoundPlan = { k: number; gapDays: number; answers: Answer[] };

/** A round: its k, the days since the group's previous round (0: the same day), who answered what. */
const roundPlan: fc.Arbitrary<RoundPlan> = fc
  .record({
    k: fc.integer({ min: 3, max: 8 }),
    size: fc.integer({ min: 1, max: 12 }),
    gapDays: fc.nat({ max: 70 }),
  })
  .chain(({ k, size, gapDays }) =>
    fc
      .oneof(fc.integer({ min: 0, max: size }), fc.integer({ min: Math.min(k, size), max: size }))
      .chain((n) => fc.array(answer, { minLength: n, maxLength: n }))
      .map((answers) => ({ k, gapDays, answers })),
  );

const scenario = fc.record({
  language: fc.constantFrom<Language>('fr', 'en'),
  groups: fc.array(
    fc.record({
      zone: fc.constantFrom(...ZONES),
      rounds: fc.array(roundPlan, { minLength: 1, maxLength: 16 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  /** After each close, which groups the facilitator facilitates and asks about. */
  facilitated: fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), {
    minLength: 8,
    maxLength: 8,
  }),
});

type Close = { id: string; group: number; at: Date; plan: RoundPlan };

describe('attack 2: the threshold k, on the check-in trend pictures', () => {
  it(`no column comes from a round below k, and nested pictures never differ by 1 to k−1 (${RUNS.toLocaleString('en')} runs)`, () => {
    const stats = { rounds: 0, below: 0, charts: 0, columns: 0, multiGroup: 0, nestedPairs: 0 };
    fc.assert(
      fc.property(scenario, ({ language, groups, facilitated }) => {
        const closes: Close[] = groups.flatMap(({ rounds }, g) => {
          let at = START + g * 3_600_000;
          return rounds.map((plan, r) => {
            at += plan.gapDays * DAY;
            return { id: `${g}.${r}`, group: g, at: new Date(at), plan };
          });
        });
        closes.sort((a, b) => a.at.getTime() - b.at.getTime());
        const byId = new Map(closes.map((c) => [c.id, c]));
        const kOf = Object.fromEntries(closes.map((c) => [c.id, c.plan.k]));
        const releasable = (id: string) => {
          const c = byId.get(id)!;
          return isReleasable(c.plan.answers.length, c.plan.k);
        };
        const stored: ClosedRound[][] = groups.map(() => []);
        const leaky: ClosedRound[][] = groups.map(() => []);
        const released: Released[] = [];

        /**
         * Every column must be whole releasable rounds, with exactly their answers' figures. node:assert
         * here: at this count, vitest's expect would cost more than the charts themselves.
         */
        const checkChart = (chart: TrendChart | undefined) => {
          if (!chart) return;
          stats.charts++;
          for (const panel of chart.panels) {
            ok(panel.columns.length <= 12, 'at most 12 columns');
            for (const column of panel.columns) {
              for (const id of column.roundIds) ok(releasable(id), `round ${id} below k in a column`);
              const answers = column.roundIds.flatMap((id) => byId.get(id)!.plan.answers);
              strictEqual(column.respondents, answers.length);
              const spread = spreadOf(tallyOf(answers)[panel.question]);
              deepStrictEqual(
                [column.low, column.median, column.high],
                [spread?.low, spread?.median, spread?.high],
              );
            }
          }
          for (const column of chart.panels[0]?.columns ?? []) {
            stats.columns++;
            if (column.roundIds.length > 1) stats.multiGroup++;
            const minK = Math.min(...column.roundIds.map((id) => kOf[id]!));
            ok(column.respondents >= minK, 'a column of fewer than k');
            released.push({ rounds: new Set(column.roundIds), respondents: column.respondents, minK });
          }
        };

        for (const [step, close] of closes.entries()) {
          stats.rounds++;
          const { id, group, at, plan } = close;
          const round = closedRound(id, at.toISOString(), plan.k, plan.answers);
          stored[group]!.push(round);
          // The same round had the store kept everything: count and counters even below k.
          leaky[group]!.push({ ...round, respondents: plan.answers.length, tally: tallyOf(plan.answers) });
          if (round.released) {
            released.push({ rounds: new Set([id]), respondents: plan.answers.length, minK: plan.k });
          } else stats.below++;

          // The group's picture, as the round-close message would carry it (it changes only when one of
          // the group's rounds closes).
          const view = { language, timeZone: groups[group]!.zone, groupName: `Groupe ${'abcd'[group]}` };
          const chart = groupTrendChart(stored[group]!, view);
          deepStrictEqual(groupTrendChart(leaky[group]!, view), chart);
          checkChart(chart);

          // The picture across the groups the facilitator facilitates now.
          const mine = groups.map((_, g) => g).filter((g) => facilitated[step % facilitated.length]![g]);
          const of = (rounds: ClosedRound[][]): GroupRounds[] =>
            mine.map((g) => ({ groupId: `g${g}`, timeZone: groups[g]!.zone, rounds: rounds[g]! }));
          const across = crossGroupTrendChart(of(stored), { language });
          deepStrictEqual(crossGroupTrendChart(of(leaky), { language }), across);
          checkChart(across);

          // And `/cairn checkin all` (each group's latest round), which the same facilitator also gets.
          const latest = mine.map((g) => stored[g]!.at(-1));
          const all = aggregateReleasable(latest);
          if (all.included > 0) {
            const ids = latest.flatMap((r) => (r?.released ? [r.id] : []));
            released.push({ rounds: new Set(ids), respondents: all.respondents, minK: all.minK });
          }
        }
        stats.nestedPairs += checkNested(released, kOf);
      }),
      { numRuns: RUNS },
    );
    console.log(
      `Attack 2 (trend pictures, ${RUNS.toLocaleString('en')} runs): ${stats.rounds} rounds closed, ${stats.below} below k (${pct(stats.below / stats.rounds)}), ${stats.charts} charts asked, ${stats.columns} columns drawn (${stats.multiGroup} summing several groups), ${stats.nestedPairs} nested pairs of released figures compared; 0 columns from a round below k, 0 nested pairs differing by 1 to k−1`,
    );
    expect(stats.below).toBeGreaterThan(RUNS);
    expect(stats.multiGroup).toBeGreaterThan(RUNS);
    expect(stats.nestedPairs).toBeGreaterThan(RUNS);
  }, 170_000);
});
