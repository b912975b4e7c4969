import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import {
  aggregateReleasable,
  CHECKIN_QUESTIONS,
  emptyTally,
  isReleasable,
  median,
  type RoundOutcome,
  type Tally,
} from '../../src/core/domain/checkin.js';
import { trendCounts, wordsOnly } from '../support/charts.js';
import { answer, openRoundOf, replyText, tallyRows } from '../support/checkins.js';
import { createHarness, type Harness } from '../support/harness.js';

const score = fc.integer({ min: 1, max: 5 });
const answers = fc.tuple(score, score, score, score);
const tallyArb = fc
  .array(fc.array(fc.nat({ max: 20 }), { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 })
  .map((rows) => Object.fromEntries(CHECKIN_QUESTIONS.map((q, i) => [q, rows[i]])) as Tally);

describe('release rule: pure functions', () => {
  it('releases exactly when respondents >= k, and never with k below 3', () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.integer({ min: -2, max: 12 }), (respondents, k) => {
        expect(isReleasable(respondents, k)).toBe(k >= 3 && respondents >= k);
      }),
      { numRuns: 2_000 },
    );
  });

  it('median is the lower middle of the sorted answers', () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 40 }), (scores) => {
        const counts = [1, 2, 3, 4, 5].map((b) => scores.filter((s) => s === b).length);
        const sorted = [...scores].sort((a, b) => a - b);
        expect(median(counts)).toBe(sorted.length ? sorted[Math.ceil(sorted.length / 2) - 1] : null);
      }),
      { numRuns: 1_000 },
    );
  });

  it('an aggregate only ever includes rounds releasable on their own', () => {
    const outcome = fc.option(
      fc.record({
        k: fc.integer({ min: 3, max: 10 }),
        respondents: fc.option(fc.nat({ max: 15 }), { nil: null }),
        released: fc.boolean(),
        tally: tallyArb,
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 6 }), (outcomes: (RoundOutcome | undefined)[]) => {
        const agg = aggregateReleasable(outcomes);
        const ok = outcomes.filter(
          (o) => o?.released && o.respondents !== null && o.respondents >= o.k,
        ) as RoundOutcome[];
        expect(agg.included).toBe(ok.length);
        expect(agg.excluded).toBe(outcomes.length - ok.length);
        expect(agg.respondents).toBe(ok.reduce((a, o) => a + (o.respondents ?? 0), 0));
        for (const q of CHECKIN_QUESTIONS)
          for (let b = 0; b < 5; b++)
            expect(agg.tally[q][b]).toBe(ok.reduce((a, o) => a + o.tally[q][b]!, 0));
        if (ok.length) expect(agg.minK).toBe(Math.min(...ok.map((o) => o.k)));
      }),
      { numRuns: 1_000 },
    );
  });
});

// --- The real core on one database --------------------------------------------------------------------

type RoundPlan = {
  joins: number;
  leaves: number[];
  /** Per current member (by position): their answers, or null when they do not answer. */
  answers: ([number, number, number, number] | null)[];
  /** Positions of members who try to answer a second time. */
  again: number[];
};
type GroupPlan = { size: number; k: number; rounds: RoundPlan[] };

const roundPlan: fc.Arbitrary<RoundPlan> = fc.record({
  joins: fc.nat({ max: 3 }),
  leaves: fc.array(fc.nat({ max: 20 }), { maxLength: 3 }),
  answers: fc.array(fc.option(answers, { nil: null, freq: 3 }), { minLength: 20, maxLength: 20 }),
  again: fc.array(fc.nat({ max: 20 }), { maxLength: 2 }),
});
const groupPlan: fc.Arbitrary<GroupPlan> = fc.record({
  size: fc.integer({ min: 1, max: 15 }),
  k: fc.integer({ min: 3, max: 10 }),
  rounds: fc.array(roundPlan, { minLength: 1, maxLength: 3 }),
});

/** Letters only: group names must carry no digit, so a message's digits are all numbers Cairn wrote. */
const letters = (n: number): string => {
  let s = '';
  let x = n;
  do {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26) - 1;
  } while (x >= 0);
  return s;
};

const bars = (m: Message) => m.blocks.filter((b) => b.type === 'bars');

