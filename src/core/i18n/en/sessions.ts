import type { sessions as fr } from '../fr/sessions.js';
import type { Widen } from '../widen.js';

export const sessions: Widen<typeof fr> = {
  'session.title': 'Schedule a session',
  'session.editTitle': 'Change the session',
  'session.submit': 'Schedule',
  'session.save': 'Save',
  'session.group': 'Group',
  'session.date': 'Date',
  'session.time': 'Start time',
  'session.timeHint': 'In the group’s time zone.',
  'session.duration': 'Duration',
  'session.minutes': (p) =>
    p.count % 60 === 0 ? `${p.count / 60} h` : `${Math.floor(p.count / 60)} h ${p.count % 60} min`,
  'session.place': 'Place or video link',
  'session.placeHint': 'A room, an address, or the video call link.',
  'session.repeat': 'Repeat',
  'session.once': 'One session only',
  'session.everyWeeks': (p) => (p.count === 1 ? 'Every week' : `Every ${p.count} weeks`),
  'session.count': 'Number of sessions',
  'session.countHint': 'For a series: 1 to 52.',
  'session.badCount': (p) => `Give a number of sessions between 1 and ${p.max}.`,
  'session.inPast': 'This date has passed: choose a date to come.',
  'session.scheduled': (p) => `Session of "${p.group}" scheduled on ${p.when}.`,
  'session.scheduledSeries': (p) =>
    `${p.count} sessions of "${p.group}" scheduled every ${p.weeks} week(s), starting ${p.when}.`,
  'session.updated': (p) => `Session of "${p.group}" moved to ${p.when}.`,

  'sessions.fallback': 'Upcoming sessions',
  'sessions.heading': (p) => `Upcoming sessions — ${p.group}`,
  'sessions.none': 'No session scheduled.',
  'sessions.line': (p) => `${p.when} · ${p.minutes} min · ${p.place}`,
  'sessions.edit': 'Change',
  'sessions.cancel': 'Cancel the session',
  'sessions.scheduleHint': (p) => `To schedule a session: ${p.command}`,
  'sessions.cancelled': (p) => `The session of ${p.when} is cancelled; its reminders will not go out.`,
  'sessions.cancelledNotice': (p) => `The session of ${p.when} is cancelled.`,
  'sessions.changedNotice': (p) =>
    `Change to the session of ${p.from}: it will take place on ${p.when} (${p.place}).`,
};
