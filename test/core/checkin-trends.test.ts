import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClosedRound,
  trendAcrossGroups,
  trendOfGroup,
} from '../../src/core/checkins/trends/select-rounds.js';
import { spreadOf } from '../../src/core/checkins/trends/spread.js';
import { crossGroupTrendChart, groupTrendChart } from '../../src/core/checkins/trends/trend-chart.js';
import { CHECKIN_QUESTIONS, median } from '../../src/core/domain/checkin.js';
import { closedRound, EIGHT, FIVE, tallyOf, times } from '../support/rounds.js';

const A = closedRound('A', '2026-03-03T17:00:00Z', 4, FIVE);
const B = closedRound('B', '2026-05-12T17:00:00Z', 4, EIGHT);
/** Closed below k: as the store keeps it, no count and no counters. */
const BELOW = closedRound('below', '2026-04-07T17:00:00Z', 4, times(3, [1, 1, 1, 1]));

const keys = (columns: { key: string }[]) => columns.map((c) => c.key);

describe('median and middle half of a distribution', () => {
  it('are the nearest-rank quantiles of the sorted answers, the median being domain/checkin.ts median', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 60 }), (scores) => {
        const counts = [1, 2, 3, 4, 5].map((b) => scores.filter((s) => s === b).length);
        const sorted = [...scores].sort((a, b) => a - b);
        const at = (p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
        const spread = spreadOf(counts);
        expect(spread).toEqual({
          low: at(0.25),
          median: at(0.5),
          high: at(0.75),
          respondents: scores.length,
        });
        expect(spread?.median).toBe(median(counts));
        expect(spread!.low).toBeLessThanOrEqual(spread!.median);
        expect(spread!.median).toBeLessThanOrEqual(spread!.high);
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the lower median for an even count, like the round result', () => {
    expect(spreadOf(tallyOf(EIGHT).workload)).toEqual({ low: 1, median: 2, high: 4, respondents: 8 });
    expect(spreadOf([0, 0, 0, 0, 0])).toBeUndefined();
  });
});

describe("a group's trend", () => {
  it('keeps only rounds released with at least k respondents and whole counters', () => {
    const lies: ClosedRound[] = [
      // Released flag without k respondents (a corrupt row): never drawn.
      {
        ...closedRound('flag', '2026-03-10T17:00:00Z', 4, FIVE),
        respondents: 3,
        tally: tallyOf(FIVE.slice(0, 3)),
      },
      // k below the floor of 3.
      {
        ...closedRound('k2', '2026-03-11T17:00:00Z', 2, []),
        released: true,
        respondents: 2,
        tally: tallyOf(FIVE.slice(0, 2)),
      },
      // Counters that stand for fewer people than the count released.
      { ...closedRound('short', '2026-03-12T17:00:00Z', 4, FIVE), tally: tallyOf(FIVE.slice(0, 4)) },
      // Not closed (no closing time).
      { ...closedRound('open', '2026-03-13T17:00:00Z', 4, FIVE), closedAt: null },
    ];
    expect(keys(trendOfGroup([B, BELOW, ...lies, A]))).toEqual(['A', 'B']);
  });

  it('draws nothing from a round below k, even if its counters were still there', () => {
    const leaked: ClosedRound = {
      ...closedRound('below', BELOW.closedAt!.toISOString(), 4, []),
      tally: tallyOf(times(3, [1, 1, 1, 1])),
    };
    const view = { language: 'fr', timeZone: 'Europe/Paris', groupName: 'Groupe Lyon' } as const;
    const clean = groupTrendChart([A, B], view);
    expect(groupTrendChart([A, BELOW, B], view)).toEqual(clean);
    expect(groupTrendChart([A, leaked, B], view)).toEqual(clean);
    expect(groupTrendChart([BELOW, leaked], view)).toBeUndefined();
  });

  it('shows the last 12 released rounds, oldest first, whatever the order given and the rounds below k', () => {
    const rounds: ClosedRound[] = [];
    for (let week = 0; week < 20; week++) {
      const at = new Date(Date.UTC(2026, 0, 5 + 7 * week, 17)).toISOString();
      rounds.push(
        closedRound(`r${String(week).padStart(2, '0')}`, at, 4, week % 4 === 3 ? FIVE.slice(0, 2) : FIVE),
      );
    }
    const released = rounds.filter((r) => r.released).map((r) => r.id);
    expect(released).toHaveLength(15);
    expect(keys(trendOfGroup([...rounds].reverse()))).toEqual(released.slice(-12));
  });

  it('computes each column from its own round only: medians and middle halves by question', () => {
    const [a, b] = trendOfGroup([A, B]);
    expect(a).toMatchObject({ key: 'A', roundIds: ['A'], respondents: 5, groups: 1, minK: 4 });
    expect(b?.tally).toEqual(tallyOf(EIGHT));
    const spreads = CHECKIN_QUESTIONS.map((q) => spreadOf(a!.tally[q]));
    expect(spreads.map((s) => [s?.low, s?.median, s?.high])).toEqual([
      [2, 2, 3],
      [3, 3, 4],
      [3, 3, 4],
      [3, 3, 3],
    ]);
  });
});

