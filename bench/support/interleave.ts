import { type LoadResult, mergeResults } from '../load.js';
import { withDriverCpu } from './context.js';
import { type Running, sleep } from './processes.js';

/** Each measurement is cut into this many slices, alternating Cairn and the baseline (see `interleave`). */
export const ROUNDS = 5;

export type Measured = LoadResult & {
  cpuPerRequest: number;
  /** CPU time per request of what `alsoCpu` measured for this target (its database server), if anything. */
  alsoCpuPerRequest: number;
  driverCpu: number;
  /** Share of the measured time the server waited for its CPU (other work on the machine). */
  cpuWait: number;
};

/**
 * Runs `slice(target, round)` on every target in alternating slices (bare, same, Cairn, Cairn, same, bare,
 * …) and merges each target's slices. Other work on the machine then weighs on all alike, instead of on
 * whichever ran during a busy minute. CPU time is the server's, including the work it finishes in the
 * moment after each slice (answers to send for requests it acknowledged). `alsoCpu` gives, for some
 * targets, the CPU time of another process they use (Cairn on PostgreSQL: the database server), measured
 * over the same moments.
 */
export async function interleave<K extends string>(
  targets: Record<K, Running>,
  slice: (target: K, round: number) => Promise<LoadResult>,
  alsoCpu: Partial<Record<K, () => number>> = {},
): Promise<Record<K, Measured>> {
  const names = Object.keys(targets) as K[];
  const runs = new Map<K, LoadResult[]>(names.map((n) => [n, []]));
  const cpu = new Map<K, number>(names.map((n) => [n, 0]));
  const also = new Map<K, number>(names.map((n) => [n, 0]));
  const wait = new Map<K, number>(names.map((n) => [n, 0]));
  const driver = new Map<K, number>(names.map((n) => [n, 0]));
  const alsoMs = (name: K) => alsoCpu[name]?.() ?? 0;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const server = targets[name];
      const cpu0 = server.cpuMs();
      const also0 = alsoMs(name);
      const wait0 = server.waitMs();
      const { value, driverCpu } = await withDriverCpu(() => slice(name, round));
      wait.set(name, wait.get(name)! + server.waitMs() - wait0);
      await sleep(300);
      cpu.set(name, cpu.get(name)! + server.cpuMs() - cpu0);
      also.set(name, also.get(name)! + alsoMs(name) - also0);
      driver.set(name, Math.max(driver.get(name)!, driverCpu));
      runs.get(name)!.push(value);
    }
  }
  const merged = (name: K): Measured => {
    const result = mergeResults(runs.get(name)!);
    return {
      ...result,
      cpuPerRequest: cpu.get(name)! / result.requests,
      alsoCpuPerRequest: also.get(name)! / result.requests,
      driverCpu: driver.get(name)!,
      cpuWait: wait.get(name)! / result.durationMs,
    };
  };
  return Object.fromEntries(names.map((n) => [n, merged(n)])) as Record<K, Measured>;
}
