import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { spaceConversation } from '../../adapters/playground/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { CHECKIN_QUESTIONS } from '../../src/core/domain/checkin.js';
import { playgroundHarness } from '../playground/support.js';
import { trendCounts, wordsOnly } from '../support/charts.js';
import { answer, openRoundOf } from '../support/checkins.js';
import { createHarness, type Harness } from '../support/harness.js';
import { PlaygroundPerson, runPlayground } from './support/playground-driver.js';
import { fastDir } from './support/raw-files.js';
import { barsOf, checkNested, digitsIn, type Released } from './support/threshold.js';

/**
 * Attack 2 on the full core: real commands on a real database, with membership changes between rounds,
 * answers by any subset of members, and then every output a person can get after each close searched:
 * the facilitator's result or notice, the result shared with the group's space, `/cairn checkin all`, the
 * facilitator's status, everyone's App Home (`core.home`) and direct messages, the playground's page for
 * every persona, and the log at trace level. Fewer runs than the pure test (each run drives dozens of real
 * commands): 60 on the memory adapter and 12 on the playground.
 */

/** Between two round operations of a facilitator (see src/core/checkins/round-operations.ts). */
const OPERATION_SPACING_MS = 15 * 60_000;
const CORE_RUNS = 30;
const PLAYGROUND_RUNS = 12;

type RoundPlan = { joins: number; leaves: number[]; answers: (number[] | null)[] };
type GroupPlan = { size: number; k: number; rounds: RoundPlan[] };

const score = fc.integer({ min: 1, max: 5 });
const roundPlan: fc.Arbitrary<RoundPlan> = fc.record({
  joins: fc.nat({ max: 2 }),
  leaves: fc.array(fc.nat({ max: 12 }), { maxLength: 2 }),
  answers: fc.array(fc.option(fc.tuple(score, score, score, score), { nil: null, freq: 3 }), {
    minLength: 12,
    maxLength: 12,
  }),
});
const groupPlan = (maxRounds: number): fc.Arbitrary<GroupPlan> =>
  fc.record({
    size: fc.integer({ min: 1, max: 10 }),
    k: fc.integer({ min: 3, max: 6 }),
    rounds: fc.array(roundPlan, { minLength: 1, maxLength: maxRounds }),
  });

/** Letters only, so that every digit in an output is a number Cairn wrote. */
const letters = (n: number): string => {
  let s = '';
  let x = n;
  do {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26) - 1;
  } while (x >= 0);
  return s;
};

/** "N answers" as a count of respondents (not "fewer than k answers", which names the threshold). */
const COUNT_PHRASE = /(?<!fewer than |moins de )(\d+) (?:answers|réponses)\b/g;
/** The notice of a round closed below k. */
const BELOW = /closed with fewer than|clos avec moins de/;

/**
 * The rules every output must follow, given what has legitimately been released so far (respondents of
 * released rounds and of aggregates of released rounds): bars and "N answers" only ever show those, a
 * notice below k shows k and no other number, and members never get a distribution in a direct message.
 */
function checkOutput(m: Message, released: Set<number>, where: string, k?: number) {
  const text = messageText(m);
  for (const total of barsOf(m)) {
    expect(total, `${where}: bars`).toBeGreaterThanOrEqual(3);
    expect(released.has(total), `${where}: bars of ${total} not released`).toBe(true);
  }
  for (const [, n] of text.matchAll(COUNT_PHRASE))
    expect(released.has(Number(n)), `${where}: "${n} answers"`).toBe(true);
  if (BELOW.test(text) && k !== undefined)
    expect(digitsIn(text), `${where}: below-k notice`).toEqual([String(k)]);
  // A group's trend picture: each column is one released round (across groups, a month sums several:
  // test/privacy/threshold-trends.property.test.ts checks those sums).
  if (
    /^(Check-in trends|Tendances des points d’étape) — /.test(m.fallbackText) &&
    !/all your groups|tous vos groupes/.test(m.fallbackText)
  )
    for (const n of trendCounts(text)) expect(released.has(n), `${where}: trend column of ${n}`).toBe(true);
}

