export interface ReminderOptOutRepository {
  /** "Not this time": no more case reminders for this session. */
  add(sessionId: string, personId: string): void;
  has(sessionId: string, personId: string): boolean;
  /** The sessions a person said "not this time" for (their export). */
  listByPerson(personId: string): string[];
  deleteByPerson(personId: string): void;
}

export interface OccurrenceRepository {
  /** Records that a scheduled occurrence was handled; false when it already was (a double tick). */
  tryRecord(key: string, at: Date, outcome: 'done' | 'skipped'): boolean;
  has(key: string): boolean;
  /** Forgets occurrences keyed under a prefix (e.g. a deleted group). */
  deleteByPrefix(prefix: string): void;
  /** How many occurrences keyed under a prefix happened at or after `since`. */
  countSince(prefix: string, since: Date): number;
  /** Forgets occurrences keyed under a prefix that happened before `before`. */
  deleteBefore(prefix: string, before: Date): void;
}

export interface InboundEventRepository {
  /** True the first time an inbound platform event id is seen (and records it). */
  firstSeen(eventId: string, at: Date): boolean;
  /** Whether an inbound platform event id was recorded (its delivery was handled). */
  seen(eventId: string): boolean;
  deleteOlderThan(before: Date): void;
}

export interface LeaseRepository {
  /** Takes or renews a named lease; false while another holder has it. */
  acquire(name: string, holder: string, now: Date, ttlMs: number): boolean;
  release(name: string, holder: string): void;
}
