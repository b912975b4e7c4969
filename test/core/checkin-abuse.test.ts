import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/contract/ids.js';
import { answer, scores } from '../support/checkins.js';
import { createHarness, type Harness, HOUR, setUpGroup } from '../support/harness.js';
import { said } from '../support/scenario.js';

/**
 * Round operations cost something (a close rewrites the database file, an open writes to every member):
 * a facilitator — anyone can become one of a channel they create — can open, close and share a group's
 * rounds 6 times an hour, and is then told to wait. The scheduler's own openings and closings are not
 * counted.
 */
let h: Harness;
afterEach(() => h?.close());

const TOO_MANY =
  'Les points d’étape de ce groupe ont été ouverts, clos ou partagés 6 fois dans la dernière heure : attendez un peu avant de recommencer.';

describe('facilitators’ round operations are limited per group and hour', () => {
  it('the 7th open, close or share within an hour is refused with a message; an hour later it works', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h);
    const rounds = () => h.db.sqlite.prepare('SELECT count(*) FROM checkin_rounds').pluck().get();

    // open, close, open, close, open: 5 operations, a minute apart.
    for (const op of ['open', 'close', 'open', 'close', 'open']) {
      await facilitator.command(`checkin ${op}`, { in: space });
      expect(said(facilitator)).not.toBe(TOO_MANY);
      await h.advance(60_000, 60_000);
    }
    // The round gets enough answers to be released, then the 6th operation closes it.
    const open = h.store.checkins.openRoundOf(group.id)!;
    for (const u of users.slice(0, 4)) await answer(u, open.id, scores(3));
    await facilitator.command('checkin close', { in: space });
    expect(said(facilitator)).not.toBe(TOO_MANY);
    await h.run();
    expect(rounds()).toBe(3);

    // The 7th, whatever it is, is refused and changes nothing.
    await facilitator.command('checkin open', { in: space });
    expect(said(facilitator)).toBe(TOO_MANY);
    await facilitator.command('checkin share', { in: space });
    expect(said(facilitator)).toBe(TOO_MANY);
    const latest = h.store.checkins.listClosed(group.id, 1)[0]!;
    await facilitator.press({ action: ACTION.checkinShare, value: latest.id });
    expect(said(facilitator)).toBe(TOO_MANY);
    await h.run();
    expect(rounds()).toBe(3);
    expect(h.store.checkins.openRoundOf(group.id)).toBeUndefined();
    expect(h.platform.postsIn(space)).toHaveLength(1); // the welcome only: nothing shared

    // An hour after the first operations, the allowance is back.
    await h.advance(HOUR - 4 * 60_000, 60_000);
    await facilitator.command('checkin share', { in: space });
    expect(said(facilitator)).not.toBe(TOO_MANY);
    await h.run();
    expect(h.platform.postsIn(space)).toHaveLength(2);
    expect(h.logs.text).toContain('check-in round operation refused');
  });

  it('counts per group: another group’s facilitator is not held back', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const lyon = await setUpGroup(h);
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      facilitator: ['U-PFAC', 'Paul Animateur'],
      members: [
        ['U-P1', 'P Un'],
        ['U-P2', 'P Deux'],
        ['U-P3', 'P Trois'],
      ],
    });
    for (let i = 0; i < 3; i++) {
      await lyon.facilitator.command('checkin open', { in: lyon.space });
      await lyon.facilitator.command('checkin close', { in: lyon.space });
    }
    await lyon.facilitator.command('checkin open', { in: lyon.space });
    expect(said(lyon.facilitator)).toBe(TOO_MANY);
    await paris.facilitator.command('checkin open', { in: paris.space });
    expect(said(paris.facilitator)).not.toBe(TOO_MANY);
    expect(h.store.checkins.openRoundOf(paris.group.id)).toBeDefined();
  });
});
