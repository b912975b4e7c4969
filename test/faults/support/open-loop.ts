import { Pool } from 'undici';

export type Arrival = {
  /** When to send, in ms from the start. */
  at: number;
  path: string;
  /** Built at send time (it may depend on what earlier requests produced); undefined: not sent. */
  build: () => { headers: Record<string, string>; body: string } | undefined;
  kind: string;
};

export type Sent = { kind: string; at: number; latencyMs: number; status: number | 'error' };

export type OpenLoopResult = {
  sent: Sent[];
  /** Arrivals whose body could not be built (counted as errors). */
  unbuilt: number;
  /** How late the generator itself sent, at worst (a busy test process would skew the figures). */
  worstLagMs: number;
};

/**
 * An open-loop load generator: every request goes at its own arrival time whatever the answers to the
 * earlier ones (a closed loop, as in bench/load.ts, slows down with the server and hides queueing).
 * Latency is measured from the planned arrival time to the end of the answer.
 */
export async function runOpenLoop(
  origin: string,
  arrivals: Arrival[],
  connections = 512,
): Promise<OpenLoopResult> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const sorted = [...arrivals].sort((a, b) => a.at - b.at);
  const sent: Sent[] = [];
  const pending: Promise<void>[] = [];
  let unbuilt = 0;
  let worstLagMs = 0;
  const start = performance.now();
  let next = 0;
  while (next < sorted.length) {
    const now = performance.now() - start;
    while (next < sorted.length && sorted[next]!.at <= now) {
      const arrival = sorted[next++]!;
      worstLagMs = Math.max(worstLagMs, now - arrival.at);
      const built = arrival.build();
      if (built === undefined) {
        unbuilt++;
        continue;
      }
      const planned = start + arrival.at;
      pending.push(
        pool
          .request({ path: arrival.path, method: 'POST', headers: built.headers, body: built.body })
          .then(async (res) => {
            await res.body.dump();
            sent.push({
              kind: arrival.kind,
              at: arrival.at,
              latencyMs: performance.now() - planned,
              status: res.statusCode,
            });
          })
          .catch(() => {
            sent.push({
              kind: arrival.kind,
              at: arrival.at,
              latencyMs: performance.now() - planned,
              status: 'error',
            });
          }),
      );
    }
    const wait = next < sorted.length ? sorted[next]!.at - (performance.now() - start) : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 50)));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  await pool.close();
  return { sent, unbuilt, worstLagMs };
}

/** The value at percentile `p` (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
