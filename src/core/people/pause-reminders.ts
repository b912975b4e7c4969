import { DateTime } from 'luxon';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { formatDate } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ensureStored } from '../kernel/request.js';

/** `/cairn pause until 2026-12-15` (or 15/12/2026), `/cairn pause off`, `/cairn pause` for the status. */
export function pauseReminders(req: Request, args: string): Reply {
  const { t } = req;
  const zone = groupsOf(req)[0]?.group.timeZone ?? req.deps.config.defaultTimeZone;
  const words = args.trim().toLowerCase();
  if (words === '') {
    const until = req.person.pausedUntil;
    const active = until && until > req.deps.clock.now();
    return {
      kind: 'message',
      message: message(
        active
          ? t('pause.status', { until: formatDate(lastPausedDay(until), req.lang, zone) })
          : t('pause.none'),
      ),
    };
  }
  if (['off', 'stop', 'fin', 'arret', 'arrêt', 'non'].includes(words)) {
    if (req.stored) req.deps.store.people.update({ ...req.person, pausedUntil: null });
    return { kind: 'message', message: message(t('pause.off')) };
  }
  const dateText = words.replace(/^(until|jusqu'au|jusqu’au|jusquau|au|to)\s+/, '');
  const day = parseDay(dateText, zone);
  if (!day || day <= DateTime.fromJSDate(req.deps.clock.now(), { zone }).startOf('day')) {
    return failureReply(req, 'PAUSE.BAD_DATE');
  }
  const until = day.plus({ days: 1 }).toJSDate();
  const person = ensureStored(req);
  req.deps.store.people.update({ ...person, pausedUntil: until });
  return {
    kind: 'message',
    message: message(t('pause.set', { until: formatDate(day.toJSDate(), req.lang, zone) })),
  };
}

function parseDay(s: string, zone: string): DateTime | null {
  const iso = DateTime.fromISO(s, { zone });
  if (iso.isValid && /^\d{4}-\d{2}-\d{2}$/.test(s)) return iso.startOf('day');
  const fr = DateTime.fromFormat(s, 'd/M/yyyy', { zone });
  return fr.isValid ? fr.startOf('day') : null;
}

/** pausedUntil is the midnight after the last paused day. */
const lastPausedDay = (until: Date): Date => new Date(until.getTime() - 12 * 3600_000);
