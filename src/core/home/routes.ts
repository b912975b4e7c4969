import { ACTION, FORM } from '../contract/ids.js';
import { privateText } from '../kernel/replies.js';
import type { FeatureRoutes, Handler } from '../kernel/routes.js';
import { showHelp } from './show-help.js';

/** Help, and the forms that only show something. */
export const homeRoutes = {
  commands: { help: (req) => showHelp(req) },
  actions: { [ACTION.help]: (req) => showHelp(req) },
  forms: { [FORM.notice]: () => ({ kind: 'form.done' }) },
} satisfies FeatureRoutes;

/** A word that is no sub-command: help, with a line saying the word was not understood. */
export const unknownCommand: Handler<string> = (req, word) => {
  const help = showHelp(req);
  if (!word) return help;
  const notice = req.t('help.unknownCommand', { word: word.slice(0, 40) });
  if (help.kind !== 'message') return privateText(notice);
  return {
    kind: 'message',
    message: { ...help.message, blocks: [{ type: 'text', text: notice }, ...help.message.blocks] },
  };
};
