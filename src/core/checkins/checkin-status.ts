import { type Block, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import { commandHint, type Request } from '../kernel/request.js';
import { openCheckinForm } from './answer-checkin.js';

/** `/cairn checkin`: a member gets the form of their open round; a facilitator gets where things stand. */
export function answerOrStatus(req: Request): Reply {
  const groups = groupsOf(req);
  if (groups.length === 0) return failureReply(req, 'GROUP.NONE');
  if (groups.some((g) => g.role === 'member')) {
    const reply = openCheckinForm(req);
    if (reply.kind === 'form' || groups.every((g) => g.role === 'member')) return reply;
  }
  const { t, deps } = req;
  const blocks: Block[] = [heading(t('checkin.statusTitle'))];
  for (const { group, role } of groups) {
    if (role !== 'facilitator') continue;
    const open = deps.store.checkins.openRoundOf(group.id);
    blocks.push(
      text(
        open
          ? t('checkin.statusOpen', {
              group: group.name,
              until: formatDateTime(open.closesAt, req.lang, group.timeZone),
              k: open.k,
            })
          : t('checkin.statusClosed', { group: group.name }),
      ),
    );
  }
  blocks.push(
    text(
      t('checkin.statusHelp', {
        open: commandHint(req, 'checkin open'),
        close: commandHint(req, 'checkin close'),
        share: commandHint(req, 'checkin share'),
        all: commandHint(req, 'checkin all'),
      }),
    ),
  );
  return { kind: 'message', message: message(t('checkin.statusTitle'), ...blocks) };
}
