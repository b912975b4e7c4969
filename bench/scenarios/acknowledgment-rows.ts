import type { Measured } from '../support/interleave.js';
import { fmt, ms, type Row, withRatio } from '../support/table.js';

/**
 * The apps scenario 1 measures: Cairn, the same work done plainly in Bolt, a Bolt app that only acks, and
 * Cairn on PostgreSQL when the bench runs a PostgreSQL server (`bench.postgres`; absent from the targets
 * otherwise).
 */
export type Target = 'bare' | 'same' | 'cairn' | 'pg';
export const LABEL: Record<Target, string> = {
  bare: 'bare-ack Bolt',
  same: 'same-work Bolt',
  cairn: 'Cairn',
  pg: 'Cairn on PostgreSQL',
};
/** The rows of one command: Cairn (and Cairn on PostgreSQL, when measured) against the same-work app. */
export function commandRows(
  text: string,
  seconds: number,
  connections: number,
  r: Record<Target, Measured>,
  pgUrl?: string,
): Row[] {
  const { cairn: c, same: s, bare: b } = r;
  const p = pgUrl ? r.pg : undefined;
  const onPg = (figure: (m: Measured) => string, ratio: (m: Measured) => number) =>
    p ? { postgres: withRatio(figure(p), ratio(p)) } : {};
  return [
    {
      scenario: `1. \`/cairn ${text}\` throughput (${connections} conn., ${seconds} s)`,
      cairn: `${fmt(c.rps)} req/s`,
      ...onPg(
        (m) => `${fmt(m.rps)} req/s`,
        (m) => m.rps / s.rps,
      ),
      baseline: `${fmt(s.rps)} req/s`,
      ratio: c.rps / s.rps,
      goal: '≥ 0.8×',
      met: c.rps / s.rps >= 0.8 && c.errors === 0,
    },
    {
      scenario: `1. \`/cairn ${text}\` p50 latency`,
      cairn: ms(c.p50),
      ...onPg(
        (m) => ms(m.p50),
        (m) => m.p50 / s.p50,
      ),
      baseline: ms(s.p50),
      ratio: c.p50 / s.p50,
      goal: '—',
      met: null,
    },
    {
      scenario: `1. \`/cairn ${text}\` p99 latency`,
      cairn: ms(c.p99),
      ...onPg(
        (m) => ms(m.p99),
        (m) => m.p99 / s.p99,
      ),
      baseline: ms(s.p99),
      ratio: c.p99 / s.p99,
      goal: '≤ 1.5×',
      met: c.p99 / s.p99 <= 1.5,
    },
    {
      // On PostgreSQL: Cairn's process + the database server's, the ratio of their sum.
      scenario: `1. \`/cairn ${text}\` CPU time per request (server process)`,
      cairn: ms(c.cpuPerRequest),
      ...onPg(
        (m) => `${ms(m.cpuPerRequest)} + ${ms(m.alsoCpuPerRequest)} PostgreSQL`,
        (m) => (m.cpuPerRequest + m.alsoCpuPerRequest) / s.cpuPerRequest,
      ),
      baseline: ms(s.cpuPerRequest),
      ratio: c.cpuPerRequest / s.cpuPerRequest,
      goal: '—',
      met: null,
    },
    {
      scenario: `1. \`/cairn ${text}\` throughput against a Bolt app that only acks (reference)`,
      cairn: `${fmt(c.rps)} req/s`,
      ...onPg(
        (m) => `${fmt(m.rps)} req/s`,
        (m) => m.rps / b.rps,
      ),
      baseline: `${fmt(b.rps)} req/s`,
      ratio: c.rps / b.rps,
      goal: '—',
      met: null,
    },
  ];
}
