import type { common as fr, home as frHome } from '../fr/common.js';
import type { Widen } from '../widen.js';

export const common: Widen<typeof fr> = {
  'form.cancel': 'Cancel',
  'form.close': 'Close',
  'form.required': 'This field is required.',
  'form.tooLong': (p) => `At most ${p.max} characters.`,
  'form.tooShort': (p) => `At least ${p.min} characters.`,
  'form.tooLarge': (p) => `At most ${p.max}.`,
  'form.tooSmall': (p) => `At least ${p.min}.`,
  'form.invalidChoice': 'Choose one of the options offered.',
  'form.invalid': 'Invalid value.',
  'form.badDate': 'Invalid date (format YYYY-MM-DD).',
  'form.badTime': 'Invalid time (format HH:MM).',

  'help.fallback': 'Cairn: help and next sessions',
  'help.title': 'Cairn — your group between sessions',
  'help.noGroup': (p) =>
    `You are not in a Cairn group yet. A facilitator creates the group by typing "${p.setup}" in the group's private channel after inviting Cairn there; the channel's members then join the group.`,
  'help.nextSession': (p) => `Next session of "${p.group}": ${p.when} (${p.place}).`,
  'help.noSession': (p) => `"${p.group}": no session scheduled yet.`,
  'help.facilitatorTitle': 'For the facilitator',
  'help.footer': 'What is said in the group stays in the group. Your management has access to nothing.',
  'help.unknownCommand': (p) => `I do not know the command "${p.word}". Here is what I can do:`,
  'help.cmd.case': 'propose a case for the next session',
  'help.cmd.cases': 'my cases (edit, withdraw) and those shared with the group',
  'help.cmd.checkin': 'answer the anonymous check-in',
  'help.cmd.syntheses': 'read the session syntheses',
  'help.cmd.sessions': 'upcoming sessions',
  'help.cmd.pause': 'pause reminders: "pause until YYYY-MM-DD" or "pause off"',
  'help.cmd.language': 'language: "language fr" or "language en"',
  'help.cmd.privacy': 'what Cairn keeps and who can see it',
  'help.cmd.myData': 'receive all my data',
  'help.cmd.forgetMe': 'erase my data',
  'help.cmd.setup': 'create or configure the group (in its private channel)',
  'help.cmd.session': 'schedule a session (one-off or recurring)',
  'help.cmd.checkinOpen': 'open or close a check-in ("checkin open" / "checkin close")',
  'help.cmd.synthesis': 'write and post a synthesis',

  'language.set': 'Noted: I will write to you in English from now on.',
};

export const home: Widen<typeof frHome> = {
  'home.fallback': 'Cairn — home',
  'home.title': 'Cairn',
  'home.noGroup': 'You are not in any group yet.',
  'home.nextSession': (p) => `Next session: ${p.when} (${p.place})`,
  'home.noSession': 'No session scheduled.',
  'home.myCases': 'My open cases',
  'home.noCase': 'No open case.',
  'home.queue': (p) => `Case queue: ${p.count}`,
  'home.manageCases': 'Manage cases',
  'home.schedule': 'Schedule a session',
  'home.writeSynthesis': 'Write a synthesis',
  'home.paused': (p) => `Reminders paused until ${p.until} included.`,
  'home.notPaused': 'Reminders on.',
};
