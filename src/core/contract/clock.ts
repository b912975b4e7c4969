export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that reads `start` now and then runs at `base`'s speed, or `speed` times faster (fault tests start
 * Cairn in the past, and compress a long outage into minutes).
 */
export function clockStartingAt(start: Date, base: Clock = systemClock, speed = 1): Clock {
  const began = base.now().getTime();
  return { now: () => new Date(start.getTime() + (base.now().getTime() - began) * speed) };
}

/** A clock that only moves when told: tests and the playground's time control. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}
