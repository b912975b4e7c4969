import { describe, expect, it } from 'vitest';
import { type Pacer, RateLimiter } from '../../src/core/delivery/rate-limiter.js';

class ManualPacer implements Pacer {
  t = 0;
  nowMs(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

const limit = (perSecond: number, key = 'conversation:1') => [{ key, perSecond }];

describe('RateLimiter', () => {
  it('counts a send from its start until a second after its answer, however long the answer took', () => {
    const pacer = new ManualPacer();
    const limiter = new RateLimiter(pacer);
    const two = limit(2);
    limiter.take(two);
    limiter.take(two);
    // Both in flight: no slot, and no end time known yet.
    expect(limiter.waitFor(two)).toBeGreaterThan(0);
    pacer.t = 300; // the platform answered both after 300 ms
    limiter.done(two);
    limiter.done(two);
    expect(limiter.waitFor(two)).toBe(1002);
    pacer.t = 1301;
    expect(limiter.waitFor(two)).toBe(1);
    pacer.t = 1302;
    expect(limiter.waitFor(two)).toBe(0);
  });

  it('a send that ends frees its slot a second later even while another one is still in flight', () => {
    const pacer = new ManualPacer();
    const limiter = new RateLimiter(pacer);
    const two = limit(2);
    limiter.take(two);
    limiter.take(two);
    pacer.t = 50;
    limiter.done(two); // one answered at 50 ms, the other still out
    pacer.t = 1051;
    expect(limiter.waitFor(two)).toBe(1);
    pacer.t = 1052;
    expect(limiter.waitFor(two)).toBe(0);
    limiter.take(two);
    expect(limiter.waitFor(two)).toBeGreaterThan(0);
  });

  it('keeps every limit of a send (conversation and workspace) and gives a released take back', () => {
    const pacer = new ManualPacer();
    const limiter = new RateLimiter(pacer);
    const a = [...limit(1, 'conversation:a'), ...limit(2, 'workspace')];
    const b = [...limit(1, 'conversation:b'), ...limit(2, 'workspace')];
    const c = [...limit(1, 'conversation:c'), ...limit(2, 'workspace')];
    limiter.take(a);
    limiter.take(b);
    expect(limiter.waitFor(a)).toBeGreaterThan(0);
    expect(limiter.waitFor(c)).toBeGreaterThan(0); // the workspace is full
    limiter.release(b); // b was claimed by another worker: it never went out
    expect(limiter.waitFor(c)).toBe(0);
    expect(limiter.waitFor(b)).toBe(0);
  });

  it('holds a key for the time a Retry-After asks', () => {
    const pacer = new ManualPacer();
    const limiter = new RateLimiter(pacer);
    limiter.pause('workspace', 3000);
    expect(limiter.waitFor(limit(10, 'workspace'))).toBe(3000);
    pacer.t = 3000;
    expect(limiter.waitFor(limit(10, 'workspace'))).toBe(0);
  });
});