describe('release rule: the real core', () => {
  let h: Harness;
  let run = 0;
  let dir: string;
  beforeAll(async () => {
    // A memory-backed folder where there is one: hundreds of fsyncs per run are not what is tested here.
    dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cairn-prop-'));
    // Trend pictures as their words (the same figures), without drawing hundreds of pictures.
    h = await createHarness({ start: '2026-03-02T08:00:00Z', dir, charts: wordsOnly });
  });
  afterAll(() => {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('releases nothing below k, and cross-group aggregates never include a non-releasable group', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(groupPlan, { minLength: 1, maxLength: 3 }), async (plans) => {
        run++;
        const tag = letters(run);
        const facilitator = h.platform.addUser(`U-F-${tag}`, `Facilitator ${tag}`);
        const latest: (RoundOutcome | undefined)[] = [];
        for (const [g, plan] of plans.entries()) {
          const space = `C-${tag}-${g}`;
          let serial = 0;
          const newMember = () => {
            serial++;
            const ref = `U-${tag}-${g}-${serial}`;
            return h.platform.addUser(ref, `Member ${tag} ${letters(serial)}`);
          };
          let members: MemoryUser[] = Array.from({ length: plan.size }, newMember);
          h.platform.addSpace(space, [facilitator.userRef, ...members.map((m) => m.userRef)]);
          await facilitator.command('setup', { in: space });
          await facilitator.submit({
            name: `Group ${tag} ${letters(g)}`,
            language: 'en',
            checkinK: String(plan.k),
          });
          await h.run();
          const group = h.store.groups.findBySpace(space)!;
          expect(group.checkinK).toBe(plan.k);
          let last: RoundOutcome | undefined;

          for (const r of plan.rounds) {
            // Membership changes between rounds.
            for (const i of r.leaves) {
              const leaving = members[i % Math.max(members.length, 1)];
              if (!leaving || members.length <= 1) continue;
              await h.platform.leave(space, leaving.userRef);
              members = members.filter((m) => m !== leaving);
            }
            for (let j = 0; j < r.joins && members.length < 15; j++) {
              const joining = newMember();
              await h.platform.join(space, joining.userRef);
              members.push(joining);
            }
            h.clock.set(new Date(h.clock.now().getTime() + 60_000));
            await facilitator.command('checkin open', { in: space });
            await h.run();
            const round = openRoundOf(h, group.id);
            expect(round.k).toBe(plan.k);
            const expected = emptyTally();
            let respondents = 0;
            for (const [i, m] of members.entries()) {
              const a = r.answers[i];
              if (!a) continue;
              const [workload, support, perspective, overall] = a.map(String) as [
                string,
                string,
                string,
                string,
              ];
              const { submitted } = await answer(m, round.id, { workload, support, perspective, overall });
              expect(submitted?.kind).toBe('form.done');
              for (const [qi, q] of CHECKIN_QUESTIONS.entries()) expected[q][a[qi]! - 1]!++;
              respondents++;
            }
            for (const i of r.again) {
              const m = members[i % members.length]!;
              if (!r.answers[members.indexOf(m)]) continue;
              const { opened } = await answer(m, round.id, {
                workload: '1',
                support: '1',
                perspective: '1',
                overall: '1',
              });
              expect(opened.kind).toBe('message');
            }
            const before = facilitator.directs.length;
            const memberDirects = members.map((m) => m.directs.length);
            h.clock.set(new Date(h.clock.now().getTime() + 60_000));
            await facilitator.command('checkin close', { in: space });
            await h.run();

            const closed = h.store.checkins.getRound(round.id)!;
            const got = facilitator.directs.slice(before);
            // A released result is followed by the trend picture, whose latest column is this round.
            expect(got).toHaveLength(respondents >= plan.k ? 2 : 1);
            if (respondents >= plan.k) expect(trendCounts(messageText(got[1]!)).at(-1)).toBe(respondents);
            const text = messageText(got[0]!);
            // Members get nothing when a round closes.
            expect(members.map((m) => m.directs.length)).toEqual(memberDirects);
            if (respondents >= plan.k) {
              expect(closed.released).toBe(true);
              expect(closed.respondents).toBe(respondents);
              expect(text).toContain(`${respondents} answers (anonymity threshold: ${plan.k}).`);
              const shown = bars(got[0]!) as Extract<Message['blocks'][number], { type: 'bars' }>[];
              expect(shown.map((b) => b.rows.map((row) => row.count))).toEqual(
                CHECKIN_QUESTIONS.map((q) => expected[q]),
              );
              expect(h.store.checkins.tally(round.id)).toEqual(expected);
              last = { released: true, respondents, k: plan.k, tally: expected };
            } else {
              expect(closed.released).toBe(false);
              expect(closed.respondents).toBeNull();
              expect(tallyRows(h, round.id)).toEqual([]);
              expect(bars(got[0]!)).toHaveLength(0);
              expect(text.match(/\d+/g)).toEqual([String(plan.k)]);
              const shared = await facilitator.command('checkin share', { in: space });
              expect(replyText(shared)).toContain('No check-in result to share');
              const pressed = await facilitator.press({ action: ACTION.checkinShare, value: round.id });
              expect(replyText(pressed)).toContain('No check-in result to share');
              last = { released: false, respondents: null, k: plan.k, tally: emptyTally() };
            }
            expect(h.platform.postsIn(space).some((m) => bars(m).length > 0)).toBe(false);
          }
          latest.push(last);
        }

        // The cross-group aggregate equals the sum over releasable groups only.
        const agg = aggregateReleasable(latest);
        const reply = await facilitator.command('checkin all');
        const msg = (reply as { message: Message }).message;
        if (agg.included === 0) {
          expect(messageText(msg)).toContain('No group has a closed check-in with enough answers.');
          expect(bars(msg)).toHaveLength(0);
        } else {
          expect(messageText(msg)).toContain(`(${agg.included} group(s), latest closed check-in)`);
          expect(messageText(msg)).toContain(`${agg.respondents} answers`);
          const shown = bars(msg) as Extract<Message['blocks'][number], { type: 'bars' }>[];
          expect(shown.map((b) => b.rows.map((row) => row.count))).toEqual(
            CHECKIN_QUESTIONS.map((q) => agg.tally[q]),
          );
          if (agg.excluded > 0) expect(messageText(msg)).toContain(`${agg.excluded} group(s) not included`);
          else expect(messageText(msg)).not.toContain('not included');
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
