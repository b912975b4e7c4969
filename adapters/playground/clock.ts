import { type Clock, systemClock } from '../../src/core/contract/clock.js';

type Listener = (now: Date) => void;

/**
 * The playground's clock: real time plus an offset that the time control moves forward, so reminders,
 * round openings and closings happen in front of the person trying Cairn.
 */
export class SimulatedClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** How far ahead of the base clock the simulated time is. */
  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): Date {
    return this.set(new Date(this.now().getTime() + ms));
  }

  /** Sets the simulated time (the demo seed goes back in time, then returns to now). */
  set(to: Date): Date {
    this.offsetMs = to.getTime() - this.base.now().getTime();
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  /** Back to the base clock's time. */
  reset(): Date {
    return this.set(this.base.now());
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
