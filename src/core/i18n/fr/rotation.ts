/** Who presented when, the suggested order of cases, and the facilitator's private nudge. */
export const rotation = {
  'rotation.last.never': 'première fois',
  'rotation.last.sessions': (p: { count: number }) =>
    p.count === 1 ? 'a présenté à la dernière séance' : `a présenté il y a ${p.count} séances`,
  'rotation.caseFacts': (p: { vote: string; last: string }) => `Vote : ${p.vote} · ${p.last}`,
  'rotation.caseLast': (p: { last: string }) => `Dernier passage de l’auteur·rice : ${p.last}`,
  'rotation.suggestedOrder':
    'Ordre suggéré : l’urgent d’abord, puis le vote du groupe, puis qui a présenté il y a le plus longtemps. C’est vous qui décidez.',
  'rotation.fallback': (p: { group: string }) => `Tour de parole — ${p.group}`,
  'rotation.title': (p: { group: string }) => `Tour de parole — ${p.group}`,
  'rotation.cycle': (p: { since: string; held: number }) =>
    `Cycle commencé le ${p.since} : ${p.held} séance(s) tenue(s) depuis.`,
  'rotation.cycleNotStarted': 'Aucune séance encore : le cycle commencera à la première.',
  'rotation.attendanceNote':
    'Cairn ne tient pas de registre de présence : « séances depuis » compte les séances que le groupe a tenues pendant que la personne en était membre.',
  'rotation.memberLine': (p: { name: string; since: string; cycle: number }) =>
    `${p.name} — ${p.since} · ce cycle : ${p.cycle} cas présenté(s)`,
  'rotation.sinceLast': (p: { count: number }) => `${p.count} séance(s) depuis son dernier passage`,
  'rotation.sinceNever': (p: { count: number }) =>
    `n’a jamais présenté (${p.count} séance(s) depuis son arrivée)`,
  'rotation.noMembers': 'Le groupe n’a pas encore de membre.',
  'rotation.nudge': 'Inviter à apporter un cas',
  'rotation.privateNote':
    'Visible de vous seul·e. L’invitation part en message privé à la personne ; aucune liste n’est jamais envoyée au groupe.',
  'rotation.chooseGroup': 'Pour quel groupe ?',
  'nudge.fallback': (p: { group: string }) => `Une invitation pour « ${p.group} »`,
  'nudge.title': (p: { group: string }) => `Une invitation — ${p.group}`,
  'nudge.body': (p: { facilitator: string; group: string }) =>
    `${p.facilitator} serait heureux·se de vous entendre dans « ${p.group} » : y a-t-il une situation de travail que vous aimeriez apporter au groupe lors d’une prochaine séance ? Quelques lignes suffisent, et rien ne presse : c’est une invitation, pas une obligation.`,
  'nudge.when': (p: { when: string }) => `Prochaine séance : le ${p.when}.`,
  'nudge.private': 'Ce message n’est envoyé qu’à vous.',
  'nudge.sent': (p: { name: string }) => `Invitation envoyée en privé à ${p.name}.`,
  'nudge.already': (p: { name: string }) =>
    `${p.name} a déjà reçu une invitation aujourd’hui : rien de plus n’a été envoyé.`,
};
