import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import {
  answer,
  openRoundOf,
  participationCount,
  replyLine,
  replyText,
  scores,
  tallyRows,
} from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

async function roundBelowK(language: 'fr' | 'en', k?: string) {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const g = await setUpGroup(h, { language, name: 'Groupe Lyon' });
  if (k) {
    await g.facilitator.command('setup', { in: g.space });
    await g.facilitator.submit({ checkinK: k });
    await h.run();
  }
  await g.facilitator.command('checkin open', { in: g.space });
  await h.run();
  const round = openRoundOf(h, g.group.id);
  return { ...g, round };
}

describe('a round below k', () => {
  it('tells the facilitator "fewer than k" with no number but k, keeps nothing computed, refuses to share', async () => {
    const { space, facilitator, users, round } = await roundBelowK('en');
    await answer(users[0]!, round.id, scores(1, 2, 3, 4));
    await answer(users[1]!, round.id, scores(5, 4, 3, 1));
    await answer(users[2]!, round.id, scores(2, 2, 2, 2));
    const directsBefore = facilitator.directs.length;
    await facilitator.command('checkin close', { in: space });
    await h.run();

    const received = facilitator.directs.slice(directsBefore);
    expect(received).toHaveLength(1);
    const notice = received[0]!;
    const text = messageText(notice);
    expect(text).toContain(
      'The check-in of "Groupe Lyon" closed with fewer than 4 answers: no result, to protect anonymity.',
    );
    // No number at all but k, no bars, no share button.
    expect(text.match(/\d+/g)).toEqual(['4']);
    expect(notice.blocks.some((b) => b.type === 'bars' || b.type === 'fields')).toBe(false);
    expect(buttonsOf(notice)).toHaveLength(0);
    expect(notice.attachment).toBeUndefined();

    // Nothing computed from the answers remains.
    const closed = h.store.checkins.getRound(round.id)!;
    expect(closed.status).toBe('closed');
    expect(closed.released).toBe(false);
    expect(closed.respondents).toBeNull();
    expect(tallyRows(h, round.id)).toEqual([]);
    expect(participationCount(h)).toBe(0);
    const raw = h.db.sqlite.prepare('SELECT * FROM checkin_rounds WHERE id = ?').get(round.id) as Record<
      string,
      unknown
    >;
    expect(raw.respondents).toBeNull();
    expect(raw.released).toBe(0);

    // Members got no result either.
    for (const u of users)
      expect(u.directs.some((m) => /closed with fewer than|answers \(/.test(messageText(m)))).toBe(false);

    // Sharing is refused, by command and by a forged button; nothing is posted.
    const postsBefore = h.platform.postsIn(space).length;
    const nothing =
      'No check-in result to share: none has closed yet, or the latest had too few answers to show anything.';
    expect(replyLine(await facilitator.command('checkin share', { in: space }))).toBe(nothing);
    expect(replyLine(await facilitator.command('checkin share'))).toBe(nothing);
    expect(replyLine(await facilitator.press({ action: ACTION.checkinShare, value: round.id }))).toBe(
      nothing,
    );
    await h.run();
    expect(h.platform.postsIn(space)).toHaveLength(postsBefore);
    expect(h.store.checkins.getRound(round.id)?.sharedAt).toBeNull();

    // Facilitator status and the cross-group aggregate reveal nothing either.
    const all = replyText(await facilitator.command('checkin all'));
    expect(all).toContain('No group has a closed check-in with enough answers.');
    const status = replyText(await facilitator.command('checkin'));
    expect(status).not.toMatch(/\b3\b/);
  });

  it('the French notice, with k = 5, carries 5 and nothing else', async () => {
    const { space, facilitator, users, round } = await roundBelowK('fr', '5');
    expect(round.k).toBe(5);
    for (const u of users.slice(0, 4)) await answer(u, round.id, scores(3));
    await facilitator.command('checkin fermer', { in: space });
    await h.run();
    const notice = facilitator.directs.at(-1)!;
    const text = messageText(notice);
    expect(text).toContain('est clos avec moins de 5 réponses : pas de résultat, pour protéger l’anonymat.');
    expect(text.match(/\d+/g)).toEqual(['5']);
    expect(tallyRows(h, round.id)).toEqual([]);
    expect(h.store.checkins.getRound(round.id)?.respondents).toBeNull();
  });

  it('a round nobody answered closes the same way', async () => {
    const { space, facilitator, round } = await roundBelowK('en');
    await facilitator.command('checkin close', { in: space });
    await h.run();
    expect(messageText(facilitator.directs.at(-1)!)).toContain('fewer than 4 answers');
    expect(tallyRows(h, round.id)).toEqual([]);
  });
});
