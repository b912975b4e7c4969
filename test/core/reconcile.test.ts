import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const memberRefs = (groupId: string) =>
  h.store.memberships
    .listByGroup(groupId)
    .map((m) => m.person.userRef)
    .sort();
const reconcile = (startup = false) => h.core.reconcile({ startup, paceMs: 0 });

/**
 * Issue 16 §3: events missed while Cairn was down (Slack stops retrying after minutes; Teams never
 * retries). Before, a person who left the group's space while Cairn was down stayed a member for ever:
 * prompts kept coming, and they kept reading the group's cases.
 */
describe('events missed while Cairn was down are caught up', () => {
  it('a leave: the person stops being a member, gets no prompt and reads none of the group’s cases', async () => {
    h = await createHarness();
    const { space, facilitator, users, group } = await setUpGroup(h);
    const [alice, , , , emma] = users as [(typeof users)[0], ...(typeof users)[0][]];
    const texts = caseTexts('Reconcile');
    await submitCase(alice, space, texts, { visibility: 'group' });
    await h.run();
    // Emma leaves the private channel while Cairn is down: the event is lost.
    h.platform.quietlyLeave(space, 'U-EMMA');
    expect(memberRefs(group.id)).toContain('U-EMMA');

    const report = await reconcile(true);
    expect(report).toMatchObject({ groups: 1, left: 1, joined: 0, suspended: 0 });
    expect(memberRefs(group.id)).not.toContain('U-EMMA');
    await facilitator.command('checkin open', { in: space });
    await h.run();
    expect(emma!.directs.filter((m) => buttonsOf(m).some((b) => b.action === ACTION.checkinOpen))).toEqual(
      [],
    );
    await emma!.command('cases');
    expect(emma!.lastText).not.toContain(texts.title);
  });

  it('a join: the newcomer becomes a member with the same effect as the event', async () => {
    h = await createHarness();
    const { space, group } = await setUpGroup(h);
    h.platform.addUser('U-FRED', 'Fred Roux');
    h.platform.quietlyJoin(space, 'U-FRED');
    expect(await reconcile()).toMatchObject({ joined: 1, left: 0 });
    expect(memberRefs(group.id)).toContain('U-FRED');
    expect(
      h.store.memberships.get(group.id, h.store.people.findByUserRef('memory', 'U-FRED')!.id)?.role,
    ).toBe('member');
    // Nothing changed since: a second run changes nothing.
    expect(await reconcile()).toMatchObject({ joined: 0, left: 0 });
  });

  it('Cairn removed from the space meanwhile: the group is suspended, not emptied', async () => {
    h = await createHarness();
    const { space, group } = await setUpGroup(h);
    const before = memberRefs(group.id);
    h.platform.quietlyRemoveCairn(space);
    expect(await reconcile()).toMatchObject({ suspended: 1 });
    expect(h.store.groups.suspensionOf(group.id)).toMatchObject({ reason: 'space' });
    expect(memberRefs(group.id)).toEqual(before);
  });

  it('an event whose handling failed before its change is handled when the platform delivers it again', async () => {
    h = await createHarness();
    const { space, group } = await setUpGroup(h);
    h.platform.addUser('U-FRED', 'Fred Roux');
    const joined = {
      kind: 'member.joined' as const,
      platform: 'memory',
      eventId: 'Ev-JOIN-1',
      space,
      user: { userRef: 'U-FRED', displayName: 'Fred Roux', workspace: 'W1' },
    };
    // The database refuses the change once (a disk full, a crash in the middle).
    const set = h.store.memberships.set.bind(h.store.memberships);
    let fail = true;
    h.store.memberships.set = (m) => {
      if (fail) {
        fail = false;
        throw new Error('disk I/O error');
      }
      set(m);
    };
    await expect(h.platform.dispatch(joined)).rejects.toThrow('disk I/O error');
    expect(memberRefs(group.id)).not.toContain('U-FRED');
    // The platform retries the same event: handled this time (before, its id was recorded first: ignored).
    await h.platform.dispatch(joined);
    expect(memberRefs(group.id)).toContain('U-FRED');
    // And a third delivery has no second effect.
    h.store.memberships.remove(group.id, h.store.people.findByUserRef('memory', 'U-FRED')!.id);
    await h.platform.dispatch(joined);
    expect(memberRefs(group.id)).not.toContain('U-FRED');
  });
});
