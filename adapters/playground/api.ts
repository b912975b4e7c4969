/**
 * What the playground's HTTP API exchanges with its page. Shared by the server and the front end (types
 * only, no runtime imports), so both sides agree on every shape.
 */
import type { Form } from '../../src/core/contract/form.js';
import type { Message } from '../../src/core/contract/message.js';

export type Language = 'fr' | 'en';

export type PersonaView = {
  ref: string;
  name: string;
  /** The persona's role in the playground's group, when they are in it. */
  role: 'facilitator' | 'member' | null;
};

export type EntryView = {
  id: string;
  /** Who wrote it: Cairn, or a persona (what they typed, or a plain message in the space). */
  author: { kind: 'cairn' } | { kind: 'person'; ref: string; name: string };
  /** ISO instant on the simulated clock. */
  at: string;
  /** Only the viewing persona sees it (a command they typed, a private reply in a space). */
  private: boolean;
  edited: boolean;
  /** A message from Cairn, rendered from its neutral blocks. */
  message?: Message;
  /** What a persona typed, shown verbatim (as text). */
  text?: string;
};

export type ConversationView = {
  id: string;
  kind: 'direct' | 'space';
  title: string;
  entries: EntryView[];
};

/** The form open for the persona, without its sealed state (the server keeps it). */
export type FormView = {
  seq: number;
  form: Omit<Form, 'state'> | null;
  errors: Record<string, string>;
  /** Shown in the dialog's place once the form is done. */
  result: Message | null;
};

/** A sub-command the composer completes, described in the persona's language. */
export type CommandView = {
  name: string;
  aliases: string[];
  facilitatorOnly: boolean;
  description: string;
};

export type View = {
  persona: string;
  personas: PersonaView[];
  language: Language;
  /** The simulated time, ISO, and the time zone to show it in. */
  now: string;
  timeZone: string;
  conversations: ConversationView[];
  form: FormView | null;
  home: Message;
  commands: CommandView[];
};

/** `minutes`: ten minutes (a session's steps, with the guide running). */
export type ClockStep = 'minutes' | 'hour' | 'day' | 'next';

export type ClockResult = { now: string; delivered: number; reached: boolean };

/** Server-sent events: the page refetches its view on `update`. */
export type ServerEvent = { type: 'update'; seq: number } | { type: 'clock'; now: string };
