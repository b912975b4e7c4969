import type { Core } from '../../src/core/index.js';
import type { ClockResult, ClockStep } from './api.js';
import type { SimulatedClock } from './clock.js';
import type { PlaygroundPlatform } from './platform.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The short step: a session guide's countdown moves in front of you. */
const SHORT_STEP_MS = 10 * MINUTE;
const DAY = 24 * HOUR;
/** "Jump to the next reminder" never goes further than this when nothing is due. */
const MAX_JUMP_MS = 60 * DAY;

/**
 * The time control: moves the simulated clock forward hour by hour, running the scheduler and delivering
 * the outbox at each step, as the minute cron would have over that time. Moves are serialised.
 */
export class TimeControl {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly core: Core,
    private readonly clock: SimulatedClock,
    private readonly platform: PlaygroundPlatform,
  ) {}

  step(step: ClockStep): Promise<ClockResult> {
    const run = this.queue.then(() => this.move(step));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs what is due now and delivers it; returns how many messages reached the playground. */
  async runDue(): Promise<number> {
    const before = this.platform.deliveries;
    await this.core.settle();
    return this.platform.deliveries - before;
  }

  /** The next instant something scheduled is due, as the core computes it from its own rules. */
  nextDue(): Date | null {
    return this.core.nextDue();
  }

  private async move(step: ClockStep): Promise<ClockResult> {
    const now = this.clock.now().getTime();
    if (step === 'minutes') return this.runUntil(new Date(now + SHORT_STEP_MS), false);
    if (step === 'hour') return this.runUntil(new Date(now + HOUR), false);
    if (step === 'day') return this.runUntil(new Date(now + DAY), false);
    // Stepping hour by hour also catches what the computed time does not know about (check-in rounds).
    const due = this.nextDue();
    const target = due && due.getTime() - now <= MAX_JUMP_MS ? due : new Date(now + MAX_JUMP_MS);
    return this.runUntil(target, true);
  }

  /**
   * Moves to `target` (forward only), stopping at each reminder or digest due on the way, and only there:
   * the demo seed crosses weeks in a few steps.
   */
  advanceTo(target: Date): Promise<ClockResult> {
    const run = this.queue.then(async () => {
      let delivered = 0;
      for (let due = this.nextDue(); due && due < target; due = this.nextDue()) {
        this.clock.set(due);
        delivered += await this.runDue();
      }
      if (this.clock.now() < target) this.clock.set(target);
      delivered += await this.runDue();
      return { now: this.clock.now().toISOString(), delivered, reached: true };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runUntil(target: Date, stopOnDelivery: boolean): Promise<ClockResult> {
    let delivered = 0;
    while (this.clock.now() < target) {
      // Steps end on the hour, like the minute cron would find a reminder due at 09:00.
      const nextHour = (Math.floor(this.clock.now().getTime() / HOUR) + 1) * HOUR;
      this.clock.set(new Date(Math.min(target.getTime(), nextHour)));
      delivered += await this.runDue();
      if (stopOnDelivery && delivered > 0) break;
    }
    return {
      now: this.clock.now().toISOString(),
      delivered,
      reached: !stopOnDelivery || delivered > 0,
    };
  }
}
