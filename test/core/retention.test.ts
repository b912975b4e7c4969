import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { createHarness, DAY, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

/** Long stretches tick weekly: the daily job computes its cut-off from the clock, so none is missed. */
const WEEK = 7 * DAY;
let h: Harness;
afterEach(() => h?.close());

const titlesOf = (hh: Harness, user: MemoryUser) =>
  hh.store.cases
    .listByAuthor(hh.store.people.findByUserRef('memory', user.userRef)!.id)
    .map((c) => c.title)
    .sort();

describe('retention of cases', () => {
  it('the daily job deletes cases 12 months after their session (3 months where the group chose so), not before', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const lyon = await setUpGroup(h, { language: 'en' });
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      language: 'en',
      facilitator: ['U-FAC2', 'Fanny Deux'],
      members: [
        ['U-PAUL', 'Paul Girard'],
        ['U-PIA', 'Pia Roux'],
      ],
    });
    await paris.facilitator.command('setup', { in: 'C-PARIS' });
    await paris.facilitator.submit({ retentionMonths: '3' });
    expect(h.store.groups.get(paris.group.id)?.retentionMonths).toBe(3);
    expect(h.store.groups.get(lyon.group.id)?.retentionMonths).toBe(12);

    const [alice, bruno] = lyon.users as [MemoryUser, MemoryUser];
    const [paul] = paris.users as [MemoryUser];
    // Sessions on 10 March (13:00Z) and 7 April (12:00Z, summer time) in Lyon; 10 March in Paris.
    await scheduleSession(lyon.facilitator, 'C-LYON', '2026-03-10', '14:00');
    await scheduleSession(paris.facilitator, 'C-PARIS', '2026-03-10', '14:00');
    const march = caseTexts('Mars');
    const paulCase = caseTexts('Paul');
    await submitCase(alice, 'C-LYON', march);
    await submitCase(paul, 'C-PARIS', paulCase);
    await h.advanceTo('2026-03-11T08:00:00Z', DAY);
    await scheduleSession(lyon.facilitator, 'C-LYON', '2026-04-07', '14:00');
    const april = caseTexts('Avril');
    await submitCase(bruno, 'C-LYON', april);
    await h.run();
    expect(titlesOf(h, alice)).toEqual([march.title]);
    expect(titlesOf(h, paul)).toEqual([paulCase.title]);

    // Paris keeps 3 months: still there on the day the period ends (session at 13:00Z), gone the day after.
    await h.advanceTo('2026-06-10T08:00:00Z', WEEK);
    expect(titlesOf(h, paul)).toEqual([paulCase.title]);
    await h.advanceTo('2026-06-11T08:00:00Z', DAY);
    expect(titlesOf(h, paul)).toEqual([]);
    expect(titlesOf(h, alice)).toEqual([march.title]);

    // Lyon keeps 12 months from each case's own session.
    await h.advanceTo('2027-03-10T08:00:00Z', WEEK);
    expect(titlesOf(h, alice)).toEqual([march.title]);
    await h.advanceTo('2027-03-11T08:00:00Z', DAY);
    expect(titlesOf(h, alice)).toEqual([]);
    expect(titlesOf(h, bruno)).toEqual([april.title]);
    await h.advanceTo('2027-04-08T08:00:00Z', DAY);
    expect(titlesOf(h, bruno)).toEqual([]);
    // Nothing else was touched: the people and the groups are still there.
    expect(h.store.memberships.listByGroup(lyon.group.id)).toHaveLength(6);
  });

  it('a case never attached to a session counts from its creation', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const lyon = await setUpGroup(h, { language: 'en' });
    const alice = lyon.users[0]!;
    const lone = caseTexts('Seul');
    await submitCase(alice, 'C-LYON', lone);
    const c = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id)[0]!;
    expect(c.sessionId).toBeNull();
    await h.advanceTo('2027-03-02T07:00:00Z', WEEK);
    expect(titlesOf(h, alice)).toEqual([lone.title]);
    await h.advanceTo('2027-03-03T08:00:00Z', DAY);
    expect(titlesOf(h, alice)).toEqual([]);
  });
});
