import type { reminders as fr } from '../fr/reminders.js';
import type { Widen } from '../widen.js';

export const reminders: Widen<typeof fr> = {
  'reminder.fallback': (p) => `Next session of "${p.group}" on ${p.when}: a case to propose?`,
  'reminder.title': (p) => `Prepare the next session — ${p.group}`,
  'reminder.when': (p) => `The next session is on ${p.when} (${p.place}).`,
  'reminder.goodCase':
    'A good case: a real, current situation that concerns you directly and in which you can act. A few lines are enough.',
  'reminder.submit': 'Submit a case',
  'reminder.skip': 'Not this time',
  'reminder.notesSince': (p) =>
    p.count === 1
      ? 'Since the last session you noted 1 situation in your notebook: a case, perhaps?'
      : `Since the last session you noted ${p.count} situations in your notebook: a case, perhaps?`,
  'reminder.lookAtNotes': 'Look at my notes',
  'reminder.skipped': 'Noted: no more reminders for this session.',
  'reminder.pauseHint': 'To pause reminders: "pause until YYYY-MM-DD".',
  'digest.fallback': (p) => `Tomorrow’s session — ${p.group}: ${p.count} case(s)`,
  'digest.title': (p) => `Tomorrow’s cases — ${p.group}`,
  'digest.when': (p) => `Session of ${p.when}: ${p.count} case(s) proposed.`,
  'digest.none': 'No case was proposed for this session.',
  'digest.footer': 'To select, postpone or mark a case presented: "cases".',
  'pause.set': (p) => `Reminders paused until ${p.until} included.`,
  'pause.off': 'Reminders are back on.',
  'pause.none': 'Your reminders are on. To pause them: "pause until YYYY-MM-DD".',
  'pause.status': (p) =>
    `Your reminders are paused until ${p.until} included. "pause off" to turn them back on.`,
};