describe('the trend across groups', () => {
  const paris = (groupId: string, rounds: ClosedRound[]) => ({ groupId, timeZone: 'Europe/Paris', rounds });

  it('sums, per month, each group’s latest released round of that month, and leaves out groups below k', () => {
    const earlier = closedRound('g1-early', '2026-03-02T17:00:00Z', 4, times(6, [5, 5, 5, 5]));
    const later = closedRound('g1-late', '2026-03-30T17:00:00Z', 4, FIVE);
    const g2 = closedRound('g2', '2026-03-15T17:00:00Z', 3, EIGHT);
    const g3 = closedRound('g3', '2026-03-20T17:00:00Z', 5, FIVE.slice(0, 4));
    const columns = trendAcrossGroups([paris('g1', [earlier, later]), paris('g2', [g2]), paris('g3', [g3])]);
    expect(columns).toEqual([
      {
        key: '2026-03',
        roundIds: ['g1-late', 'g2'],
        at: new Date('2026-03-01T00:00:00Z'),
        respondents: 13,
        groups: 2,
        minK: 3,
        tally: tallyOf([...FIVE, ...EIGHT]),
      },
    ]);
  });

  it("counts a round in its group's month, in the group's time zone", () => {
    const edge = (id: string) => closedRound(id, '2026-03-31T22:30:00Z', 4, FIVE);
    const columns = trendAcrossGroups([
      paris('paris', [edge('p')]),
      { groupId: 'ny', timeZone: 'America/New_York', rounds: [edge('n')] },
    ]);
    expect(columns.map((c) => [c.key, c.roundIds])).toEqual([
      ['2026-03', ['n']],
      ['2026-04', ['p']],
    ]);
  });

  it('keeps the last 12 months that have a releasable round; a month with none has no column', () => {
    const rounds = Array.from({ length: 15 }, (_, m) =>
      closedRound(
        `m${m}`,
        new Date(Date.UTC(2026, m, 10, 12)).toISOString(),
        4,
        m === 14 ? FIVE.slice(0, 3) : FIVE,
      ),
    );
    const columns = trendAcrossGroups([paris('g', rounds)]);
    expect(keys(columns)).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });
});

