import { type Block, message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { errorMessage } from '../i18n/catalogue.js';
import type { Request } from './request.js';
import type { ErrorCode, Failure } from './result.js';

export const errorText = (req: Request, code: ErrorCode): string => errorMessage(req.lang, code);

/** A private reply carrying a translated failure. */
export function failureReply(req: Request, failure: Failure | ErrorCode): Reply {
  const code = typeof failure === 'string' ? failure : failure.code;
  return { kind: 'message', message: message(errorText(req, code)) };
}

/** The same failure, shown in place of a submitted form. */
export function failureFormReply(req: Request, failure: Failure | ErrorCode): Reply {
  const code = typeof failure === 'string' ? failure : failure.code;
  return { kind: 'form.done', message: message(errorText(req, code)) };
}

export const privateText = (text: string, ...blocks: Block[]): Reply => ({
  kind: 'message',
  message: message(text, ...blocks),
});
