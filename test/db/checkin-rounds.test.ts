import { expect, it } from 'vitest';
import type { CheckinRound } from '../../src/core/domain/checkin.js';
import { at, describeStore, freshStore, makeGroup } from './fixtures.js';

const round = (id: string, overrides: Partial<CheckinRound> = {}): CheckinRound => ({
  id,
  groupId: 'g1',
  status: 'closed',
  source: 'facilitator',
  afterSessionId: null,
  k: 4,
  openedAt: at('2026-03-01T08:00:00Z'),
  closesAt: at('2026-03-08T08:00:00Z'),
  closedAt: at('2026-03-08T08:00:00Z'),
  respondents: 5,
  released: true,
  sharedAt: null,
  ...overrides,
});

describeStore('CheckinRepository: rounds', () => {
  it('lists a group’s released rounds, latest first (ties by id, latest first), up to the limit', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
    const rounds = [
      round('r1', { closedAt: at('2026-03-08T08:00:00Z') }),
      round('r3', { closedAt: at('2026-04-08T08:00:00.001Z') }),
      round('r2a', { closedAt: at('2026-04-01T08:00:00Z') }),
      round('r2b', { closedAt: at('2026-04-01T08:00:00Z') }),
      round('below-k', { closedAt: at('2026-05-01T08:00:00Z'), released: false, respondents: null }),
      round('open', { status: 'open', closedAt: null, respondents: null, released: false }),
      round('elsewhere', { groupId: 'g2', closedAt: at('2026-06-01T08:00:00Z') }),
    ];
    for (const r of rounds) store.checkins.insertRound(r);

    expect(store.checkins.listReleased('g1', 10).map((r) => r.id)).toEqual(['r3', 'r2b', 'r2a', 'r1']);
    expect(store.checkins.listReleased('g1', 2).map((r) => r.id)).toEqual(['r3', 'r2b']);
    expect(store.checkins.listReleased('g2', 10)).toEqual([rounds[6]]);
    expect(store.checkins.listReleased('g3', 10)).toEqual([]);
    // Every closed round, released or not, for the facilitators' own view.
    expect(store.checkins.listClosed('g1', 10).map((r) => r.id)).toContain('below-k');
    expect(store.checkins.listReleased('g1', 1)).toEqual([rounds[1]]);
  });
});
