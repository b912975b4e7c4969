/** A call as the fakes record it: when it arrived, when it was answered, with what status. */
export type TimedCall = { at: number; answeredAt?: number | undefined; status?: number | undefined };

export type PauseFigures = {
  refusals: number;
  /** Calls that arrived while a Retry-After pause was running (after the grace for calls already sent). */
  callsDuringPause: number;
  /** Shortest time between a 429 and the next call that was not already on its way. */
  shortestGapMs: number | null;
};

/**
 * Checks Retry-After from the platform's side: after each 429 answered at `t`, no call may arrive before
 * `t + pauseMs`, except calls that arrived within `graceMs` of `t` (sent before Cairn read the 429).
 */
export function pauseFigures(calls: TimedCall[], pauseMs: number, graceMs: number): PauseFigures {
  const refusals = calls.filter((c) => c.status === 429 && c.answeredAt !== undefined);
  let during = 0;
  let shortest: number | null = null;
  for (const call of calls) {
    for (const r of refusals) {
      const gap = call.at - r.answeredAt!;
      if (gap <= graceMs) continue;
      if (gap < pauseMs) during++;
      if (shortest === null || gap < shortest) shortest = gap;
    }
  }
  return { refusals: refusals.length, callsDuringPause: during, shortestGapMs: shortest };
}
