/** The group's anonymous vote on the cases proposed for a session. */
export const votes = {
  'vote.ballotFallback': (p: { group: string }) =>
    `Vote anonyme : quels cas pour la prochaine séance ? — ${p.group}`,
  'vote.ballotTitle': (p: { group: string }) => `Quels cas pour la prochaine séance ? — ${p.group}`,
  'vote.ballotIntro': (p: { when: string; proposed: number; perSession: number; max: number }) =>
    `${p.proposed} cas sont proposés pour la séance du ${p.when}, qui en accueille ${p.perSession}. Choisissez-en jusqu’à ${p.max} : l’animateur·rice décide, votre vote lui sert d’avis.`,
  'vote.caseFacts': (p: { kind: string; urgency: string; excerpt: string }) =>
    `${p.kind} · ${p.urgency} — ${p.excerpt}`,
  'vote.hiddenCases': (p: { count: number }) =>
    p.count === 1
      ? 'Et 1 autre cas, que seul·e l’animateur·rice peut lire : il ou elle le pèsera aussi.'
      : `Et ${p.count} autres cas, que seul·e l’animateur·rice peut lire : il ou elle les pèsera aussi.`,
  'vote.button': 'Voter',
  'vote.anonymityNote': (p: { until: string; min: number }) =>
    `Ouvert jusqu’au ${p.until}. Anonyme : personne, ni l’animateur·rice ni l’exploitant du service, ne peut savoir qui a voté pour quoi. Aucun nombre de voix n’est montré si moins de ${p.min} personnes votent.`,
  'vote.formTitle': 'Vote anonyme',
  'vote.formIntro': (p: { group: string; max: number }) =>
    `Quels cas aimeriez-vous travailler à la prochaine séance de « ${p.group} » ? Jusqu’à ${p.max}.`,
  'vote.choices': 'Vos choix',
  'vote.choicesHint': (p: { max: number }) => `Jusqu’à ${p.max}. Vous pouvez voter pour votre propre cas.`,
  'vote.submit': 'Voter',
  'vote.tooMany': (p: { max: number }) => `Choisissez au plus ${p.max} cas : rien n’a été compté.`,
  'vote.notOnBallot': 'Ce cas ne fait pas partie de ce vote : rien n’a été compté.',
  'vote.thanksTitle': 'Merci',
  'vote.thanks': (p: { until: string }) =>
    `Votre vote est compté, sans votre nom. L’animateur·rice verra le résultat le ${p.until} et décidera.`,
  'vote.chooseGroup': 'Plusieurs votes sont ouverts : lequel ?',
  'vote.resultTitle': 'Le vote du groupe',
  'vote.resultSummary': (p: { voters: number }) =>
    `${p.voters} personnes ont voté ; chacune pouvait choisir plusieurs cas.`,
  'vote.tooFew': (p: { min: number }) =>
    `Vote du groupe : trop peu de votes (moins de ${p.min} personnes ont voté), aucun nombre n’est montré.`,
  'vote.openUntil': (p: { until: string }) => `Vote du groupe en cours jusqu’au ${p.until}.`,
  'vote.label.open': 'vote en cours',
  'vote.label.votes': (p: { count: number }) => (p.count === 1 ? '1 voix' : `${p.count} voix`),
  'vote.label.tooFew': 'trop peu de votes',
  'vote.label.offBallot': 'hors vote',
  'vote.homeOpen': (p: { until: string }) => `Un vote sur les cas proposés est ouvert jusqu’au ${p.until}.`,
  'vote.retained': 'retenu pour la séance',
};
