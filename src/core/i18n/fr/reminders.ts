export const reminders = {
  'reminder.fallback': (p: { group: string; when: string }) =>
    `Prochaine séance de « ${p.group} » le ${p.when} : un cas à proposer ?`,
  'reminder.title': (p: { group: string }) => `Préparer la prochaine séance — ${p.group}`,
  'reminder.when': (p: { when: string; place: string }) =>
    `La prochaine séance a lieu le ${p.when} (${p.place}).`,
  'reminder.goodCase':
    'Un bon cas : une situation réelle et actuelle, qui vous concerne directement et sur laquelle vous pouvez agir. Quelques lignes suffisent.',
  'reminder.submit': 'Proposer un cas',
  'reminder.skip': 'Pas cette fois',
  'reminder.notesSince': (p: { count: number }) =>
    p.count === 1
      ? 'Depuis la dernière séance, vous avez noté 1 situation dans votre carnet : peut-être un cas ?'
      : `Depuis la dernière séance, vous avez noté ${p.count} situations dans votre carnet : peut-être un cas ?`,
  'reminder.lookAtNotes': 'Voir mes notes',
  'reminder.skipped': 'C’est noté : plus de rappel pour cette séance.',
  'reminder.pauseHint': 'Pour suspendre les rappels : « pause until AAAA-MM-JJ ».',
  'digest.fallback': (p: { group: string; count: number }) =>
    `Séance de demain — ${p.group} : ${p.count} cas`,
  'digest.title': (p: { group: string }) => `Les cas de demain — ${p.group}`,
  'digest.when': (p: { when: string; count: number }) => `Séance du ${p.when} : ${p.count} cas proposé(s).`,
  'digest.none': 'Aucun cas n’a été proposé pour cette séance.',
  'digest.footer': 'Pour retenir, reporter ou marquer un cas présenté : « cases ».',
  'pause.set': (p: { until: string }) => `Rappels suspendus jusqu’au ${p.until} inclus.`,
  'pause.off': 'Les rappels reprennent.',
  'pause.none': 'Vos rappels sont actifs. Pour les suspendre : « pause until AAAA-MM-JJ ».',
  'pause.status': (p: { until: string }) =>
    `Vos rappels sont suspendus jusqu’au ${p.until} inclus. « pause off » pour les reprendre.`,
};
