import { Pool } from 'undici';

export type Arrival = {
  /** When to send, in ms from the start. */
  at: number;
  path: string;
  /** Built at send time (it may depend on what earlier requests produced); undefined: not sent. */
  build: () => { headers: Record<string, string>; body: string } | undefined;
  kind: string;
  /**
   * Whether it can go yet (a form can be submitted once its modal is open): if not at its time, it goes as
   * soon as it can, as a person would, and its latency counts from then. Never ready within `READY_LIMIT_MS`:
   * not sent (counted in `neverReady`).
   */
  ready?: () => boolean;
};

export type Sent = { kind: string; at: number; latencyMs: number; status: number | 'error' };

export type OpenLoopResult = {
  sent: Sent[];
  /** Date.now() when the arrival times started. */
  startedAt: number;
  /** Arrivals that were not ready at their time, the longest wait among them, and those never ready. */
  postponed: number;
  longestPostponeMs: number;
  neverReady: number;
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
  origin: string | string[],
  arrivals: Arrival[],
  connections = 512,
): Promise<OpenLoopResult> {
  // Several origins (instances behind a load balancer): requests go round-robin.
  const origins = Array.isArray(origin) ? origin : [origin];
  const pools = origins.map(
    (o) =>
      new Pool(o, {
        connections: Math.ceil(connections / origins.length),
        pipelining: 1,
        keepAliveTimeout: 30_000,
      }),
  );
  let turn = 0;
  const pool = {
    request: (options: Parameters<Pool['request']>[0]) => pools[turn++ % pools.length]!.request(options),
    close: () => Promise.all(pools.map((p) => p.close())),
  };
  const sorted = [...arrivals].sort((a, b) => a.at - b.at);
  const sent: Sent[] = [];
  const pending: Promise<void>[] = [];
  /** Arrivals due but not ready yet. */
  let waiting: Arrival[] = [];
  let postponed = 0;
  let longestPostponeMs = 0;
  let neverReady = 0;
  let unbuilt = 0;
  let worstLagMs = 0;
  const startedAt = Date.now();
  const start = performance.now();
  let next = 0;
  const fire = (arrival: Arrival, now: number) => {
    const built = arrival.build();
    if (built === undefined) {
      unbuilt++;
      return;
    }
    // A postponed arrival counts from when it could go.
    const planned = start + Math.max(arrival.at, now);
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
  };
  while (next < sorted.length || waiting.length > 0) {
    const now = performance.now() - start;
    const stillWaiting: Arrival[] = [];
    for (const arrival of waiting) {
      if (arrival.ready!()) {
        longestPostponeMs = Math.max(longestPostponeMs, now - arrival.at);
        fire(arrival, now);
      } else if (now - arrival.at > READY_LIMIT_MS) neverReady++;
      else stillWaiting.push(arrival);
    }
    waiting = stillWaiting;
    while (next < sorted.length && sorted[next]!.at <= now) {
      const arrival = sorted[next++]!;
      worstLagMs = Math.max(worstLagMs, now - arrival.at);
      if (arrival.ready && !arrival.ready()) {
        postponed++;
        waiting.push(arrival);
        continue;
      }
      fire(arrival, arrival.at);
    }
    const untilNext = next < sorted.length ? sorted[next]!.at - (performance.now() - start) : 50;
    const wait = waiting.length > 0 ? Math.min(untilNext, POLL_READY_MS) : untilNext;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 50)));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  await pool.close();
  return { sent, startedAt, postponed, longestPostponeMs, neverReady, unbuilt, worstLagMs };
}

/** How long an arrival may wait to be ready before it is given up. */
const READY_LIMIT_MS = 10_000;
/** How often arrivals that are not ready are looked at again. */
const POLL_READY_MS = 5;

/** The value at percentile `p` (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
