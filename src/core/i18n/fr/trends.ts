/** The check-in trend chart (issue 21): its titles, axis lines and text alternative, and its delivery. */
export const trends = {
  'trends.filename': 'tendances-cairn.png',
  'trends.sending': (p: { group: string }) =>
    `Je vous envoie en message privé l’image des tendances de « ${p.group} » (les points d’étape publiés, 12 au plus).`,
  'trends.sendingGroups':
    'Je vous envoie aussi en message privé l’image des tendances de ces groupes, mois par mois.',
  'trends.groupTitle': (p: { group: string }) => `Tendances des points d’étape — ${p.group}`,
  'trends.groupsTitle': 'Tendances des points d’étape — tous vos groupes',
  'trends.legend':
    'Point : médiane. Trait : moitié centrale des réponses (du 1er au 3e quartile). n : nombre de réponses.',
  'trends.groupsLegend':
    'Chaque mois réunit le dernier point d’étape publié de chaque groupe ; un groupe avec trop peu de réponses n’est pas compté.',
  'trends.axisCount': (p: { count: number }) => `n = ${p.count}`,
  'trends.axisGroups': (p: { count: number }) => (p.count === 1 ? '1 groupe' : `${p.count} groupes`),
  'trends.alt.groupIntro': (p: { group: string; count: number; from: string; to: string }) =>
    p.count === 1
      ? `Tendances des points d’étape de « ${p.group} » : 1 point d’étape publié, le ${p.from}.`
      : `Tendances des points d’étape de « ${p.group} » : ${p.count} points d’étape publiés, du ${p.from} au ${p.to}.`,
  'trends.alt.groupsIntro': (p: { count: number; from: string; to: string }) =>
    p.count === 1
      ? `Tendances des points d’étape de tous vos groupes : 1 mois, ${p.from}. Chaque mois réunit le dernier point publié de chaque groupe ; un groupe avec trop peu de réponses n’est pas compté.`
      : `Tendances des points d’étape de tous vos groupes : ${p.count} mois, de ${p.from} à ${p.to}. Chaque mois réunit le dernier point publié de chaque groupe ; un groupe avec trop peu de réponses n’est pas compté.`,
  'trends.alt.howToRead':
    'Pour chaque question, sur une échelle de 1 à 5 : la médiane, puis entre parenthèses la moitié centrale des réponses.',
  'trends.alt.question': (p: { question: string; hint: string; values: string }) =>
    `${p.question} (${p.hint}) : ${p.values}.`,
  'trends.alt.value': (p: { label: string; median: number; low: number; high: number }) =>
    p.low === p.high
      ? `${p.label} : ${p.median} (${p.low})`
      : `${p.label} : ${p.median} (${p.low} à ${p.high})`,
  'trends.alt.separator': ' ; ',
  'trends.alt.respondents': (p: { values: string }) => `Nombre de réponses : ${p.values}.`,
  'trends.alt.count': (p: { label: string; count: number }) => `${p.label} : ${p.count}`,
  'trends.alt.countGroups': (p: { label: string; count: number; groups: number }) =>
    `${p.label} : ${p.count} (${p.groups === 1 ? '1 groupe' : `${p.groups} groupes`})`,
};
