import type { Actor, InboundEvent, Place } from '../../src/core/contract/events.js';
import type { Form, FormValues } from '../../src/core/contract/form.js';
import type { Button, Message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import type { Core } from '../../src/core/index.js';
import {
  directConversation,
  PLAYGROUND_PLATFORM,
  PLAYGROUND_WORKSPACE,
  type PlaygroundPlatform,
  spaceConversation,
} from './platform.js';

export type OpenForm = {
  seq: number;
  form: Form | null;
  errors: Record<string, string>;
  result: Message | null;
};

export type Outcome = { ok: true; reply: Reply } | { ok: false; error: 'unknown' | 'forbidden' | 'stale' };

const COMMAND_PREFIX = /^\/cairn(?:\s+|$)/i;

/**
 * What a persona does in the page (type, press a button, fill a form), turned into neutral events for the
 * core; the core's reply is shown where a platform would show it (a private entry, a dialog).
 */
export class Interactions {
  private readonly forms = new Map<string, OpenForm>();
  private formSeq = 0;

  constructor(
    private readonly core: Core,
    private readonly platform: PlaygroundPlatform,
  ) {}

  actor(ref: string): Actor {
    const persona = this.platform.persona(ref);
    return {
      platform: PLAYGROUND_PLATFORM,
      userRef: ref,
      displayName: persona?.name ?? ref,
      workspace: PLAYGROUND_WORKSPACE,
    };
  }

  openForm(ref: string): OpenForm | undefined {
    return this.forms.get(ref);
  }

  /**
   * Something typed in a conversation. "/cairn …" is a command anywhere; in the direct conversation with
   * Cairn plain words are a command too (as with the Teams bot); in a space they are a message to the group.
   */
  async say(ref: string, conversation: string, typed: string): Promise<Outcome> {
    const place = this.placeOf(ref, conversation);
    if (!place) return { ok: false, error: 'forbidden' };
    const text = typed.trim();
    if (!text) return { ok: false, error: 'unknown' };
    const isCommand = COMMAND_PREFIX.test(text) || place.kind === 'direct';
    if (!isCommand) {
      this.platform.append({ conversation, author: { kind: 'person', ref }, text });
      return { ok: true, reply: { kind: 'none' } };
    }
    this.platform.append({ conversation, author: { kind: 'person', ref }, text, visibleTo: ref });
    const command = text.replace(COMMAND_PREFIX, '');
    return this.dispatch(ref, conversation, {
      kind: 'command',
      actor: this.actor(ref),
      place,
      text: command,
    });
  }

  /**
   * A button pressed on a message (or on the home panel, `entryId` 'home', or in the dialog, 'form'). Only
   * a button that is really on a message this persona can see is accepted, as a platform would.
   */
  async press(ref: string, entryId: string, button: Pick<Button, 'action' | 'value'>): Promise<Outcome> {
    let conversation: string;
    let message: Message | undefined;
    if (entryId === 'home') {
      conversation = directConversation(ref);
      message = this.core.home(this.actor(ref));
    } else if (entryId === 'form') {
      // A button in the dialog: the result shown in a form's place, or the form's introduction.
      const open = this.forms.get(ref);
      conversation = directConversation(ref);
      message =
        open?.result ?? (open?.form?.intro ? { fallbackText: '', blocks: open.form.intro } : undefined);
      if (open?.result) this.closeForm(ref);
    } else {
      const entry = this.platform.findEntry(entryId);
      if (!entry || !this.platform.canSee(ref, entry.conversation)) return { ok: false, error: 'unknown' };
      if (entry.visibleTo !== undefined && entry.visibleTo !== ref) return { ok: false, error: 'unknown' };
      conversation = entry.conversation;
      message = entry.message;
    }
    const exists = message?.blocks.some(
      (b) =>
        b.type === 'actions' &&
        b.buttons.some((x) => !x.url && x.action === button.action && x.value === button.value),
    );
    if (!exists) return { ok: false, error: 'unknown' };
    const place = this.placeOf(ref, conversation);
    if (!place) return { ok: false, error: 'forbidden' };
    return this.dispatch(ref, conversation, {
      kind: 'action',
      actor: this.actor(ref),
      place,
      action: button.action,
      value: button.value,
    });
  }

  /** The open form, submitted with these values; `seq` must be the form the page shows. */
  async submit(ref: string, seq: number, values: FormValues): Promise<Outcome> {
    const open = this.forms.get(ref);
    if (!open?.form || open.seq !== seq) return { ok: false, error: 'stale' };
    const reply = await this.core.handle({
      kind: 'form.submitted',
      actor: this.actor(ref),
      formId: open.form.id,
      state: open.form.state,
      values,
    });
    this.show(ref, directConversation(ref), reply);
    return { ok: true, reply };
  }

  /** The dialog was closed (cancelled, or its result read). */
  closeForm(ref: string): void {
    if (this.forms.delete(ref)) this.touch();
  }

  private async dispatch(ref: string, conversation: string, event: InboundEvent): Promise<Outcome> {
    const reply = await this.core.handle(event);
    this.show(ref, conversation, reply);
    return { ok: true, reply };
  }

  /** Shows a reply where the platform would: a private entry, or the dialog. */
  private show(ref: string, conversation: string, reply: Reply): void {
    switch (reply.kind) {
      case 'none':
        return;
      case 'message':
        this.platform.append({
          conversation,
          author: { kind: 'cairn' },
          message: reply.message,
          visibleTo: ref,
        });
        return;
      case 'form':
      case 'form.next':
        this.forms.set(ref, { seq: ++this.formSeq, form: reply.form, errors: {}, result: null });
        this.touch();
        return;
      case 'form.errors': {
        const open = this.forms.get(ref);
        if (open) this.forms.set(ref, { ...open, errors: reply.errors });
        this.touch();
        return;
      }
      case 'form.done':
        if (reply.message) {
          this.forms.set(ref, { seq: ++this.formSeq, form: null, errors: {}, result: reply.message });
        } else {
          this.forms.delete(ref);
        }
        this.touch();
        return;
    }
  }

  private placeOf(ref: string, conversation: string): Place | undefined {
    if (!this.platform.persona(ref) || !this.platform.canSee(ref, conversation)) return undefined;
    if (conversation === directConversation(ref)) return { kind: 'direct' };
    const space = this.platform.spacesOf(ref).find((s) => spaceConversation(s.address) === conversation);
    return space ? { kind: 'space', address: space.address } : undefined;
  }

  private touch(): void {
    this.formsChanged?.();
  }

  /** Called when a persona's form changes (the page refreshes). */
  formsChanged: (() => void) | undefined;
}
