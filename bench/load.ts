import { Pool } from 'undici';

export type LoadRequest = {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
};

export type LoadResult = {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  durationMs: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Every latency, ascending (to merge runs). */
  latencies: number[];
};

/** Several runs as one: their requests over their summed durations, percentiles over all latencies. */
export function mergeResults(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const durationMs = runs.reduce((t, r) => t + r.durationMs, 0);
  const statuses: Record<number, number> = {};
  for (const r of runs)
    for (const [code, n] of Object.entries(r.statuses))
      statuses[Number(code)] = (statuses[Number(code)] ?? 0) + n;
  return {
    requests: latencies.length,
    errors: runs.reduce((t, r) => t + r.errors, 0),
    statuses,
    durationMs,
    rps: (latencies.length / durationMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    latencies,
  };
}

/** A run's figures from its latencies (sorted here), errors and statuses. */
function summarize(
  latencies: number[],
  errors: number,
  statuses: Record<number, number>,
  durationMs: number,
): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    durationMs,
    rps: (latencies.length / durationMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    latencies,
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * A closed-loop load generator: `connections` virtual clients, each sending its next request as soon as the
 * previous one is answered, for `durationMs` (or until `total` requests were sent). The same generator
 * measures Cairn and every baseline, so only ratios are compared.
 */
export async function runLoad(options: {
  origin: string;
  connections: number;
  durationMs?: number;
  total?: number;
  request: (i: number) => LoadRequest;
  /** Reads the body of the responses this picks (others are discarded unread). */
  inspect?: { pick: (i: number) => boolean; body: (i: number, status: number, text: string) => void };
}): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + (options.durationMs ?? Number.POSITIVE_INFINITY);
  const total = options.total ?? Number.POSITIVE_INFINITY;

  const client = async () => {
    while (performance.now() < deadline && next < total) {
      const i = next++;
      const req = options.request(i);
      const t0 = performance.now();
      try {
        const res = await pool.request({
          path: req.path,
          method: req.method ?? 'POST',
          headers: req.headers,
          body: req.body,
        });
        if (options.inspect?.pick(i)) options.inspect.body(i, res.statusCode, await res.body.text());
        else await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 400) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  const durationMs = performance.now() - started;
  await pool.close();
  return summarize(latencies, errors, statuses, durationMs);
}

/**
 * An open-loop load: `rate` requests per second for `durationMs`, each sent at its scheduled time whatever
 * the previous ones are doing, and its latency counted from that time (so a stall shows in full, not
 * hidden by clients that wait). What people see at a given load, rather than the most a server can take.
 */
export async function runPaced(options: {
  origin: string;
  rate: number;
  durationMs: number;
  request: (i: number) => LoadRequest;
}): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: 256, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const req = options.request(i);
    sends.push(
      pool
        .request({ path: req.path, method: req.method ?? 'POST', headers: req.headers, body: req.body })
        .then(async (res) => {
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 400) errors++;
        })
        .catch(() => {
          errors++;
        })
        .finally(() => {
          latencies.push(performance.now() - due);
        }),
    );
  }
  await Promise.all(sends);
  const durationMs = performance.now() - started;
  await pool.close();
  return summarize(latencies, errors, statuses, durationMs);
}
