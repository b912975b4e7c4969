import type { webApi } from '@slack/bolt';
import type { Picture } from '../../src/core/contract/chart.js';
import type { SendGuard } from '../../src/core/contract/chat-platform.js';
import type { Logger } from '../../src/core/contract/logger.js';
import { slackErrorCode, toDeliveryError } from './delivery-errors.js';
import { splitText } from './escape.js';
import { renderBlocks } from './render-message.js';

/** Slack refuses a longer image description (`alt_txt_too_large`). */
export const ALT_TEXT_LIMIT = 1000;

export type PictureUpload = {
  client: webApi.WebClient;
  token: string;
  workspace: string;
  channel: string;
  guard: SendGuard;
  logger: Logger;
};

/**
 * Shares a picture into a conversation with files.uploadV2 (files.getUploadURLExternal, the upload itself,
 * files.completeUploadExternal; it needs the `files:write` scope), its text alternative as the message
 * that comes with it and the start of that text as the image's description for screen readers. Returns
 * the file's id.
 *
 * Undefined when Slack refuses the upload for good (a workspace installed before Cairn asked for
 * `files:write`, file uploads turned off by its administrators): the caller posts the words instead, so the
 * facilitator reads the same figures without the picture. A rate limit or a transient failure is thrown,
 * like any send: nothing reached the conversation, and the outbox sends it again later.
 *
 * The outbox's guard is asked before the upload starts; its three calls then go together, as the parts
 * of a long Teams message do (a hold that arrives between them would only leave a file half uploaded).
 */
export async function uploadPicture(picture: Picture, to: PictureUpload): Promise<string | undefined> {
  const { client, token, workspace, channel, guard, logger } = to;
  guard();
  try {
    const res = await client.files.uploadV2({
      token,
      channel_id: channel,
      file: Buffer.from(picture.pngBase64, 'base64'),
      filename: picture.filename,
      title: picture.title,
      alt_text: splitText(picture.altText, ALT_TEXT_LIMIT)[0] ?? '',
      // Plain text, escaped like every message Cairn posts (blocks rather than initial_comment, which is mrkdwn).
      blocks: renderBlocks([{ type: 'text', text: picture.altText }]),
    });
    return uploadedFileId(res) ?? 'unknown';
  } catch (err) {
    const failure = toDeliveryError(err, workspace);
    if (failure.kind !== 'permanent') throw failure;
    logger.warn(
      { code: slackErrorCode(err) },
      'picture upload refused; its text alternative is sent instead',
    );
    return undefined;
  }
}

/** files.uploadV2 answers with each files.completeUploadExternal answer and its files. */
function uploadedFileId(res: unknown): string | undefined {
  const completions = (res as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return completions[0]?.files?.[0]?.id;
}
