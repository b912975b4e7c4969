export const common = {
  'form.cancel': 'Annuler',
  'form.close': 'Fermer',
  'form.required': 'Ce champ est obligatoire.',
  'form.tooLong': (p: { max: number }) => `${p.max} caractères au maximum.`,
  'form.tooShort': (p: { min: number }) => `${p.min} caractères au minimum.`,
  'form.tooLarge': (p: { max: number }) => `${p.max} au maximum.`,
  'form.tooSmall': (p: { min: number }) => `${p.min} au minimum.`,
  'form.invalidChoice': 'Choisissez une des options proposées.',
  'form.invalid': 'Valeur non valide.',
  'form.badDate': 'Date non valide (format AAAA-MM-JJ).',
  'form.badTime': 'Heure non valide (format HH:MM).',

  'help.fallback': 'Cairn : aide et prochaines séances',
  'help.title': 'Cairn — votre groupe entre deux séances',
  'help.noGroup': (p: { setup: string }) =>
    `Vous ne faites encore partie d’aucun groupe Cairn. Un·e animateur·rice crée le groupe en tapant « ${p.setup} » dans le canal privé du groupe, après y avoir invité Cairn ; les membres du canal rejoignent alors le groupe.`,
  'help.nextSession': (p: { group: string; when: string; place: string }) =>
    `Prochaine séance de « ${p.group} » : ${p.when} (${p.place}).`,
  'help.noSession': (p: { group: string }) => `« ${p.group} » : aucune séance programmée pour l’instant.`,
  'help.facilitatorTitle': 'Pour l’animateur·rice',
  'help.footer': 'Ce qui se dit dans le groupe reste dans le groupe. Votre hiérarchie n’a accès à rien.',
  'help.unknownCommand': (p: { word: string }) =>
    `Je ne connais pas la commande « ${p.word} ». Voici ce que je sais faire :`,
  'help.cmd.case': 'proposer un cas pour la prochaine séance',
  'help.cmd.cases': 'mes cas (modifier, retirer) et ceux partagés avec le groupe',
  'help.cmd.note': 'noter une situation dans mon carnet privé : « note … », ou le formulaire',
  'help.cmd.notes': 'mon carnet : mes notes, ce que je retiens des séances',
  'help.cmd.plan': 'mon plan d’action après avoir présenté un cas',
  'help.cmd.checkin': 'répondre au point d’étape anonyme',
  'help.cmd.syntheses': 'relire les synthèses des séances',
  'help.cmd.sessions': 'les prochaines séances',
  'help.cmd.pause': 'suspendre les rappels : « pause until AAAA-MM-JJ » ou « pause off »',
  'help.cmd.language': 'langue : « language fr » ou « language en »',
  'help.cmd.privacy': 'ce que Cairn conserve et qui peut le voir',
  'help.cmd.myData': 'recevoir toutes mes données',
  'help.cmd.forgetMe': 'effacer mes données',
  'help.cmd.setup': 'créer ou régler le groupe (dans son canal privé)',
  'help.cmd.session': 'programmer une séance (ponctuelle ou récurrente)',
  'help.cmd.checkinOpen': 'ouvrir ou fermer un point d’étape (« checkin open » / « checkin close »)',
  'help.cmd.checkinTrends': 'les tendances des points d’étape du groupe, en image (« checkin trends »)',
  'help.cmd.rotation': 'qui a présenté quand ; inviter un membre à apporter un cas',
  'help.cmd.synthesis': 'rédiger et publier une synthèse',

  'language.set': 'C’est noté : je vous écrirai désormais en français.',
};

export const home = {
  'home.fallback': 'Cairn — accueil',
  'home.title': 'Cairn',
  'home.noGroup': 'Vous ne faites partie d’aucun groupe pour l’instant.',
  'home.nextSession': (p: { when: string; place: string }) => `Prochaine séance : ${p.when} (${p.place})`,
  'home.noSession': 'Aucune séance programmée.',
  'home.myCases': 'Mes cas en cours',
  'home.noCase': 'Aucun cas en cours.',
  'home.queue': (p: { count: number }) => `File des cas : ${p.count}`,
  'home.manageCases': 'Gérer les cas',
  'home.schedule': 'Programmer une séance',
  'home.writeSynthesis': 'Rédiger une synthèse',
  'home.paused': (p: { until: string }) => `Rappels suspendus jusqu’au ${p.until} inclus.`,
  'home.checkinOpen': (p: { until: string }) => `Point d’étape anonyme ouvert jusqu’au ${p.until}.`,
  'home.noCheckin': 'Aucun point d’étape ouvert.',
  'home.notPaused': 'Rappels actifs.',
  'home.notebook': (p: { total: number; recent: number }) =>
    `Mon carnet : ${p.total} note(s), dont ${p.recent} depuis la dernière séance. Vous seul·e le lisez.`,
  'home.plan': (p: { title: string; date: string }) =>
    `Mon plan d’action pour « ${p.title} » : suivi le ${p.date}.`,
  'home.planPaused': (p: { title: string; date: string }) =>
    `Mon plan d’action pour « ${p.title} » (${p.date}) : suivi suspendu.`,
  'home.planToWrite': (p: { title: string }) =>
    `« ${p.title} » a été présenté : votre plan d’action reste à écrire.`,
  'home.planEdit': 'Modifier mon plan',
  'home.planResume': 'Reprendre le suivi',
};
