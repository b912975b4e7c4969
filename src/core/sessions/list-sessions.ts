import { ACTION } from '../contract/ids.js';
import { actions, type Block, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import { commandHint, type Request } from '../kernel/request.js';

const SHOWN = 8;

/** `/cairn sessions`: upcoming sessions of each group; facilitators get edit and cancel buttons. */
export function listSessions(req: Request): Reply {
  const groups = groupsOf(req);
  if (groups.length === 0) return failureReply(req, 'GROUP.NONE');
  const { t } = req;
  const blocks: Block[] = [];
  for (const { group, role } of groups) {
    blocks.push(heading(t('sessions.heading', { group: group.name })));
    const upcoming = req.deps.store.sessions.listUpcoming(group.id, req.deps.clock.now()).slice(0, SHOWN);
    if (upcoming.length === 0) blocks.push(text(t('sessions.none')));
    for (const s of upcoming) {
      blocks.push(
        text(
          t('sessions.line', {
            when: formatDateTime(s.startsAt, req.lang, group.timeZone),
            minutes: s.durationMinutes,
            place: s.place,
          }),
        ),
      );
      if (role === 'facilitator') {
        blocks.push(
          actions(
            { action: ACTION.sessionEdit, label: t('sessions.edit'), value: s.id },
            { action: ACTION.sessionCancel, label: t('sessions.cancel'), value: s.id, style: 'danger' },
          ),
        );
      }
    }
    if (role === 'facilitator') {
      blocks.push(context(t('sessions.scheduleHint', { command: commandHint(req, 'session') })));
    }
  }
  return { kind: 'message', message: message(t('sessions.fallback'), ...blocks) };
}
