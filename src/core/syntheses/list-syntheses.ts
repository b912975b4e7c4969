import { ACTION } from '../contract/ids.js';
import { actions, type Block, type Button, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { formatDate } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { canEditSynthesis } from './open-synthesis-form.js';
import { synthesisMessage } from './synthesis-message.js';

const SHOWN = 10;

/** `/cairn syntheses`: the syntheses posted in each of the person's groups, to read again. */
export function listSyntheses(req: Request): Reply {
  const groups = groupsOf(req);
  if (groups.length === 0) return failureReply(req, 'GROUP.NONE');
  const { t, deps } = req;
  const blocks: Block[] = [];
  for (const { group } of groups) {
    blocks.push(heading(t('syntheses.heading', { group: group.name })));
    const list = deps.store.syntheses.listForGroup(group.id, SHOWN);
    if (list.length === 0) blocks.push(text(t('syntheses.none')));
    for (const s of list) {
      const session = s.sessionId ? deps.store.sessions.get(s.sessionId) : undefined;
      const date = formatDate(session?.startsAt ?? s.createdAt, req.lang, group.timeZone);
      blocks.push(text(t('syntheses.line', { date, themes: firstLine(s.themes) })));
      const buttons: Button[] = [
        { action: ACTION.synthesisRead, label: t('cases.read'), value: `${s.id}:${group.id}` },
      ];
      if (canEditSynthesis(req, s))
        buttons.push({ action: ACTION.synthesisEdit, label: t('cases.edit'), value: s.id });
      blocks.push(actions(...buttons));
    }
  }
  return { kind: 'message', message: message(t('syntheses.fallback'), ...blocks) };
}

/** Reads one synthesis, as posted in a group the person belongs to. */
export function readSynthesis(req: Request, value: string): Reply {
  const [synthesisId = '', groupId = ''] = value.split(':');
  const { store } = req.deps;
  const s = store.syntheses.get(synthesisId);
  const group = store.groups.get(groupId);
  const member = req.stored && group ? store.memberships.get(group.id, req.person.id) : undefined;
  const posted = s ? store.syntheses.listPosts(s.id).some((p) => p.groupId === groupId) : false;
  if (!s || !group || !member || !posted || s.status !== 'posted')
    return failureReply(req, 'SYNTHESIS.NOT_FOUND');
  return { kind: 'message', message: synthesisMessage(req.deps, s, group) };
}

const firstLine = (s: string): string => {
  const line = s.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};
