import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { foundAmong, rawBytes } from '../privacy/support/raw-files.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { createHarness, DAY, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const texts = (user: { directs: unknown[] }) => user.directs.map((m) => messageText(m as never));

/**
 * Issue 16 §4: before, any channel member removing Cairn from the group's space (or an administrator's
 * emergency token revocation) deleted the group and its data at once and for ever. Now the group is
 * suspended: nothing is sent, its facilitators are told, and it is purged after the grace period unless
 * Cairn is added back. Uninstalling the app still purges at once.
 */
describe('Cairn removed from a group’s space: a grace period', () => {
  it('suspends the group, tells its facilitators, sends nothing; purges it after 7 days', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await scheduleSession(facilitator, space, '2026-03-13');
    const alice = users[0]!;
    const aliceCase = caseTexts('Grace');
    await submitCase(alice, space, aliceCase);
    await h.run();
    const sent = h.platform.deliveries.length;

    await h.platform.dispatch({ kind: 'space.removed', platform: 'memory', space });
    await h.run();
    expect(h.store.groups.get(group.id)).toBeDefined();
    expect(h.store.groups.suspensionOf(group.id)).toMatchObject({ reason: 'space' });
    expect(texts(facilitator).at(-1)).toContain(
      'The group is suspended: no reminder, check-in or message goes out. Its data (cases, sessions, check-ins, syntheses posted only there) will be deleted on Monday 9 March 2026 unless Cairn is added back',
    );
    // The 7-day reminder falls due on the 6th: held, like everything about the group.
    await h.advanceTo('2026-03-08T20:00:00Z', 6 * 3_600_000);
    expect(h.platform.deliveries.length).toBe(sent + 1);
    expect(h.db.sqlite.prepare('SELECT count(*) AS n FROM cases WHERE group_id = ?').get(group.id)).toEqual({
      n: 1,
    });

    // Not added back: the group and everything about it go after the grace period.
    expect(foundAmong(rawBytes(h.file), [aliceCase.situation])).toEqual([aliceCase.situation]);
    await h.advanceTo('2026-03-09T09:00:00Z', 3_600_000);
    expect(h.store.groups.get(group.id)).toBeUndefined();
    expect(h.db.sqlite.prepare('SELECT count(*) AS n FROM cases WHERE group_id = ?').get(group.id)).toEqual({
      n: 0,
    });
    expect(h.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE group_id = ?').get(group.id)).toEqual({
      n: 0,
    });
    expect(foundAmong(rawBytes(h.file), [aliceCase.situation])).toEqual([]);
    expect(h.platform.deliveries.length).toBe(sent + 1);
  });

  it('added back within the grace period: the group resumes as it was, what waited goes out', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await scheduleSession(facilitator, space, '2026-03-13');
    await h.platform.dispatch({ kind: 'space.removed', platform: 'memory', space });
    await h.run();
    // The 7-day reminder (the 6th) is held; Cairn comes back on the 7th.
    await h.advanceTo('2026-03-07T10:00:00Z', 6 * 3_600_000);
    expect(users.every((u) => u.directs.length === 0)).toBe(true);
    await h.platform.dispatch({ kind: 'space.added', platform: 'memory', space });
    await h.run();
    expect(h.store.groups.suspensionOf(group.id)).toBeUndefined();
    expect(texts(facilitator).at(-1)).toContain('the group resumes as it was, nothing will be deleted');
    expect(users.every((u) => u.directs.length === 1)).toBe(true);
    await h.advance(10 * DAY, DAY);
    expect(h.store.groups.get(group.id)).toBeDefined();
    expect(h.store.memberships.listByGroup(group.id)).toHaveLength(users.length + 1);
  });

  it('uninstalling the app still purges the workspace at once', async () => {
    h = await createHarness();
    const { group } = await setUpGroup(h);
    await h.platform.uninstall();
    expect(h.store.groups.get(group.id)).toBeUndefined();
    expect(h.store.people.listByWorkspace('memory', 'W1')).toEqual([]);
  });
});
