import { afterAll, describe, expect, it } from 'vitest';
import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import type { Message } from '../../src/core/contract/message.js';
import { MIN_VOTERS } from '../../src/core/domain/vote.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { caseValues, replyText } from '../support/scenario.js';
import { ballotCounts, ballotTokens, openBallotOf, vote } from '../support/votes.js';
import { Rng, seedFromEnv } from './support/random.js';

/**
 * Attack 2 on ballots — the threshold. Six groups hold a vote on the same days; in each, 0 to 5 of the 5
 * members vote, with choices drawn at random. Below 3 voters no count may come out anywhere the facilitator
 * (or anyone) can look: the digest, `/cairn cases`, the home, any message; and nothing computed from those
 * few ballots may stay in the database (the counters are back to zero, the number of voters is not kept).
 * At 3 and more, the counts are released, and they are the same wherever they are shown (no two figures to
 * subtract). While a vote is open, nobody sees any count.
 */

const SEED = seedFromEnv(20_260_320);
const GROUPS = 6;

describe('attack 2 on ballots: no vote count below 3 voters', () => {
  let h: Harness;
  afterAll(() => h?.close());

  it('below 3 voters nothing is released or kept; from 3 the same counts everywhere; none while open', async () => {
    const rng = new Rng(SEED);
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const groups: {
      facilitator: MemoryUser;
      users: MemoryUser[];
      groupId: string;
      voters: number;
      cases: string[];
    }[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const space = `C-G${g}`;
      const made = await setUpGroup(h, {
        space,
        name: `Groupe ${g}`,
        language: 'en',
        facilitator: [`U-F${g}`, `Facilitator ${g}`],
        members: Array.from(
          { length: 5 },
          (_, i) => [`U-G${g}M${i}`, `Member ${g}.${i}`] as [string, string],
        ),
      });
      await scheduleSession(made.facilitator, space, '2026-03-12');
      for (const [i, author] of made.users.slice(0, 3).entries()) {
        h.clock.advance(60_000);
        await author.command('case');
        await author.submit(caseValues({ title: `Case ${g}.${i}: how can I…?`, visibility: 'group' }));
      }
      groups.push({ ...made, groupId: made.group.id, voters: g, cases: [] });
    }
    await h.advanceTo('2026-03-09T08:00:00Z');

    const figures = (facilitator: MemoryUser, extra: Message[] = []) =>
      [...facilitator.directs, ...extra].map(messageText).join('\n');
    for (const g of groups) {
      const round = openBallotOf(h, g.groupId);
      g.cases = h.store.votes.ballotCases(round.id);
      for (const voter of rng.shuffle(g.users).slice(0, g.voters)) {
        const chosen = rng.shuffle(g.cases).slice(0, rng.int(1, 2));
        const { submitted } = await vote(voter, round.id, chosen);
        expect(submitted?.kind).toBe('form.done');
      }
      // While the vote is open, no count anywhere, whoever asks.
      await g.facilitator.command('cases');
      expect(replyText(g.facilitator.lastReply)).not.toMatch(/\d+ votes?\b/);
      expect(figures(g.facilitator)).not.toMatch(/\d+ votes?\b|people voted;/);
    }

    await h.advanceTo('2026-03-11T08:00:00Z');
    let released = 0;
    let withheld = 0;
    for (const g of groups) {
      const round = h.store.votes.roundOfSession(
        h.store.sessions.listUpcoming(g.groupId, h.clock.now())[0]!.id,
      )!;
      expect(round.status).toBe('closed');
      expect(ballotTokens(h, round.id)).toBe(0);
      await g.facilitator.command('cases');
      const queue = g.facilitator.lastReply?.kind === 'message' ? g.facilitator.lastReply.message : undefined;
      const home = h.core.home({
        platform: 'memory',
        userRef: g.facilitator.userRef,
        displayName: '',
        workspace: 'W1',
      });
      const seen = figures(g.facilitator, [queue!, home]);
      const everyone = g.users.map((u) => u.directs.map(messageText).join('\n')).join('\n');
      expect(everyone).not.toMatch(/\d+ votes?\b|people voted;/);
      if (g.voters < MIN_VOTERS) {
        withheld++;
        expect(round).toMatchObject({ voters: null, released: false });
        expect(Object.values(ballotCounts(h, round.id)).every((n) => n === 0)).toBe(true);
        expect(seen).not.toMatch(/\d+ votes?\b|people voted;/);
        expect(seen).toContain('too few votes');
      } else {
        released++;
        expect(round).toMatchObject({ voters: g.voters, released: true });
        const counts = ballotCounts(h, round.id);
        // The digest's bars and the queue's labels show the same counts, once.
        for (const [caseId, n] of Object.entries(counts)) {
          const title = h.store.cases.get(caseId)!.title;
          expect(seen).toContain(`${title} ${n}`);
        }
        expect(seen).toContain(`${g.voters} people voted`);
      }
    }
    console.log(
      `Attack 2 on ballots (seed ${SEED}): ${GROUPS} votes with 0 to ${GROUPS - 1} voters; ${withheld} below ${MIN_VOTERS} released nothing and kept no count, ${released} released the same counts everywhere`,
    );
    expect(withheld).toBe(MIN_VOTERS);
  });
});
