import type { setup as fr } from '../fr/setup.js';
import type { Widen } from '../widen.js';

export const setup: Widen<typeof fr> = {
  'setup.title': 'Create the group',
  'setup.titleUpdate': 'Group settings',
  'setup.submit': 'Save',
  'setup.intro':
    'This channel becomes the group’s space. Its members join the group and you are its facilitator. Nothing that happens here is visible to management.',
  'setup.introUpdate': 'This channel is already this group’s space: change its settings.',
  'setup.name': 'Group name',
  'setup.nameHint': 'For example "Lyon group — front-line managers".',
  'setup.language': 'Group language',
  'setup.timeZone': 'Time zone',
  'setup.timeZoneHint': 'Session and reminder times are in this zone.',
  'setup.badTimeZone': 'Unknown time zone (example: Europe/Paris).',
  'setup.facilitators': 'Facilitators',
  'setup.facilitatorsHint': 'You are always one; add a co-facilitator if needed.',
  'setup.reminderDays': 'Preparation reminders (days before the session)',
  'setup.reminderDaysHint':
    'Each member gets a reminder on each chosen day. Choose none to send no reminder.',
  'setup.daysBefore': (p) => (p.count === 1 ? 'the day before' : `${p.count} days before`),
  'setup.badReminderDays': 'Give up to 5 numbers of days between 1 and 60, separated by commas.',
  'setup.reminderTime': 'Reminder time',
  'setup.checkinK': 'Check-in anonymity threshold',
  'setup.checkinKHint': 'No result is shown with fewer answers than this threshold (at least 3).',
  'setup.supportContacts': 'Support contacts',
  'setup.supportContactsHint':
    'Shown privately to a member who is struggling: occupational health, a helpline… Left empty, a default text is used.',
  'setup.retention': 'How long cases are kept',
  'setup.retentionHint': 'Counted from the case’s session.',
  'setup.months': (p) => `${p.count} months`,
  'setup.casesPerSession': 'Cases per session',
  'setup.casesPerSessionHint': 'How many cases a session has room for (1 to 4).',
  'setup.voteWhenMore': 'The group’s vote',
  'setup.voteWhenMoreOption':
    'The group votes (anonymously) when more cases are proposed than a session takes',
  'setup.cycleStart': 'Start of the rotation cycle',
  'setup.cycleStartHint':
    'To count who presented "this cycle". Left empty: from the first session. A new date starts a new cycle.',
  'setup.created': (p) =>
    `The group "${p.group}" is created. I am adding the channel’s members; a welcome message will be posted there.`,
  'setup.updated': (p) => `The settings of "${p.group}" are saved.`,
  'setup.welcomeFallback': (p) => `Cairn now supports "${p.group}"`,
  'setup.welcomeTitle': (p) => `Welcome to "${p.group}"`,
  'setup.welcomeBody': (p) =>
    `Cairn supports this group between sessions: reminders to prepare a case, case submission, anonymous check-ins and syntheses. Group: ${p.members} member(s), ${p.facilitators} facilitator(s). Type "${p.help}" to start.`,
  'setup.welcomeCharter':
    'Charter: what is said in the group stays in the group. Third parties are named by role, never by name.',
};
