import { ACTION } from '../contract/ids.js';
import { actions, type Block, type Button, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { Note } from '../domain/note.js';
import { formatDate } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import { commandHint, type Request } from '../kernel/request.js';
import { keepingMonths } from './expire-notes.js';
import { preview } from './notebook.js';

/** Notes listed at once (each is a text and a row of buttons; platforms cap a message's blocks). */
const SHOWN = 15;
/** Characters of a note shown in the list (a Teams card holds about 28 KB); the full text is in my-data. */
const PREVIEW = 400;
const NOTICED_PREVIEW = 200;
const SESSION_FILTERS = 5;

/**
 * `/cairn notes`: my notebook, newest first, each note with "Turn into a case" and "Delete"; takeaways
 * among them, with a filter per session. Only its author ever sees it.
 */
export function listNotes(req: Request, filter = ''): Reply {
  const { t, deps } = req;
  const groups = groupsOf(req);
  if (groups.length === 0) return failureReply(req, 'GROUP.NONE');
  const sessionId = filter.startsWith('session:') ? filter.slice('session:'.length) : undefined;
  const zone = groups[0]!.group.timeZone;
  const all = deps.store.notes.listByAuthor(req.person.id, sessionId ? { sessionId } : {});
  const blocks: Block[] = [heading(t('notes.title'))];
  const session = sessionId ? deps.store.sessions.get(sessionId) : undefined;
  if (sessionId)
    blocks.push(
      context(
        session
          ? t('notes.filteredBy', { date: formatDate(session.startsAt, req.lang, zone) })
          : t('notes.filteredByGone'),
      ),
    );
  blocks.push(context(t('notes.private', { months: keepingMonths(deps, req.person.id) })));
  blocks.push(...filters(req, zone, sessionId));
  if (all.length === 0) blocks.push(text(t('notes.empty', { command: commandHint(req, 'note') })));
  for (const note of all.slice(0, SHOWN)) blocks.push(...noteBlocks(req, note, zone));
  if (all.length > SHOWN)
    blocks.push(
      context(t('notes.more', { count: all.length - SHOWN, command: commandHint(req, 'my-data') })),
    );
  blocks.push(
    actions(
      { action: ACTION.noteOpen, label: t('notes.write'), value: '', style: 'primary' },
      { action: ACTION.notesKeep, label: t('notes.keepButton'), value: '' },
    ),
  );
  return { kind: 'message', message: message(t('notes.fallback', { count: all.length }), ...blocks) };
}

function noteBlocks(req: Request, note: Note, zone: string): Block[] {
  const { t, deps } = req;
  const when = formatDate(note.createdAt, req.lang, zone);
  const session = note.sessionId ? deps.store.sessions.get(note.sessionId) : undefined;
  const label =
    note.kind === 'takeaway'
      ? t('notes.takeawayLabel', {
          date: session ? formatDate(session.startsAt, req.lang, zone) : when,
          shared: note.sharedAt ? t('notes.sharedMark') : '',
        })
      : t('notes.noteLabel', { date: when });
  const body = [label, preview(note.text, PREVIEW)];
  if (note.noticed) body.push(t('notes.noticedLine', { text: preview(note.noticed, NOTICED_PREVIEW) }));
  return [
    text(body.join('\n')),
    actions(
      { action: ACTION.noteToCase, label: t('notes.toCase'), value: note.id },
      { action: ACTION.noteDelete, label: t('notes.delete'), value: note.id, style: 'danger' },
    ),
  ];
}

/** One button per session the person wrote takeaways about, and "all my notes" when filtered. */
function filters(req: Request, zone: string, current?: string): Block[] {
  const { t, deps } = req;
  const buttons: Button[] = [];
  for (const { sessionId } of deps.store.notes.takeawaySessions(req.person.id).slice(0, SESSION_FILTERS)) {
    if (sessionId === current) continue;
    const session = deps.store.sessions.get(sessionId);
    if (!session) continue;
    buttons.push({
      action: ACTION.notesList,
      label: t('notes.filterSession', { date: formatDate(session.startsAt, req.lang, zone) }),
      value: `session:${sessionId}`,
    });
  }
  if (current) buttons.unshift({ action: ACTION.notesList, label: t('notes.all'), value: '' });
  return buttons.length ? [actions(...buttons)] : [];
}
