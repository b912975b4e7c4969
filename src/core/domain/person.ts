import type { Language } from '../contract/language.js';

/** One platform user Cairn knows. `userRef` is the adapter's opaque id. */
export type Person = {
  id: string;
  platform: string;
  workspace: string;
  userRef: string;
  displayName: string;
  language: Language | null;
  pausedUntil: Date | null;
  createdAt: Date;
};
