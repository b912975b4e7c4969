import { ACTION } from '../contract/ids.js';
import { actions, type Block, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { Group } from '../domain/group.js';
import { formatDate } from '../i18n/format.js';
import { facilitatedGroups, facilitatorGroup, groupOfRequest } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { rotationOf } from './rotation-facts.js';

/**
 * `/cairn rotation` (facilitators): every member, the sessions held since they last presented, the cases
 * they presented this cycle, and a button to invite them privately to bring a case. Shown to the
 * facilitator only; no such list is ever sent to the group.
 */
export function showRotation(req: Request, groupId?: string): Reply {
  const found = groupOfRequest(req, groupId);
  if (!found.ok) {
    const mine = facilitatedGroups(req);
    if (found.code === 'GROUP.CHOOSE' && mine.length === 1) return rotationReply(req, mine[0]!.group);
    if (found.code === 'GROUP.CHOOSE' && mine.length > 1)
      return chooseGroup(
        req,
        mine.map((g) => g.group),
      );
    return failureReply(req, found);
  }
  const access = facilitatorGroup(req, found.value.group.id);
  if (!access.ok) return failureReply(req, access);
  return rotationReply(req, access.value.group);
}

function rotationReply(req: Request, group: Group): Reply {
  const { t } = req;
  const rotation = rotationOf(req.deps, group);
  const blocks: Block[] = [
    heading(t('rotation.title', { group: group.name })),
    text(
      rotation.cycleStart
        ? t('rotation.cycle', {
            since: formatDate(rotation.cycleStart, req.lang, group.timeZone),
            held: rotation.heldInCycle,
          })
        : t('rotation.cycleNotStarted'),
    ),
    context(t('rotation.attendanceNote')),
  ];
  if (rotation.members.length === 0) blocks.push(text(t('rotation.noMembers')));
  const longestFirst = [...rotation.members].sort(
    (a, b) => b.sessionsSince - a.sessionsSince || a.person.displayName.localeCompare(b.person.displayName),
  );
  for (const m of longestFirst) {
    const since =
      m.last.kind === 'never'
        ? t('rotation.sinceNever', { count: m.sessionsSince })
        : t('rotation.sinceLast', { count: m.sessionsSince });
    blocks.push(
      text(t('rotation.memberLine', { name: m.person.displayName, since, cycle: m.presentedThisCycle })),
      actions({
        action: ACTION.rotationNudge,
        label: t('rotation.nudge'),
        value: `${group.id}:${m.person.id}`,
      }),
    );
  }
  blocks.push(context(t('rotation.privateNote')));
  return { kind: 'message', message: message(t('rotation.fallback', { group: group.name }), ...blocks) };
}

/** A facilitator of several groups, in a direct conversation: one button per group. */
function chooseGroup(req: Request, groups: Group[]): Reply {
  return {
    kind: 'message',
    message: message(
      req.t('rotation.chooseGroup'),
      text(req.t('rotation.chooseGroup')),
      actions(...groups.map((g) => ({ action: ACTION.rotationShow, label: g.name, value: g.id }))),
    ),
  };
}
