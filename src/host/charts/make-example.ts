/**
 * Draws the README's example picture, docs/trends.png: a year of check-ins of the playground's demo group,
 * made up but plausible (workload heavier after a reorganisation in the autumn, perspective coming back
 * after the sessions), drawn exactly as Cairn sends it to Slack. By hand: `npx tsx src/host/charts/make-example.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClosedRound } from '../../core/checkins/trends/select-rounds.js';
import { groupTrendChart } from '../../core/checkins/trends/trend-chart.js';
import { CHECKIN_QUESTIONS, emptyTally } from '../../core/domain/checkin.js';
import { renderTrendPng } from './render-trend.js';

/** Per round: the closing day, then each question's answers (one digit per person, 1 to 5). */
const ROUNDS: [string, string, string, string, string][] = [
  ['2026-01-13', '33423', '34434', '23323', '33434'],
  ['2026-02-10', '234332', '344343', '233334', '334333'],
  ['2026-03-10', '33443', '44354', '33434', '34443'],
  ['2026-04-07', '343432', '444345', '334433', '344443'],
  ['2026-05-12', '44343', '44443', '34434', '44343'],
  ['2026-06-09', '434443', '454434', '443434', '444343'],
  ['2026-07-07', '43444', '45443', '44344', '44434'],
  ['2026-09-15', '223232', '343343', '232233', '323332'],
  ['2026-10-13', '1223221', '3343343', '2322332', '2323322'],
  ['2026-11-10', '212322', '344334', '333243', '323332'],
  ['2026-12-08', '22332', '34443', '34343', '33433'],
  ['2027-01-12', '233232', '444354', '343434', '334343'],
];

export function exampleRounds(): ClosedRound[] {
  return ROUNDS.map(([day, ...answers], i) => {
    const tally = emptyTally();
    for (const [q, question] of CHECKIN_QUESTIONS.entries())
      for (const digit of answers[q] ?? '') tally[question][Number(digit) - 1]!++;
    return {
      id: `example-${i}`,
      closedAt: new Date(`${day}T17:00:00Z`),
      released: true,
      respondents: answers[0]?.length ?? 0,
      k: 4,
      tally,
    };
  });
}

export async function makeExample(file: string): Promise<{ width: number; height: number; bytes: number }> {
  const chart = groupTrendChart(exampleRounds(), {
    language: 'en',
    timeZone: 'Europe/Paris',
    groupName: 'Lyon group — front-line managers',
  });
  if (!chart) throw new Error('no released round');
  const { png, width, height } = await renderTrendPng(chart, { scale: 1 });
  writeFileSync(file, png);
  return { width, height, bytes: png.length };
}

if (process.argv[1]?.endsWith('make-example.ts')) {
  const file = join(import.meta.dirname, '..', '..', '..', 'docs', 'trends.png');
  makeExample(file).then(
    (made) => console.log(`${file}: ${made.width}×${made.height} px, ${made.bytes} bytes`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
