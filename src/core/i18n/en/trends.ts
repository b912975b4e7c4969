import type { trends as fr } from '../fr/trends.js';
import type { Widen } from '../widen.js';

export const trends: Widen<typeof fr> = {
  'trends.filename': 'cairn-trends.png',
  'trends.sending': (p) =>
    `I am sending you the trend picture of "${p.group}" in a direct message (its released check-ins, 12 at most).`,
  'trends.sendingGroups':
    'I am also sending you the trend picture of these groups, month by month, in a direct message.',
  'trends.groupTitle': (p) => `Check-in trends — ${p.group}`,
  'trends.groupsTitle': 'Check-in trends — all your groups',
  'trends.legend': 'Dot: median. Bar: the middle half of the answers (1st to 3rd quartile). n: answers.',
  'trends.groupsLegend':
    'Each month brings together the latest released check-in of each group; a group with too few answers is left out.',
  'trends.axisCount': (p) => `n = ${p.count}`,
  'trends.axisGroups': (p) => (p.count === 1 ? '1 group' : `${p.count} groups`),
  'trends.alt.groupIntro': (p) =>
    p.count === 1
      ? `Check-in trends of "${p.group}": 1 released check-in, on ${p.from}.`
      : `Check-in trends of "${p.group}": ${p.count} released check-ins, from ${p.from} to ${p.to}.`,
  'trends.alt.groupsIntro': (p) =>
    p.count === 1
      ? `Check-in trends of all your groups: 1 month, ${p.from}. Each month brings together the latest released check-in of each group; a group with too few answers is left out.`
      : `Check-in trends of all your groups: ${p.count} months, from ${p.from} to ${p.to}. Each month brings together the latest released check-in of each group; a group with too few answers is left out.`,
  'trends.alt.howToRead':
    'For each question, on a scale of 1 to 5: the median, then in brackets the middle half of the answers.',
  'trends.alt.question': (p) => `${p.question} (${p.hint}): ${p.values}.`,
  'trends.alt.value': (p) =>
    p.low === p.high
      ? `${p.label}: ${p.median} (${p.low})`
      : `${p.label}: ${p.median} (${p.low} to ${p.high})`,
  'trends.alt.separator': '; ',
  'trends.alt.respondents': (p) => `Number of answers: ${p.values}.`,
  'trends.alt.count': (p) => `${p.label}: ${p.count}`,
  'trends.alt.countGroups': (p) =>
    `${p.label}: ${p.count} (${p.groups === 1 ? '1 group' : `${p.groups} groups`})`,
};
