import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/core/contract/clock.js';
import type { Form } from '../../src/core/contract/form.js';

const TTL_MS = 24 * 3_600_000;
const MAX_ENTRIES = 5_000;

/**
 * Forms a typed command opened. Teams can only open a dialog when a button is pressed, so Cairn answers
 * a typed command with a card whose button carries a token for the form kept here (in memory, for a day,
 * for the person it was opened for only). After a restart the person types the command again.
 */
export class FormCache {
  private readonly entries = new Map<string, { form: Form; userRef: string; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  put(form: Form, userRef: string): string {
    const now = this.clock.now().getTime();
    for (const [token, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(token);
    }
    const token = randomUUID();
    this.entries.set(token, { form, userRef, expiresAt: now + TTL_MS });
    return token;
  }

  get(token: string, userRef: string): Form | undefined {
    const entry = this.entries.get(token);
    if (!entry || entry.userRef !== userRef || entry.expiresAt <= this.clock.now().getTime())
      return undefined;
    return entry.form;
  }
}
