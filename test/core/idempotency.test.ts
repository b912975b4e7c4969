import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPlatform } from '../../adapters/memory/platform.js';
import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import type { Clock } from '../../src/core/contract/clock.js';
import type { Message } from '../../src/core/contract/message.js';
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker } from '../../src/core/delivery/outbox-worker.js';
import { type Core, createCore } from '../../src/core/index.js';
import { Platforms } from '../../src/core/kernel/platforms.js';
import { randomIds } from '../../src/host/ids.js';
import { createLogger } from '../../src/host/logger.js';
import { createSecrets } from '../../src/host/secrets.js';
import { createHarness, type Harness, LogBuffer, scheduleSession, setUpGroup } from '../support/harness.js';
import { caseValues, countRows, outboxCounts } from '../support/scenario.js';

let h: Harness;
const opened: DatabaseHandle[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  h?.close();
});

/** A platform whose sends take a little while, so that concurrent senders really interleave. */
class SlowPlatform extends MemoryPlatform {
  override async sendDirect(userRef: string, message: Message): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
    return super.sendDirect(userRef, message);
  }
}

/** A second Cairn process: its own connection to the same file, the same platform and clock. */
function secondCore(file: string, platform: MemoryPlatform, clock: Clock): Core {
  const db = openDatabase(file);
  opened.push(db);
  return createCore({
    store: createSqliteStore(db),
    clock,
    ids: randomIds,
    logger: createLogger({ level: 'warn', destination: new LogBuffer() }),
    secrets: createSecrets('test-secret-that-is-long-enough-for-cairn'),
    platforms: new Platforms([platform]),
    config: {
      defaultLanguage: 'fr',
      defaultTimeZone: 'Europe/Paris',
      privacyUrl: 'https://example.org/privacy',
      purgeGraceDays: 7,
    },
    outbox: { baseBackoffMs: 1_000, giveUpMs: 600_000 },
  });
}

const manyMembers = (n: number): [string, string][] =>
  Array.from({ length: n }, (_, i) => [`U-M${String(i).padStart(2, '0')}`, `Membre ${i}`]);

/** Direct messages received, per address. */
function directCounts(platform: MemoryPlatform): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of platform.deliveries)
    if (d.kind === 'direct') counts.set(d.address, (counts.get(d.address) ?? 0) + 1);
  return counts;
}

describe('each reminder is sent once', () => {
  it('two ticks for the same minute', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    h.clock.set('2026-03-17T08:00:00Z');

    expect(h.core.tick()).toMatchObject({ caseReminders: 5, digests: 0 });
    expect(h.core.tick()).toMatchObject({ caseReminders: 0, digests: 0 });
    await h.core.outbox.drain();
    await h.run();
    h.clock.set('2026-03-17T08:00:30Z');
    await h.run();

    expect([...directCounts(h.platform).values()]).toEqual([1, 1, 1, 1, 1]);
    expect(outboxCounts(h)).toEqual({ sent: 6 }); // five reminders and the welcome
  });

  it('two Cairn processes on the same database, ticking and draining at the same time', async () => {
    const platform = new SlowPlatform();
    h = await createHarness({ platform });
    const { facilitator } = await setUpGroup(h, { members: manyMembers(40) });
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const other = secondCore(h.file, platform, h.clock);

    for (const at of ['2026-03-17T08:00:00Z', '2026-03-22T08:00:00Z', '2026-03-23T08:00:00Z']) {
      h.clock.set(at);
      const ticks = [h.core.tick(), other.tick()];
      await Promise.all([h.core.outbox.drain(), other.outbox.drain(), h.core.outbox.drain()]);
      // Exactly one of the two computed the fan-out.
      const sums = ticks.map((t) => t.caseReminders! + t.digests!);
      expect(sums.sort((a, b) => a - b)).toEqual([0, at.startsWith('2026-03-23') ? 1 : 40]);
    }

    const counts = directCounts(platform);
    expect(counts.size).toBe(41);
    for (const [ref, n] of counts) expect(n, ref).toBe(ref === 'U-FAC' ? 1 : 2);
    expect(outboxCounts(h)).toEqual({ sent: 82 }); // 80 reminders, a digest, the welcome
  });

  it('a platform retrying the same event (same id) has no second effect', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const alice = users[0]!;
    await alice.command('case');
    const event = {
      kind: 'form.submitted' as const,
      eventId: 'evt-123',
      actor: { platform: 'memory', userRef: 'U-ALICE', displayName: 'Alice Martin', workspace: 'W1' },
      formId: alice.form!.id,
      state: alice.form!.state,
      values: caseValues(),
    };
    expect((await h.platform.dispatch(event)).kind).toBe('form.done');
    expect(await h.platform.dispatch(event)).toEqual({ kind: 'none' });
    await h.run();
    expect(countRows(h, 'cases')).toBe(1);
    expect(facilitator.directs).toHaveLength(1);
  });
});

describe('outbox workers racing for the same rows', () => {
  it('two workers of one process deliver each row once', async () => {
    const platform = new SlowPlatform();
    h = await createHarness({ platform });
    const { facilitator } = await setUpGroup(h, { members: manyMembers(60) });
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    h.clock.set('2026-03-17T08:00:00Z');
    h.core.tick();
    const options = { ...DEFAULT_OUTBOX_OPTIONS, concurrency: 8 };
    const workers = [new OutboxWorker(h.deps, options), new OutboxWorker(h.deps, options)];

    const handled = await Promise.all(workers.map((w) => w.drain()));
    expect(handled[0]! + handled[1]!).toBe(60);
    expect(handled.every((n) => n > 0)).toBe(true); // both really took part
    expect([...directCounts(platform).values()]).toEqual(Array(60).fill(1));
    expect(outboxCounts(h)).toEqual({ sent: 61 });
  });

  it('two workers of two processes (two connections) deliver each row once', async () => {
    const platform = new SlowPlatform();
    h = await createHarness({ platform });
    const { facilitator } = await setUpGroup(h, { members: manyMembers(60) });
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const other = secondCore(h.file, platform, h.clock);
    h.clock.set('2026-03-17T08:00:00Z');
    h.core.tick();

    const handled = await Promise.all([h.core.outbox.drain(), other.outbox.drain()]);
    expect(handled[0]! + handled[1]!).toBe(60);
    expect(handled.every((n) => n > 0)).toBe(true);
    expect([...directCounts(platform).values()]).toEqual(Array(60).fill(1));
    expect(outboxCounts(h)).toEqual({ sent: 61 });
  });
});
