export const checkins = {
  'checkin.promptFallback': (p: { group: string }) => `Point d’étape anonyme — ${p.group}`,
  'checkin.halfwayFallback': (p: { group: string }) => `Rappel : point d’étape anonyme — ${p.group}`,
  'checkin.promptTitle': (p: { group: string }) => `Comment allez-vous ? — ${p.group}`,
  'checkin.promptBody': (p: { until: string }) =>
    `Un point d’étape anonyme est ouvert jusqu’au ${p.until} : quatre questions, une note de 1 à 5, une minute.`,
  'checkin.halfwayBody': (p: { until: string }) =>
    `Le point d’étape anonyme reste ouvert jusqu’au ${p.until}. Si vous avez déjà répondu, ignorez ce message.`,
  'checkin.answer': 'Répondre',
  'checkin.anonymityNote': (p: { k: number }) =>
    `Anonyme : personne, ni l’animateur·rice ni l’exploitant du service, ne peut savoir qui a répondu quoi. Aucun résultat s’il y a moins de ${p.k} réponses.`,
  'checkin.formTitle': 'Point d’étape anonyme',
  'checkin.formIntro': (p: { group: string }) =>
    `Entre deux séances de « ${p.group} ». Répondez pour vous, aujourd’hui.`,
  'checkin.submit': 'Envoyer',
  'checkin.q.workload': 'Ma charge de travail',
  'checkin.q.workload.hint': '1 = écrasante, 5 = tout à fait soutenable',
  'checkin.q.workload.1': '1 — écrasante',
  'checkin.q.workload.2': '2 — lourde',
  'checkin.q.workload.3': '3 — tendue mais tenable',
  'checkin.q.workload.4': '4 — raisonnable',
  'checkin.q.workload.5': '5 — tout à fait soutenable',
  'checkin.q.support': 'Le soutien que je ressens',
  'checkin.q.support.hint': '1 = je me sens seul·e, 5 = très bien soutenu·e',
  'checkin.q.support.1': '1 — je me sens seul·e',
  'checkin.q.support.2': '2 — peu soutenu·e',
  'checkin.q.support.3': '3 — moyennement',
  'checkin.q.support.4': '4 — bien soutenu·e',
  'checkin.q.support.5': '5 — très bien soutenu·e',
  'checkin.q.perspective': 'Mon recul sur ma situation',
  'checkin.q.perspective.hint': '1 = le nez dans le guidon, 5 = beaucoup de recul',
  'checkin.q.perspective.1': '1 — le nez dans le guidon',
  'checkin.q.perspective.2': '2 — peu de recul',
  'checkin.q.perspective.3': '3 — un peu de recul',
  'checkin.q.perspective.4': '4 — du recul',
  'checkin.q.perspective.5': '5 — beaucoup de recul',
  'checkin.q.overall': 'Comment je vais, globalement',
  'checkin.q.overall.hint': '1 = très difficile, 5 = très bien',
  'checkin.q.overall.1': '1 — très difficile',
  'checkin.q.overall.2': '2 — difficile',
  'checkin.q.overall.3': '3 — ça va',
  'checkin.q.overall.4': '4 — bien',
  'checkin.q.overall.5': '5 — très bien',
  'checkin.badValue': 'Choisissez une note de 1 à 5.',
  'checkin.thanksTitle': 'Merci',
  'checkin.thanks': (p: { until: string }) =>
    `Votre réponse est comptée, sans votre nom. Les résultats d’ensemble iront à l’animateur·rice après la clôture, le ${p.until}, s’il y a assez de réponses.`,
  'checkin.chooseGroup': 'Un point d’étape est ouvert dans plusieurs de vos groupes : lequel ?',
  'checkin.opened': (p: { group: string; until: string; k: number }) =>
    `Point d’étape ouvert pour « ${p.group} » jusqu’au ${p.until}. Chaque membre a reçu la même invitation. Seuil d’anonymat : ${p.k}.`,
  'checkin.closed': (p: { group: string }) =>
    `Point d’étape de « ${p.group} » clos. Le résultat vous est envoyé en message privé.`,
  'checkin.statusTitle': 'Points d’étape',
  'checkin.statusOpen': (p: { group: string; until: string; k: number }) =>
    `« ${p.group} » : un point d’étape est ouvert jusqu’au ${p.until} (seuil ${p.k}).`,
  'checkin.statusClosed': (p: { group: string }) => `« ${p.group} » : aucun point d’étape ouvert.`,
  'checkin.statusHelp': (p: { open: string; close: string; share: string; all: string }) =>
    `Ouvrir : ${p.open} · Clore : ${p.close} · Partager le dernier résultat avec le groupe : ${p.share} · Tous mes groupes : ${p.all}`,
  'checkin.resultFallback': (p: { group: string }) => `Résultat du point d’étape — ${p.group}`,
  'checkin.resultTitle': (p: { group: string; date: string }) =>
    `Point d’étape — ${p.group} (clos le ${p.date})`,
  'checkin.resultRespondents': (p: { count: number; k: number }) =>
    `${p.count} réponses (seuil d’anonymat : ${p.k}).`,
  'checkin.medianLine': (p: { median: number; change: string }) => `Médiane : ${p.median} · ${p.change}`,
  'checkin.changeSame': 'stable depuis le point précédent',
  'checkin.changeBy': (p: { delta: string }) => `${p.delta} depuis le point précédent`,
  'checkin.changeNone': 'pas de point précédent comparable',
  'checkin.scaleNote':
    'Échelle de 1 (difficile) à 5 (très bien). Les résultats ne sont pas envoyés aux membres.',
  'checkin.belowThresholdFallback': (p: { group: string }) => `Point d’étape clos — ${p.group}`,
  'checkin.belowThreshold': (p: { group: string; k: number }) =>
    `Le point d’étape de « ${p.group} » est clos avec moins de ${p.k} réponses : pas de résultat, pour protéger l’anonymat.`,
  'checkin.share': 'Partager avec le groupe',
  'checkin.sharedFallback': (p: { group: string }) => `Résultat d’ensemble du point d’étape — ${p.group}`,
  'checkin.sharedTitle': (p: { date: string }) => `Point d’étape du groupe (clos le ${p.date})`,
  'checkin.sharedDone': (p: { group: string }) => `Résultat partagé dans l’espace de « ${p.group} ».`,
  'checkin.aggregateFallback': 'Points d’étape de tous vos groupes',
  'checkin.aggregateTitle': (p: { groups: number }) =>
    `Ensemble de vos groupes (${p.groups} groupe(s), dernier point clos)`,
  'checkin.aggregateExcluded': (p: { count: number }) =>
    `${p.count} groupe(s) non inclus : pas de point clos, ou trop peu de réponses.`,
  'checkin.aggregateNone': 'Aucun groupe n’a de point d’étape clos avec assez de réponses.',
  'care.intro':
    'Vous traversez un moment difficile. Vous n’êtes pas seul·e : voici des contacts qui peuvent vous aider.',
  'care.defaultContacts':
    'Médecine du travail (service de santé au travail de votre entreprise) ; en cas de détresse, le 3114 (numéro national de prévention du suicide, 24 h/24, gratuit) ; en cas d’urgence, le 15 ou le 112.',
  'care.button': 'Je souhaite que l’animateur·rice me contacte',
  'care.note':
    'Si vous appuyez, l’animateur·rice reçoit seulement votre nom et votre demande, rien de vos réponses.',
  'care.sent':
    'C’est transmis : l’animateur·rice va vous contacter. Votre demande ne dit rien de vos réponses.',
  'care.requestFallback': (p: { name: string }) => `${p.name} souhaite être contacté·e`,
  'care.request': (p: { name: string; group: string }) =>
    `${p.name} (« ${p.group} ») souhaite que vous le ou la contactiez.`,
  'care.requestNote':
    'Cette demande ne dit rien des réponses de cette personne au point d’étape : Cairn ne le sait pas.',
};
