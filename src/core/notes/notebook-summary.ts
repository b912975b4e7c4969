import { ACTION } from '../contract/ids.js';
import { actions, type Block, context } from '../contract/message.js';
import { groupsOf } from '../kernel/access.js';
import type { Request } from '../kernel/request.js';
import { lastSessionStart } from './notebook.js';

/** The notebook as the home view shows it: how many notes, how many since the last session, its buttons. */
export function notebookBlocks(req: Request): Block[] {
  const groups = groupsOf(req);
  if (groups.length === 0) return [];
  const { t, deps } = req;
  const now = deps.clock.now();
  const total = deps.store.notes.countByAuthor(req.person.id, null);
  const starts = groups.map((g) => lastSessionStart(deps, g.group.id, now)).filter((d): d is Date => !!d);
  const since = starts.length ? new Date(Math.max(...starts.map((d) => d.getTime()))) : null;
  const recent = since ? deps.store.notes.countByAuthor(req.person.id, since) : total;
  return [
    context(t('home.notebook', { total, recent })),
    actions(
      { action: ACTION.notesList, label: t('notes.open'), value: '' },
      { action: ACTION.noteOpen, label: t('notes.write'), value: '' },
    ),
  ];
}
