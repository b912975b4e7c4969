import { expect } from 'vitest';

/** A message a fake platform delivered: to whom, what it says, when (the test's simulated time). */
export type Delivered = { recipient: string; text: string; at: number };

/** What a long outage must deliver afterwards (once each) and what it must not deliver at all. */
export type OutageExpectations = {
  /** Each (recipient, pattern): delivered exactly once. */
  useful: { recipient: string; what: string; pattern: RegExp }[];
  /** Patterns no delivery may match (messages that became useless during the outage). */
  useless: { what: string; pattern: RegExp }[];
  outageEnd: number;
};

/**
 * Issue 16 §1's figures for an outage: lost (useful messages never delivered), duplicates (delivered more
 * than once), useless (delivered although no longer useful), and how long after the outage the backlog
 * took. Printed as `[outage] …` and asserted: 0 lost, 0 duplicates, 0 useless.
 */
export function checkOutage(label: string, delivered: Delivered[], expected: OutageExpectations) {
  const counts = expected.useful.map(({ recipient, what, pattern }) => ({
    recipient,
    what,
    n: delivered.filter((d) => d.recipient === recipient && pattern.test(d.text)).length,
  }));
  const useless = delivered.filter((d) => expected.useless.some((u) => u.pattern.test(d.text)));
  const usefulAt = delivered
    .filter((d) => expected.useful.some((u) => u.recipient === d.recipient && u.pattern.test(d.text)))
    .map((d) => d.at);
  const figures = {
    useful: expected.useful.length,
    lost: counts.filter((c) => c.n === 0).length,
    duplicates: counts.reduce((sum, c) => sum + Math.max(0, c.n - 1), 0),
    uselessDelivered: useless.length,
    lastDeliveryAfterOutageMs: Math.max(...usefulAt) - expected.outageEnd,
  };
  console.log(
    `[outage] ${label}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  expect(counts.filter((c) => c.n !== 1)).toEqual([]);
  expect(useless.map((d) => `${d.recipient}: ${d.text.slice(0, 80)}`)).toEqual([]);
  return figures;
}
