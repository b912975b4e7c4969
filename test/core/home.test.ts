import { afterEach, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const actorOf = (h: Harness, userRef: string) => ({
  platform: h.platform.id,
  userRef,
  displayName: h.platform.displayName(userRef),
  workspace: h.platform.workspace,
});

it('the home view shows an open check-in with its button to members, and its status to facilitators', async () => {
  h = await createHarness();
  const { facilitator, users, space } = await setUpGroup(h);
  await scheduleSession(facilitator, space, '2026-03-20');
  const before = h.core.home(actorOf(h, users[0]!.userRef));
  expect(buttonsOf(before).some((b) => b.action === ACTION.checkinOpen)).toBe(false);
  expect(messageText(h.core.home(actorOf(h, facilitator.userRef)))).toContain('Aucun point d’étape ouvert.');

  await facilitator.command('checkin open', { in: space });
  const round = h.store.checkins.openRoundOf(h.store.groups.findBySpace(space)!.id)!;
  const member = h.core.home(actorOf(h, users[0]!.userRef));
  expect(messageText(member)).toContain('Point d’étape anonyme ouvert jusqu’au');
  expect(buttonsOf(member).find((b) => b.action === ACTION.checkinOpen)?.value).toBe(round.id);
  const fac = h.core.home(actorOf(h, facilitator.userRef));
  expect(buttonsOf(fac).some((b) => b.action === ACTION.checkinOpen)).toBe(false);
  expect(messageText(fac)).toContain('Point d’étape anonyme ouvert jusqu’au');

  // Answering changes nothing in the home view: it never tells whether this person answered.
  await users[0]!.press({ action: ACTION.checkinOpen, value: round.id });
  await users[0]!.submit({ workload: '3', support: '3', perspective: '3', overall: '3' });
  expect(h.core.home(actorOf(h, users[0]!.userRef))).toEqual(member);
});

it('the halfway reminder goes out at 09:00 local on the halfway day, not at night', async () => {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const { facilitator, users, space } = await setUpGroup(h);
  await scheduleSession(facilitator, space, '2026-03-20');
  await facilitator.command('checkin open', { in: space }); // closes 2026-03-18 18:00 Paris
  const halfwayAt = () =>
    h.platform.deliveries.filter(
      (d) => d.address === users[0]!.userRef && d.message.fallbackText.startsWith('Rappel'),
    ).length;
  await h.advanceTo('2026-03-10T07:30:00Z', 30 * 60_000);
  expect(halfwayAt()).toBe(0);
  await h.advanceTo('2026-03-10T08:00:00Z', 30 * 60_000);
  expect(halfwayAt()).toBe(1);
});

it('deleting a group takes its space posts with it, sent or pending', async () => {
  h = await createHarness();
  const { space } = await setUpGroup(h);
  h.store.outbox.enqueue(
    {
      id: 'post-pending',
      platform: 'memory',
      kind: 'space',
      address: space,
      message: { fallbackText: 'x', blocks: [] },
      personId: null,
    },
    h.clock.now(),
  );
  expect(h.store.outbox.get(`welcome:${h.store.groups.findBySpace(space)!.id}`)?.status).toBe('sent');
  await h.platform.uninstall();
  expect(h.store.outbox.get('post-pending')).toBeUndefined();
  expect(h.store.groups.findBySpace(space)).toBeUndefined();
  expect(h.db.sqlite.prepare('SELECT count(*) FROM outbox WHERE address = ?').pluck().get(space)).toBe(0);
});
