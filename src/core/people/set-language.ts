import { normalizeWord } from '../contract/commands.js';
import type { Language } from '../contract/language.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { translator } from '../i18n/catalogue.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ensureStored } from '../kernel/request.js';

const NAMES: Record<string, Language> = {
  fr: 'fr',
  francais: 'fr',
  french: 'fr',
  en: 'en',
  english: 'en',
  anglais: 'en',
};

/** `/cairn language fr|en`: the person's own language for everything Cairn sends them. */
export function setLanguage(req: Request, args: string): Reply {
  const lang = NAMES[normalizeWord(args)];
  if (!lang) return failureReply(req, 'LANGUAGE.UNKNOWN');
  const person = ensureStored(req);
  req.deps.store.people.update({ ...person, language: lang });
  return { kind: 'message', message: message(translator(lang)('language.set')) };
}
