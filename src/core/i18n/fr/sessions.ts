export const sessions = {
  'session.title': 'Programmer une séance',
  'session.editTitle': 'Modifier la séance',
  'session.submit': 'Programmer',
  'session.save': 'Enregistrer',
  'session.group': 'Groupe',
  'session.date': 'Date',
  'session.time': 'Heure de début',
  'session.timeHint': 'Heure du fuseau du groupe.',
  'session.duration': 'Durée',
  'session.minutes': (p: { count: number }) =>
    p.count % 60 === 0 ? `${p.count / 60} h` : `${Math.floor(p.count / 60)} h ${p.count % 60}`,
  'session.place': 'Lieu ou lien de visio',
  'session.placeHint': 'Une salle, une adresse, ou le lien de la visioconférence.',
  'session.repeat': 'Récurrence',
  'session.once': 'Une seule séance',
  'session.everyWeeks': (p: { count: number }) =>
    p.count === 1 ? 'Toutes les semaines' : `Toutes les ${p.count} semaines`,
  'session.count': 'Nombre de séances',
  'session.countHint': 'Pour une série : de 1 à 52.',
  'session.badCount': (p: { max: number }) => `Indiquez un nombre de séances entre 1 et ${p.max}.`,
  'session.inPast': 'Cette date est passée : choisissez une date à venir.',
  'session.scheduled': (p: { group: string; when: string }) =>
    `Séance de « ${p.group} » programmée le ${p.when}.`,
  'session.scheduledSeries': (p: { group: string; when: string; count: number; weeks: number }) =>
    `${p.count} séances de « ${p.group} » programmées toutes les ${p.weeks} semaine(s), à partir du ${p.when}.`,
  'session.updated': (p: { group: string; when: string }) =>
    `Séance de « ${p.group} » déplacée au ${p.when}.`,

  'sessions.fallback': 'Prochaines séances',
  'sessions.heading': (p: { group: string }) => `Prochaines séances — ${p.group}`,
  'sessions.none': 'Aucune séance programmée.',
  'sessions.line': (p: { when: string; minutes: number; place: string }) =>
    `${p.when} · ${p.minutes} min · ${p.place}`,
  'sessions.edit': 'Modifier',
  'sessions.cancel': 'Annuler la séance',
  'sessions.scheduleHint': (p: { command: string }) => `Pour programmer une séance : ${p.command}`,
  'sessions.cancelled': (p: { when: string }) =>
    `La séance du ${p.when} est annulée ; ses rappels ne partiront pas.`,
  'sessions.cancelledNotice': (p: { when: string }) => `La séance du ${p.when} est annulée.`,
  'sessions.changedNotice': (p: { from: string; when: string; place: string }) =>
    `Changement pour la séance du ${p.from} : elle aura lieu le ${p.when} (${p.place}).`,
};
