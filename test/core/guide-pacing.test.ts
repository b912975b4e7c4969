import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPlatform } from '../../adapters/memory/platform.js';
import { DeliveryError, type SendGuard } from '../../src/core/contract/chat-platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { Pacer } from '../../src/core/delivery/rate-limiter.js';
import {
  guideEdits,
  guideText,
  MINUTE,
  pressGuide,
  runningGuide,
  selectedCase,
  startGuide,
} from '../support/guide.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

const SPACE = 'C-LYON';

/** Pacing time that passes only when the outbox sleeps. */
class VirtualPacer implements Pacer {
  private t = 1_000_000;
  nowMs(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += Math.max(ms, 1);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The memory platform, noting when (in pacing time) each edit reached it. */
class TimedPlatform extends MemoryPlatform {
  readonly editTimes: number[] = [];
  constructor(private readonly pacer: Pacer) {
    super();
  }
  override async updateMessage(ref: string, message: Message, guard?: SendGuard): Promise<void> {
    this.editTimes.push(this.pacer.nowMs());
    return super.updateMessage(ref, message, guard);
  }
}

let h: Harness;
afterEach(() => h.close());

/** A guide running in a group whose conversations take one message a second, on virtual pacing time. */
async function guideOnPacedPlatform() {
  const pacer = new VirtualPacer();
  const platform = new TimedPlatform(pacer);
  h = await createHarness({ start: '2026-03-02T08:00:00Z', pacer, platform });
  const { facilitator, users, group } = await setUpGroup(h, { language: 'en' });
  await scheduleSession(facilitator, SPACE, '2026-03-05', '14:00');
  await selectedCase(h, users[0]!, facilitator, 'How can I hand over the night shift?');
  await h.advanceTo('2026-03-05T12:50:00Z', 24 * 3_600_000);
  platform.limits = [{ key: 'memory:{address}', perSecond: 1 }];
  await startGuide(h, facilitator, SPACE);
  return { platform, facilitator, group };
}

/** The guide's edit rows not sent yet (queued or in flight). */
const waitingEdits = (h: Harness): number =>
  (
    h.db.sqlite
      .prepare(
        "SELECT count(*) AS n FROM outbox WHERE id LIKE 'guide:%:edit:%' AND status IN ('pending', 'sending')",
      )
      .get() as { n: number }
  ).n;

describe('the session guide within the platforms’ edit limits', () => {
  it('edits the message at most once a minute from the clock, and paces presses to the conversation’s limit', async () => {
    const { platform, facilitator } = await guideOnPacedPlatform();
    // An hour of minute ticks: one edit each time the minutes shown change, never more.
    for (let minute = 1; minute <= 60; minute++) {
      await h.advance(MINUTE, MINUTE);
      expect(waitingEdits(h)).toBe(0);
    }
    expect(guideEdits(h, SPACE)).toBe(60);
    expect(guideText(h, SPACE)).toContain('Presentation — 50 min over');

    // Eight presses, each delivered before the next: no two edits of the conversation within a second.
    const before = platform.editTimes.length;
    for (let i = 0; i < 8; i++) {
      await pressGuide(h, facilitator, SPACE, i % 2 === 0 ? ACTION.guideExtend : ACTION.guidePause);
      await h.run();
    }
    const times = platform.editTimes.slice(before);
    expect(times).toHaveLength(8);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
  });

  it('edits coalesce while the platform holds them back: one edit waits, and it carries the latest state', async () => {
    const { platform, facilitator, group } = await guideOnPacedPlatform();
    await h.advance(MINUTE, MINUTE);
    const delivered = guideEdits(h, SPACE);
    // The platform answers the next edit with a Retry-After of two minutes.
    platform.failNext(new DeliveryError('rate_limited', 'ratelimited', 2 * MINUTE, 'memory:C-LYON'));
    await pressGuide(h, facilitator, SPACE, ACTION.guideExtend);
    await h.run();
    expect(waitingEdits(h)).toBe(1);
    // Ten more presses and a minute tick while it waits: still one edit waiting, no new row.
    const rows = () =>
      (
        h.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE id LIKE 'guide:%:edit:%'").get() as {
          n: number;
        }
      ).n;
    const rowsBefore = rows();
    for (let i = 0; i < 10; i++) await pressGuide(h, facilitator, SPACE, ACTION.guideExtend);
    h.clock.advance(MINUTE);
    h.core.tick();
    expect(rows()).toBe(rowsBefore);
    expect(waitingEdits(h)).toBe(1);
    expect(guideEdits(h, SPACE)).toBe(delivered);

    // Once the Retry-After has passed: one edit, showing 10 + 11 × 5 minutes.
    h.clock.advance(MINUTE);
    await h.run();
    expect(guideEdits(h, SPACE)).toBe(delivered + 1);
    expect(waitingEdits(h)).toBe(0);
    expect(runningGuide(h, group.id).extraMinutes).toBe(55);
    expect(guideText(h, SPACE)).toContain('▶ 1. Presentation · 65 min');
  });

  it('a guide posted while its first post still waits: the post leaves with the latest state, no edit at all', async () => {
    const pacer = new VirtualPacer();
    h = await createHarness({ start: '2026-03-02T08:00:00Z', pacer });
    const { facilitator, users } = await setUpGroup(h, { language: 'en' });
    await scheduleSession(facilitator, SPACE, '2026-03-05', '14:00');
    await selectedCase(h, users[0]!, facilitator, 'How can I hand over the night shift?');
    await h.advanceTo('2026-03-05T12:50:00Z', 24 * 3_600_000);
    await facilitator.command('guide', { in: SPACE });
    await facilitator.submit({});
    // Not delivered yet (no outbox run): the presses change the post itself.
    const g = h.store.guides.findRunning(h.store.groups.findBySpace(SPACE)!.id)!;
    await facilitator.press({ action: ACTION.guideExtend, value: `${g.id}:0` }, { in: SPACE });
    await facilitator.press({ action: ACTION.guideNext, value: `${g.id}:0` }, { in: SPACE });
    expect(h.store.outbox.get(g.postId)?.status).toBe('pending');
    await h.run();
    expect(guideEdits(h, SPACE)).toBe(0);
    expect(guideText(h, SPACE)).toContain('▶ Step 2/6 — Clarification questions — 10 min left');
  });
});