describe('the trend chart', () => {
  const fr = groupTrendChart([B, BELOW, A], {
    language: 'fr',
    timeZone: 'Europe/Paris',
    groupName: 'Groupe Lyon',
  })!;
  const en = groupTrendChart([B, BELOW, A], {
    language: 'en',
    timeZone: 'Europe/Paris',
    groupName: 'Lyon group',
  })!;

  it('has one panel per question, in order, each with the same released columns', () => {
    expect(fr.panels.map((p) => p.question)).toEqual([...CHECKIN_QUESTIONS]);
    for (const panel of fr.panels) expect(panel.columns.map((c) => c.id)).toEqual(['A', 'B']);
    expect(fr.panels[0]).toEqual({
      question: 'workload',
      title: 'Ma charge de travail',
      scale: [
        '1 — écrasante',
        '2 — lourde',
        '3 — tendue mais tenable',
        '4 — raisonnable',
        '5 — tout à fait soutenable',
      ],
      columns: [
        {
          id: 'A',
          roundIds: ['A'],
          label: '3 mars 2026',
          axisLabel: ['3 mars', '2026', 'n = 5'],
          respondents: 5,
          groups: 1,
          median: 2,
          low: 2,
          high: 3,
        },
        {
          id: 'B',
          roundIds: ['B'],
          label: '12 mai 2026',
          axisLabel: ['12 mai', '2026', 'n = 8'],
          respondents: 8,
          groups: 1,
          median: 2,
          low: 1,
          high: 4,
        },
      ],
    });
    expect(fr.panels[3]?.columns.map((c) => [c.low, c.median, c.high])).toEqual([
      [3, 3, 3],
      [3, 3, 3],
    ]);
  });

  it("is written in the reader's language", () => {
    expect(fr.title).toBe('Tendances des points d’étape — Groupe Lyon');
    expect(en.title).toBe('Check-in trends — Lyon group');
    expect(en.panels[0]?.title).toBe('My workload');
    expect(en.panels[0]?.columns[1]?.axisLabel).toEqual(['12 May', '2026', 'n = 8']);
    expect(en.subtitle).toEqual([
      'Dot: median. Bar: the middle half of the answers (1st to 3rd quartile). n: answers.',
    ]);
  });

  it('says the same in words: every median and middle half, then the answers per round', () => {
    expect(fr.altText.split('\n')).toEqual([
      'Tendances des points d’étape de « Groupe Lyon » : 2 points d’étape publiés, du 3 mars 2026 au 12 mai 2026.',
      'Pour chaque question, sur une échelle de 1 à 5 : la médiane, puis entre parenthèses la moitié centrale des réponses.',
      'Ma charge de travail (1 = écrasante, 5 = tout à fait soutenable) : 3 mars 2026 : 2 (2 à 3) ; 12 mai 2026 : 2 (1 à 4).',
      'Le soutien que je ressens (1 = je me sens seul·e, 5 = très bien soutenu·e) : 3 mars 2026 : 3 (3 à 4) ; 12 mai 2026 : 3 (3).',
      'Mon recul sur ma situation (1 = le nez dans le guidon, 5 = beaucoup de recul) : 3 mars 2026 : 3 (3 à 4) ; 12 mai 2026 : 3 (3).',
      'Comment je vais, globalement (1 = très difficile, 5 = très bien) : 3 mars 2026 : 3 (3) ; 12 mai 2026 : 3 (3).',
      'Nombre de réponses : 3 mars 2026 : 5 ; 12 mai 2026 : 8.',
    ]);
    expect(en.altText).toContain(
      'My workload (1 = overwhelming, 5 = entirely manageable): 3 March 2026: 2 (2 to 3); 12 May 2026: 2 (1 to 4).',
    );
    expect(en.altText).toContain('Number of answers: 3 March 2026: 5; 12 May 2026: 8.');
  });

  it('across groups: one column per month, with its groups, in words too', () => {
    const chart = crossGroupTrendChart(
      [
        { groupId: 'g1', timeZone: 'Europe/Paris', rounds: [A, BELOW] },
        {
          groupId: 'g2',
          timeZone: 'Europe/Paris',
          rounds: [closedRound('A2', '2026-03-20T17:00:00Z', 4, EIGHT), B],
        },
      ],
      { language: 'en' },
    )!;
    expect(chart.scope).toBe('groups');
    expect(chart.title).toBe('Check-in trends — all your groups');
    expect(chart.panels[0]?.columns.map((c) => [c.id, c.roundIds, c.axisLabel])).toEqual([
      ['2026-03', ['A', 'A2'], ['Mar', '2026', 'n = 13', '2 groups']],
      ['2026-05', ['B'], ['May', '2026', 'n = 8', '1 group']],
    ]);
    expect(chart.altText).toContain('Number of answers: March 2026: 13 (2 groups); May 2026: 8 (1 group).');
  });

  it('is undefined when nothing was released', () => {
    const view = { language: 'fr', timeZone: 'Europe/Paris', groupName: 'G' } as const;
    expect(groupTrendChart([BELOW], view)).toBeUndefined();
    expect(groupTrendChart([], view)).toBeUndefined();
    expect(
      crossGroupTrendChart([{ groupId: 'g', timeZone: 'UTC', rounds: [BELOW] }], { language: 'en' }),
    ).toBeUndefined();
  });
});
