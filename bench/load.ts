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
};

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
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    statuses,
    durationMs,
    rps: (latencies.length / durationMs) * 1000,
    p50: pct(50),
    p99: pct(99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}
