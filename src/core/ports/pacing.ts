import type { RateLimit } from '../contract/chat-platform.js';

/**
 * Pacing that several instances on one database share (PostgreSQL). On SQLite there is one instance and
 * the outbox worker's own limiter is the whole truth; with several, each would otherwise send its own
 * share at the full rate, and a Retry-After seen by one would not hold the others.
 */
export interface SharedPacing {
  /**
   * Reserves one send under every limit, all or none: 0 when reserved, else the milliseconds until one
   * may be (a pause, or the spacing the rate asks for).
   */
  reserve(limits: RateLimit[]): number;
  /** Holds a key for every instance (a Retry-After). */
  pause(key: string, ms: number): void;
  /** The pauses in force now: key -> milliseconds left. */
  pauses(): Map<string, number>;
}
