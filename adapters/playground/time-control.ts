import type { Core } from '../../src/core/index.js';
import { digestDueAt, reminderDueAt } from '../../src/core/domain/times.js';
import { scheduledRoundTimes } from '../../src/core/checkins/round-schedule.js';
import { reminderKey } from '../../src/core/reminders/send-case-reminders.js';
import type { ClockResult, ClockStep } from './api.js';
import type { SimulatedClock } from './clock.js';
import type { PlaygroundPlatform } from './platform.js';

const HOUR = 3_600_000;
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
    await this.core.idle();
    this.core.tick();
    await this.core.outbox.drain();
    return this.platform.deliveries - before;
  }

  /**
   * The next instant something scheduled is due, computed from the database with the core's scheduling
   * rules: case-preparation reminders and facilitators' digests not yet sent, check-in rounds to open
   * after a session, to remind halfway or to close.
   */
  nextDue(): Date | null {
    const { deps } = this.core;
    const { store } = deps;
    const now = this.clock.now();
    let next: Date | null = null;
    const consider = (at: Date, key?: string) => {
      if (at > now && (!next || at < next) && !(key && store.occurrences.has(key))) next = at;
    };
    for (const group of store.groups.listAll()) {
      for (const session of store.sessions.listUpcoming(group.id, now)) {
        for (const offset of group.reminderOffsets) {
          consider(
            reminderDueAt(session.startsAt, offset, group.timeZone),
            reminderKey(session, group.timeZone, offset),
          );
        }
        consider(digestDueAt(session.startsAt, group.timeZone), `digest:${session.id}`);
        consider(scheduledRoundTimes(deps, group, session).opensAt, `checkin-open:${session.id}`);
      }
      for (const session of store.sessions.listPast(group.id, now, 1)) {
        consider(scheduledRoundTimes(deps, group, session).opensAt, `checkin-open:${session.id}`);
      }
    }
    for (const round of store.checkins.listOpen()) {
      const opened = round.openedAt.getTime();
      consider(new Date(opened + (round.closesAt.getTime() - opened) / 2), `checkin-halfway:${round.id}`);
      consider(round.closesAt);
    }
    return next;
  }

  private async move(step: ClockStep): Promise<ClockResult> {
    const now = this.clock.now().getTime();
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
