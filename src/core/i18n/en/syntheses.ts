import type { syntheses as fr } from '../fr/syntheses.js';
import type { Widen } from '../widen.js';

export const syntheses: Widen<typeof fr> = {
  'synthesis.formTitle': 'Write a synthesis',
  'synthesis.editTitle': 'Edit the synthesis',
  'synthesis.formIntro':
    'What was worked on, without attributing words to anyone. It is posted in the chosen groups’ spaces.',
  'synthesis.session': 'Session',
  'synthesis.contributionsTitle': 'What members sent you for the synthesis',
  'synthesis.contributionBy': (p) => `${p.name} — ${p.group}, session of ${p.date}`,
  'synthesis.groups': 'Groups to post to',
  'synthesis.groupsHint': 'One or several of your groups.',
  'synthesis.groupsHintEdit':
    'One or several of your groups. Where it is already posted, the posted copy stays and shows the edit.',
  'synthesis.noGroup': 'Choose at least one group.',
  'synthesis.themes': 'Themes worked on',
  'synthesis.themesHint': 'The questions and situations discussed.',
  'synthesis.learned': 'What the group learned',
  'synthesis.learnedHint': 'Ideas, shifts, things to lean on.',
  'synthesis.commitments': 'Commitments or next steps',
  'synthesis.commitmentsHint': 'Optional.',
  'synthesis.freeText': 'Free text',
  'synthesis.freeTextHint': 'Optional.',
  'synthesis.preview': 'Preview',
  'synthesis.previewTitle': 'Synthesis preview',
  'synthesis.previewFor': (p) => `Will be posted in: ${p.groups}.`,
  'synthesis.post': 'Post',
  'synthesis.update': 'Update',
  'synthesis.namesWarning': (p) =>
    `Careful: this synthesis names ${p.names}. The group’s rule is that what is said stays in the group.`,
  'synthesis.confirmNamesLabel': 'Confirmation',
  'synthesis.confirmNames': (p) => `I confirm posting it although it names ${p.names}.`,
  'synthesis.confirmNamesRequired': 'Confirm, or go back and remove the names.',
  'synthesis.posted': (p) => `Synthesis posted in ${p.count} group(s).`,
  'synthesis.updated': (p) => `Synthesis updated in ${p.count} group(s).`,
  'synthesis.titleFor': (p) => `Synthesis of the session of ${p.date}`,
  'synthesis.titlePlain': 'Session synthesis',
  'synthesis.footer': 'What is said in the group stays in the group.',
  'syntheses.fallback': 'Syntheses',
  'syntheses.heading': (p) => `Syntheses — ${p.group}`,
  'syntheses.none': 'No synthesis posted yet.',
  'syntheses.line': (p) => `${p.date}: ${p.themes}`,
};
