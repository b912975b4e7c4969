import type { Place } from '../../src/core/contract/events.js';
import type { Form, FormValues } from '../../src/core/contract/form.js';
import type { Button, Message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { messageText } from './message-text.js';
import type { MemoryPlatform } from './platform.js';

/** One user's point of view: what they do and what they see. */
export class MemoryUser {
  readonly replies: Reply[] = [];
  form: Form | undefined;
  formErrors: Record<string, string> = {};
  /** What was shown in place of the last form closed. */
  formResult: Message | undefined;

  constructor(
    private readonly platform: MemoryPlatform,
    readonly userRef: string,
  ) {}

  get displayName(): string {
    return this.platform.displayName(this.userRef);
  }

  /** Direct messages Cairn sent this user proactively. */
  get directs(): Message[] {
    return this.platform.directsTo(this.userRef);
  }

  get lastReply(): Reply | undefined {
    return this.replies[this.replies.length - 1];
  }

  /** Text of the last private reply (all blocks), for assertions. */
  get lastText(): string {
    const reply = this.lastReply;
    return reply?.kind === 'message' ? messageText(reply.message) : '';
  }

  /** `/cairn <text>`, in a space or (default) in the direct conversation with Cairn. */
  async command(text: string, where?: { in: string }): Promise<Reply> {
    return this.receive(
      await this.platform.dispatch({ kind: 'command', actor: this.actor(), place: place(where), text }),
    );
  }

  /** Presses a button; `button` may come from a message this user received. */
  async press(button: Pick<Button, 'action' | 'value'>, where?: { in: string }): Promise<Reply> {
    return this.receive(
      await this.platform.dispatch({
        kind: 'action',
        actor: this.actor(),
        place: place(where),
        action: button.action,
        value: button.value,
      }),
    );
  }

  /**
   * Fills the open form like a client would (initial values kept unless overridden) and submits it.
   * `raw` submits a form id and state of the caller's choosing (a forged submission).
   */
  async submit(values: FormValues, raw?: { formId: string; state: string }): Promise<Reply> {
    const form = this.form;
    if (!form && !raw) throw new Error(`${this.userRef} has no open form`);
    const filled: FormValues = {};
    for (const field of form?.fields ?? []) {
      if (field.initial === undefined) continue;
      filled[field.id] = typeof field.initial === 'boolean' ? (field.initial ? 'true' : '') : field.initial;
    }
    Object.assign(filled, values);
    const reply = await this.platform.dispatch({
      kind: 'form.submitted',
      actor: this.actor(),
      formId: raw?.formId ?? form!.id,
      state: raw?.state ?? form!.state,
      values: filled,
    });
    return this.receive(reply);
  }

  private receive(reply: Reply): Reply {
    this.replies.push(reply);
    switch (reply.kind) {
      case 'form':
      case 'form.next':
        this.form = reply.form;
        this.formErrors = {};
        break;
      case 'form.errors':
        this.formErrors = reply.errors;
        break;
      case 'form.done':
        this.form = undefined;
        this.formErrors = {};
        this.formResult = reply.message;
        break;
      default:
        break;
    }
    return reply;
  }

  private actor() {
    return {
      platform: this.platform.id,
      userRef: this.userRef,
      displayName: this.displayName,
      workspace: this.platform.workspace,
    };
  }
}

const place = (where?: { in: string }): Place =>
  where ? { kind: 'space', address: where.in } : { kind: 'direct' };
