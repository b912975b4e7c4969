import type { RespondFn, ViewResponseAction, webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { isDirectChannel } from './addresses.js';
import { slackErrorCode } from './delivery-errors.js';
import { escapeText } from './escape.js';
import { renderForm, renderNotice } from './render-form.js';
import { renderMessage } from './render-message.js';
import { failureMessage } from './strings.js';

/** Where the person acted, which decides how a reply is shown. */
export type Surface =
  /**
   * A slash command or a button in a message: private replies go through the response_url, or without
   * one, as an ephemeral message in the channel (a plain message in a DM).
   */
  | { kind: 'message'; respond?: RespondFn | undefined; channel?: string | undefined; userId: string }
  /** A button on the App Home tab: replies open a modal. */
  | { kind: 'home' }
  /** A button inside an open modal: messages replace it, forms are pushed on top. */
  | { kind: 'modal'; viewId: string; title: string };

export type ReplyIo = {
  client: webApi.WebClient;
  token?: string;
  triggerId: string;
  logger: Logger;
  /** The person's Slack locale, for the words the adapter says itself. */
  locale?: string | undefined;
};

/**
 * Shows the core's reply to a command or a button, after the request was acknowledged: an ephemeral
 * message, or a modal opened with the interaction's trigger_id.
 */
export async function deliverReply(reply: Reply, surface: Surface, io: ReplyIo): Promise<void> {
  try {
    switch (reply.kind) {
      case 'none':
      case 'form.errors':
        return;
      case 'message':
        return await showMessage(reply.message, surface, io);
      case 'form.done':
        if (reply.message) await showMessage(reply.message, surface, io);
        return;
      case 'form':
      case 'form.next': {
        const view = renderForm(reply.form);
        const args = { token: io.token, trigger_id: io.triggerId, view };
        if (surface.kind === 'modal') await io.client.views.push(args);
        else await io.client.views.open(args);
        return;
      }
    }
  } catch (err) {
    io.logger.warn(
      { reply: reply.kind, surface: surface.kind, code: slackErrorCode(err) },
      'reply not shown',
    );
    // A modal Slack would not open (an expired trigger_id, a view refused): said in the conversation.
    if ((reply.kind === 'form' || reply.kind === 'form.next') && surface.kind === 'message') {
      try {
        await showMessage(failureMessage(io.locale), surface, io);
      } catch (again) {
        io.logger.warn({ code: slackErrorCode(again) }, 'failure not shown');
      }
    }
  }
}

async function showMessage(message: Message, surface: Surface, io: ReplyIo): Promise<void> {
  switch (surface.kind) {
    case 'message': {
      const { text, blocks } = renderMessage(message);
      if (surface.respond) {
        await surface.respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
      } else if (surface.channel && !isDirectChannel(surface.channel)) {
        const args = { token: io.token, channel: surface.channel, user: surface.userId, text, blocks };
        await io.client.chat.postEphemeral(args);
      } else {
        const channel = surface.channel ?? surface.userId;
        await io.client.chat.postMessage({ token: io.token, channel, text, blocks, unfurl_links: false });
      }
      return;
    }
    case 'home':
      await io.client.views.open({
        token: io.token,
        trigger_id: io.triggerId,
        view: renderNotice('', message),
      });
      return;
    case 'modal':
      await io.client.views.update({
        token: io.token,
        view_id: surface.viewId,
        view: renderNotice(surface.title, message),
      });
      return;
  }
}

/** The three entities Slack encodes, back to characters (titles Slack echoes in payloads). */
export const unescapeText = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The answer to a view_submission, sent in the HTTP response itself: field errors (keyed by block id =
 * field id), the next step, a closing message, or closing the modal.
 */
export function viewSubmissionResponse(
  reply: Reply,
  submitted: { title: string; blockIds: string[] },
): ViewResponseAction {
  switch (reply.kind) {
    case 'form.errors': {
      const raw: Record<string, string> = {};
      const stray: string[] = [];
      for (const [field, text] of Object.entries(reply.errors)) {
        if (submitted.blockIds.includes(field)) raw[field] = text;
        else stray.push(text);
      }
      const first = submitted.blockIds[0];
      if (!first) return { response_action: 'update', view: renderNotice(submitted.title, noticeOf(stray)) };
      // An error about no field in this view is shown under the first one rather than lost.
      if (stray.length) raw[first] = [raw[first], ...stray].filter(Boolean).join(' ');
      const errors = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, escapeText(v)]));
      return { response_action: 'errors', errors };
    }
    case 'form':
    case 'form.next':
      return { response_action: 'update', view: renderForm(reply.form) };
    case 'form.done':
      return reply.message
        ? { response_action: 'update', view: renderNotice(submitted.title, reply.message) }
        : { response_action: 'clear' };
    case 'message':
      return { response_action: 'update', view: renderNotice(submitted.title, reply.message) };
    case 'none':
      return { response_action: 'clear' };
  }
}

const noticeOf = (lines: string[]): Message => ({
  fallbackText: lines.join('\n'),
  blocks: lines.map((text) => ({ type: 'text', text })),
});
