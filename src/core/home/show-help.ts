import { type Block, context, divider, fields, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { PlainKey } from '../i18n/catalogue.js';
import { formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { commandHint, type Request } from '../kernel/request.js';
import { notebookBlocks } from '../notes/notebook-summary.js';
import { myPlanBlocks } from '../plans/plan-summary.js';

/** `/cairn help`: the next session of each of the person's groups, then what they can do. */
export function showHelp(req: Request): Reply {
  return { kind: 'message', message: helpMessage(req) };
}

export function helpMessage(req: Request) {
  const { t } = req;
  const groups = groupsOf(req);
  const blocks: Block[] = [heading(t('help.title'))];
  if (groups.length === 0) {
    blocks.push(text(t('help.noGroup', { setup: commandHint(req, 'setup') })));
  }
  for (const { group } of groups) {
    const next = req.deps.store.sessions.listUpcoming(group.id, req.deps.clock.now())[0];
    blocks.push(
      text(
        next
          ? t('help.nextSession', {
              group: group.name,
              when: formatDateTime(next.startsAt, req.lang, group.timeZone),
              place: next.place,
            })
          : t('help.noSession', { group: group.name }),
      ),
    );
  }
  // The welcome card in Teams is this help: the notebook's count and the action plan's date belong here too.
  if (groups.length) blocks.push(...notebookBlocks(req));
  for (const { group } of groups) blocks.push(...myPlanBlocks(req, group));
  const line = (sub: string, key: PlainKey) => ({ label: commandHint(req, sub), value: t(key) });
  blocks.push(
    divider(),
    fields(
      line('case', 'help.cmd.case'),
      line('cases', 'help.cmd.cases'),
      line('note', 'help.cmd.note'),
      line('notes', 'help.cmd.notes'),
      line('plan', 'help.cmd.plan'),
      line('checkin', 'help.cmd.checkin'),
      line('syntheses', 'help.cmd.syntheses'),
      line('sessions', 'help.cmd.sessions'),
      line('pause', 'help.cmd.pause'),
      line('language', 'help.cmd.language'),
      line('privacy', 'help.cmd.privacy'),
      line('my-data', 'help.cmd.myData'),
      line('forget-me', 'help.cmd.forgetMe'),
    ),
  );
  if (groups.some((g) => g.role === 'facilitator') || groups.length === 0) {
    blocks.push(
      heading(t('help.facilitatorTitle')),
      fields(
        line('setup', 'help.cmd.setup'),
        line('session', 'help.cmd.session'),
        line('checkin open', 'help.cmd.checkinOpen'),
        line('checkin trends', 'help.cmd.checkinTrends'),
        line('rotation', 'help.cmd.rotation'),
        line('synthesis', 'help.cmd.synthesis'),
        line('guide', 'help.cmd.guide'),
      ),
    );
  }
  blocks.push(context(t('help.footer')));
  return message(t('help.fallback'), ...blocks);
}
