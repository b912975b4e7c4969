export const setup = {
  'setup.title': 'Créer le groupe',
  'setup.titleUpdate': 'Réglages du groupe',
  'setup.submit': 'Enregistrer',
  'setup.intro':
    'Ce canal devient l’espace du groupe. Ses membres rejoignent le groupe ; vous en êtes l’animateur·rice. Rien de ce qui se passe ici n’est visible de la hiérarchie.',
  'setup.introUpdate': 'Ce canal est déjà l’espace de ce groupe : modifiez ses réglages.',
  'setup.name': 'Nom du groupe',
  'setup.nameHint': 'Par exemple « Groupe Lyon — managers de proximité ».',
  'setup.language': 'Langue du groupe',
  'setup.timeZone': 'Fuseau horaire',
  'setup.timeZoneHint': 'Les heures des séances et des rappels sont dans ce fuseau.',
  'setup.badTimeZone': 'Fuseau horaire inconnu (exemple : Europe/Paris).',
  'setup.facilitators': 'Animateur·rices',
  'setup.facilitatorsHint': 'Vous en faites partie d’office ; ajoutez un·e co-animateur·rice si besoin.',
  'setup.reminderDays': 'Rappels de préparation (jours avant la séance)',
  'setup.reminderDaysHint':
    'Chaque membre reçoit un rappel à chacun des jours choisis. N’en choisissez aucun pour ne pas envoyer de rappel.',
  'setup.daysBefore': (p: { count: number }) => (p.count === 1 ? 'la veille' : `${p.count} jours avant`),
  'setup.badReminderDays': 'Indiquez jusqu’à 5 nombres de jours entre 1 et 60, séparés par des virgules.',
  'setup.reminderTime': 'Heure des rappels',
  'setup.checkinK': 'Seuil d’anonymat des points d’étape',
  'setup.checkinKHint': 'Aucun résultat n’est montré s’il y a moins de réponses que ce seuil (au moins 3).',
  'setup.supportContacts': 'Contacts de soutien',
  'setup.supportContactsHint':
    'Montrés en privé à un membre qui va mal : médecine du travail, ligne d’écoute… Laissé vide, un texte par défaut est utilisé.',
  'setup.retention': 'Durée de conservation des cas',
  'setup.retentionHint': 'Comptée à partir de la séance du cas.',
  'setup.months': (p: { count: number }) => `${p.count} mois`,
  'setup.casesPerSession': 'Cas par séance',
  'setup.casesPerSessionHint': 'Combien de cas une séance accueille (de 1 à 4).',
  'setup.voteWhenMore': 'Vote du groupe',
  'setup.voteWhenMoreOption':
    'Le groupe vote (anonymement) quand plus de cas sont proposés que la séance n’en accueille',
  'setup.cycleStart': 'Début du cycle de rotation',
  'setup.cycleStartHint':
    'Pour compter qui a présenté « ce cycle ». Laissé vide : depuis la première séance. Une nouvelle date recommence un cycle.',
  'setup.created': (p: { group: string }) =>
    `Le groupe « ${p.group} » est créé. J’ajoute les membres du canal ; un message de bienvenue y sera publié.`,
  'setup.updated': (p: { group: string }) => `Les réglages du groupe « ${p.group} » sont enregistrés.`,
  'setup.welcomeFallback': (p: { group: string }) => `Cairn accompagne désormais « ${p.group} »`,
  'setup.welcomeTitle': (p: { group: string }) => `Bienvenue dans « ${p.group} »`,
  'setup.welcomeBody': (p: { members: number; facilitators: number; help: string }) =>
    `Cairn accompagne ce groupe entre les séances : rappels pour préparer un cas, dépôt de cas, points d’étape anonymes et synthèses. Groupe : ${p.members} membre(s), ${p.facilitators} animateur·rice(s). Tapez « ${p.help} » pour commencer.`,
  'setup.welcomeCharter':
    'Charte : ce qui se dit dans le groupe reste dans le groupe. Les tiers sont désignés par leur rôle, jamais par leur nom.',
};