const replyMessage = (r: Reply): Message | undefined =>
  r.kind === 'message' ? r.message : r.kind === 'form.done' ? r.message : undefined;

/** No log line carries a count, a distribution or an answer. */
function checkLogs(lines: string[]) {
  for (const line of lines) {
    expect(line).not.toMatch(/"(respondents|count|counts|answers|tally|distribution|buckets?)"\s*:/);
    expect(line).not.toMatch(/(workload|support|perspective|overall)\W{0,3}[1-5]/);
  }
}

describe('attack 2: the threshold k, on the full core', () => {
  let h: Harness;
  let dir: string;
  let run = 0;
  beforeAll(async () => {
    dir = fastDir();
    // Trend pictures as their words: the same figures, read here, without drawing hundreds of pictures.
    h = await createHarness({ start: '2026-03-02T08:00:00Z', dir, charts: wordsOnly });
  });
  afterAll(() => {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`memory adapter: results, shares, aggregates, status, App Home and logs (${CORE_RUNS} runs)`, async () => {
    const stats = { rounds: 0, below: 0, outputs: 0, nested: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(groupPlan(3), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat({ max: 99 }), { minLength: 9, maxLength: 9 }),
        async (plans, order) => {
          run++;
          const tag = letters(run);
          const fac = h.platform.addUser(`U-F-${tag}`, `Facilitator ${tag}`);
          const released = new Set<number>();
          const aggregates: Released[] = [];
          const kOf: Record<string, number> = {};
          const latest: ({ id: string; respondents: number; released: boolean } | undefined)[] = [];
          const groups: {
            space: string;
            groupId: string;
            members: MemoryUser[];
            serial: number;
            plan: GroupPlan;
          }[] = [];
          for (const [g, plan] of plans.entries()) {
            const space = `C-${tag}-${g}`;
            const members = Array.from({ length: plan.size }, (_, i) =>
              h.platform.addUser(`U-${tag}-${g}-${i}`, `Member ${tag} ${letters(g)} ${letters(i)}`),
            );
            h.platform.addSpace(space, [fac.userRef, ...members.map((m) => m.userRef)]);
            await fac.command('setup', { in: space });
            await fac.submit({
              name: `Group ${tag} ${letters(g)}`,
              language: 'en',
              checkinK: String(plan.k),
            });
            await h.run();
            groups.push({
              space,
              groupId: h.store.groups.findBySpace(space)!.id,
              members,
              serial: plan.size,
              plan,
            });
          }
          const everyone = () => [fac, ...groups.flatMap((g) => g.members)];
          const schedule = plans
            .flatMap((p, g) =>
              p.rounds.map((r, i) => ({ g, r, at: order[(g * 3 + i) % order.length]! * 10 + i })),
            )
            .sort((a, b) => a.at - b.at);

          for (const { g, r } of schedule) {
            const group = groups[g]!;
            for (const i of r.leaves) {
              const leaving = group.members[i % Math.max(1, group.members.length)];
              if (!leaving || group.members.length <= 1) continue;
              await h.platform.leave(group.space, leaving.userRef);
              group.members = group.members.filter((m) => m !== leaving);
            }
            for (let j = 0; j < r.joins && group.members.length < 12; j++) {
              const joining = h.platform.addUser(
                `U-${tag}-${g}-${group.serial}`,
                `Member ${tag} ${letters(g)} ${letters(group.serial)}`,
              );
              group.serial++;
              await h.platform.join(group.space, joining.userRef);
              group.members.push(joining);
            }
            // A facilitator may open, close and share a group's rounds 6 times an hour: four operations per
            // round, each a quarter of an hour after the last, stay within that.
            h.clock.advance(OPERATION_SPACING_MS);
            await fac.command('checkin open', { in: group.space });
            await h.run();
            const round = openRoundOf(h, group.groupId);
            kOf[round.id] = group.plan.k;
            let respondents = 0;
            for (const [i, m] of group.members.entries()) {
              const a = r.answers[i];
              if (!a) continue;
              const [workload, support, perspective, overall] = a.map(String) as [
                string,
                string,
                string,
                string,
              ];
              await answer(m, round.id, { workload, support, perspective, overall });
              respondents++;
            }
            const marks = new Map(everyone().map((u) => [u.userRef, u.directs.length]));
            const posts = h.platform.postsIn(group.space).length;
            const logMark = h.logs.lines.length;
            h.clock.advance(OPERATION_SPACING_MS);
            await fac.command('checkin close', { in: group.space });
            await h.run();
            stats.rounds++;
            const isReleased = respondents >= group.plan.k;
            if (!isReleased) stats.below++;
            else {
              released.add(respondents);
              aggregates.push({ rounds: new Set([round.id]), respondents, minK: group.plan.k });
            }
            latest[g] = { id: round.id, respondents, released: isReleased };
            // The aggregate across the facilitator's groups that Cairn may now show.
            const inAggregate = latest.filter((l) => l?.released) as { id: string; respondents: number }[];
            const total = inAggregate.reduce((a, l) => a + l.respondents, 0);
            if (inAggregate.length) {
              released.add(total);
              aggregates.push({
                rounds: new Set(inAggregate.map((l) => l.id)),
                respondents: total,
                minK: Math.min(...inAggregate.map((l) => kOf[l.id]!)),
              });
            }

            // Everything anyone can now see.
            h.clock.advance(OPERATION_SPACING_MS);
            const shared = await fac.command('checkin share', { in: group.space });
            h.clock.advance(OPERATION_SPACING_MS);
            const pressed = await fac.press({ action: ACTION.checkinShare, value: round.id });
            const all = await fac.command('checkin all');
            const status = await fac.command('checkin');
            await h.run();
            const outputs: [string, Message, number?][] = [];
            for (const u of everyone()) {
              for (const m of u.directs.slice(marks.get(u.userRef) ?? 0)) {
                outputs.push([`direct to ${u.userRef}`, m, group.plan.k]);
                if (u !== fac) expect(barsOf(m), 'a member got a distribution').toEqual([]);
              }
              const home = h.core.home({
                platform: 'memory',
                userRef: u.userRef,
                displayName: u.displayName,
                workspace: 'W1',
              });
              outputs.push([`home of ${u.userRef}`, home]);
              expect(barsOf(home)).toEqual([]);
              expect(messageText(home)).not.toMatch(COUNT_PHRASE);
            }
            for (const p of h.platform.postsIn(group.space).slice(posts))
              outputs.push(['post in the space', p]);
            for (const [name, reply] of [
              ['share', shared],
              ['share button', pressed],
              ['all', all],
              ['status', status],
            ] as const) {
              const m = replyMessage(reply);
              if (m) outputs.push([`reply to checkin ${name}`, m, group.plan.k]);
            }
            expect(messageText(replyMessage(status)!)).not.toMatch(COUNT_PHRASE);
            for (const [where, m, k] of outputs) {
              stats.outputs++;
              checkOutput(m, released, where, k);
            }
            // A round below k: nothing was posted, and "all" shows only releasable rounds.
            if (!isReleased) expect(h.platform.postsIn(group.space).length).toBe(posts);
            const allMsg = replyMessage(all)!;
            expect(barsOf(allMsg)).toEqual(inAggregate.length ? CHECKIN_QUESTIONS.map(() => total) : []);
            checkLogs(h.logs.lines.slice(logMark));
          }
          stats.nested += checkNested(aggregates, kOf);
        },
      ),
      { numRuns: CORE_RUNS },
    );
    console.log(
      `Attack 2 (full core, memory adapter, ${CORE_RUNS} runs): ${stats.rounds} rounds closed, ${stats.below} below k, ${stats.outputs} outputs searched (results, shares, "checkin all", status, App Home of everyone, direct messages), ${stats.nested} nested aggregate pairs; none showed a count below k`,
    );
    expect(stats.below).toBeGreaterThan(0);
    expect(stats.rounds - stats.below).toBeGreaterThan(0);
  }, 170_000);

  it(`playground: every persona's page after each close (${PLAYGROUND_RUNS} runs)`, async () => {
    let rounds = 0;
    let pages = 0;
    await fc.assert(
      fc.asyncProperty(groupPlan(2), async (plan) => {
        const pg = await playgroundHarness({ language: 'en' });
        try {
          const platform = pg.playground.platform;
          const space = 'pg-space:test';
          const facRef = 'pg:fac';
          platform.addPersona({ ref: facRef, name: 'Facilitator' });
          let members = Array.from({ length: plan.size }, (_, i) => `pg:m${letters(i)}`);
          let serial = plan.size;
          for (const ref of members) platform.addPersona({ ref, name: `Member ${ref.slice(4)}` });
          platform.addSpace(space, [facRef, ...members]);
          const fac = new PlaygroundPerson(pg, facRef);
          await fac.command('setup', space);
          await fac.submit({ name: 'Group test', language: 'en', checkinK: String(plan.k) });
          await runPlayground(pg);
          const released = new Set<number>();
          for (const r of plan.rounds) {
            for (const i of r.leaves) {
              if (members.length <= 1) continue;
              const leaving = members[i % members.length]!;
              platform.space(space)!.members.delete(leaving);
              await pg.core.handle({
                kind: 'member.left',
                platform: 'playground',
                space,
                user: { userRef: leaving, displayName: '', workspace: 'demo' },
              });
              members = members.filter((m) => m !== leaving);
            }
            for (let j = 0; j < r.joins; j++) {
              const ref = `pg:m${letters(serial++)}`;
              platform.addPersona({ ref, name: `Member ${ref.slice(4)}` });
              platform.space(space)!.members.add(ref);
              await pg.core.handle({
                kind: 'member.joined',
                platform: 'playground',
                space,
                user: { userRef: ref, displayName: `Member ${ref.slice(4)}`, workspace: 'demo' },
              });
              members.push(ref);
            }
            pg.base.advance(60_000);
            await fac.command('checkin open', space);
            await runPlayground(pg);
            let respondents = 0;
            for (const [i, ref] of members.entries()) {
              const a = r.answers[i];
              if (!a) continue;
              const person = new PlaygroundPerson(pg, ref);
              await person.press(ACTION.checkinOpen);
              const [workload, support, perspective, overall] = a.map(String) as [
                string,
                string,
                string,
                string,
              ];
              await person.submit({ workload, support, perspective, overall });
              pg.playground.interactions.closeForm(ref);
              respondents++;
            }
            pg.base.advance(60_000);
            await fac.command('checkin close', space);
            await runPlayground(pg);
            await fac.command('checkin share', space);
            await fac.command('checkin all');
            await runPlayground(pg);
            rounds++;
            if (respondents >= plan.k) released.add(respondents);
            for (const ref of [facRef, ...members]) {
              const view = pg.playground.view(ref);
              pages++;
              const messages = [
                view.home,
                ...view.conversations.flatMap((c) =>
                  c.entries.flatMap((e) => (e.message ? [e.message] : [])),
                ),
              ];
              for (const m of messages) checkOutput(m, released, `page of ${ref}`, plan.k);
              // Members see a distribution only where the facilitator shared it: in the group's space.
              if (ref !== facRef) {
                const direct = view.conversations.find((c) => c.kind === 'direct')!;
                for (const e of direct.entries) if (e.message) expect(barsOf(e.message)).toEqual([]);
                const inSpace = view.conversations.find((c) => c.id === spaceConversation(space))!;
                const shown = inSpace.entries.flatMap((e) => (e.message ? barsOf(e.message) : []));
                for (const total of shown) expect(released.has(total)).toBe(true);
              }
            }
            checkLogs(pg.logs.lines);
          }
        } finally {
          pg.close();
        }
      }),
      { numRuns: PLAYGROUND_RUNS },
    );
    console.log(
      `Attack 2 (playground, ${PLAYGROUND_RUNS} runs): ${rounds} rounds closed, ${pages} persona pages searched; none showed a count below k`,
    );
  }, 120_000);
});
