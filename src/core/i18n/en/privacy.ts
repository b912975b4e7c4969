import type { privacy as fr } from '../fr/privacy.js';
import type { Widen } from '../widen.js';

export const privacy: Widen<typeof fr> = {
  'privacy.fallback': 'Your data in Cairn',
  'privacy.title': 'What Cairn keeps, and who sees it',
  'privacy.stored':
    'What Cairn keeps about you: your display name and your id on the platform, your groups and role, your preferences (language, paused reminders), the cases you proposed, your practice notebook (notes, what you take away from sessions) and your action plans with their reports.',
  'privacy.whoSees':
    'Who sees it: a "facilitator only" case is read by you and the group’s facilitator alone; a "whole group" case by your group’s members. Your notebook is read by you alone: never by the facilitator nor in any digest, except what you take away from a session if you choose to send it to them, with your name. An action plan is read by whom you chose; of your report, the facilitator gets only what you decided to share. Nobody from another group, and never your management.',
  'privacy.howLong':
    'For how long: your cases and their action plans are deleted after the period your group chose (12 months after their session by default), your notes after that same period or a shorter one you choose; the rest until "forget-me" or until Cairn is uninstalled.',
  'privacy.cannotKnow':
    'What Cairn cannot know: who answered what in check-ins, or who voted for which case. Answers and votes are added to counters without names; the trace that prevents answering or voting twice is a keyed hash, deleted at the close. No result is shown below the anonymity threshold (at least 3 voters for a vote).',
  'privacy.rights':
    'Your rights: "my-data" sends you everything Cairn keeps about you; "forget-me" erases it; "pause" pauses reminders.',
  'privacy.readMore': 'Read the full policy',
  'privacy.hierarchy': 'Your management has no role in Cairn and sees nothing of it.',
  'myData.fallback': 'Your data in Cairn',
  'myData.title': 'Everything Cairn keeps about you',
  'myData.person': (p) => `Display name: ${p.name} · chosen language: ${p.language}`,
  'myData.groups': (p) => `Groups: ${p.groups}`,
  'myData.noGroups': 'Groups: none',
  'myData.role.facilitator': 'facilitator',
  'myData.role.member': 'member',
  'myData.cases': (p) => `Cases proposed: ${p.count}`,
  'myData.notebook': (p) => `Notebook: ${p.notes} note(s) · action plans: ${p.plans}`,
  'myData.paused': (p) => `Reminders paused until ${p.until}`,
  'myData.checkinsNotIncluded': 'Your check-in answers are not here: Cairn cannot tell which ones are yours.',
  'myData.votesNotIncluded':
    'Your votes on proposed cases are not here either: Cairn cannot tell which ones are yours.',
  'myData.fileNote':
    'The full detail, texts of cases, notes and plans included, is in the attached file (JSON) where the platform allows it.',
  'myData.sent': 'I have sent you your data in a direct message.',
  'forget.title': 'Erase my data',
  'forget.what':
    'Cairn will erase your cases, your action plans, your notebook, your preferences, your group memberships and the link to your account. This cannot be undone.',
  'forget.stays':
    'What stays: session syntheses (they belong to the group) and the anonymous check-in and vote counters, which do not point to you.',
  'forget.confirmLabel': 'Confirmation',
  'forget.confirm': 'I want to erase my data.',
  'forget.confirmRequired': 'Tick the box to confirm.',
  'forget.submit': 'Erase',
  'forget.done': 'Your data is erased. If you write to Cairn again, you will start from scratch.',
};
