/** Prints a fault test's figures on one line, so CI logs show what each run measured. */
export function report(name: string, figures: Record<string, unknown>): void {
  const parts = Object.entries(figures).map(
    ([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
  );
  console.log(`[faults] ${name}: ${parts.join(' ')}`);
}

/** How many times each key occurs. */
export function tally(keys: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Deliveries beyond the first, summed over every recipient. */
export const duplicatesIn = (counts: Map<string, number>): number =>
  [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

/** `count` distinct random integers in [1, max - 1], ascending. */
export function randomPoints(count: number, max: number): number[] {
  const points = new Set<number>();
  while (points.size < Math.min(count, max - 1)) points.add(1 + Math.floor(Math.random() * (max - 1)));
  return [...points].sort((a, b) => a - b);
}
