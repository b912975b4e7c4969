/** The session guide (issue 20): the live message in the group's space, its buttons, forms and replies. */
export const guide = {
  'guide.step.expose': 'Exposé',
  'guide.step.clarification': 'Questions de clarification',
  'guide.step.contract': 'Contrat',
  'guide.step.consultation': 'Consultation',
  'guide.step.actionPlan': 'Plan d’action',
  'guide.step.learned': 'Ce que nous avons appris',
  'guide.rule.expose': 'Le client expose sa situation ; les autres écoutent sans l’interrompre.',
  'guide.rule.clarification': 'Uniquement des questions, pas encore de conseils.',
  'guide.rule.contract': 'Le client dit en une phrase ce qu’il demande au groupe.',
  'guide.rule.consultation':
    'Les consultants proposent idées, hypothèses et expériences ; le client écoute et prend des notes.',
  'guide.rule.actionPlan': 'Le client dit ce qu’il retient et ce qu’il fera en premier.',
  'guide.rule.learned': 'Chacun dit ce qu’il retire de la séance pour lui-même.',
  'guide.minutes': (p: { minutes: number }) => `${p.minutes} min`,
  'help.cmd.guide': 'animer une séance pas à pas dans l’espace du groupe (pendant la séance)',
  'guide.setup.label': (p: { step: string }) => `Guide de séance : ${p.step}`,
  'guide.setup.hint': 'Durée de chacune des six étapes quand l’animateur·rice lance le guide (« animer »).',

  'guide.start.title': 'Animer la séance',
  'guide.start.submit': 'Démarrer',
  'guide.start.intro': (p: { when: string }) =>
    `Séance du ${p.when}. Choisissez le cas présenté : son titre et le nom de son auteur (le client) s’affichent dans l’espace du groupe, avec les six étapes et leur temps.`,
  'guide.start.case': 'Cas présenté',
  'guide.start.caseHint': '★ : retenu pour cette séance (ces cas viennent en premier).',
  'guide.start.option': (p: { title: string; author: string }) => `${p.author} — ${p.title}`,
  'guide.start.optionSelected': (p: { title: string; author: string }) => `★ ${p.author} — ${p.title}`,
  'guide.started': (p: { title: string }) => `Le guide a démarré dans l’espace du groupe : « ${p.title} ».`,

  'guide.live.fallback': (p: { step: string; time: string }) => `Guide de séance — ${p.step} : ${p.time}`,
  'guide.live.title': (p: { title: string }) => `Guide de séance — « ${p.title} »`,
  'guide.live.context': (p: { when: string; client: string }) => `Séance du ${p.when} · Client : ${p.client}`,
  'guide.live.now': (p: { n: number; total: number; step: string; time: string }) =>
    `▶ Étape ${p.n}/${p.total} — ${p.step} — ${p.time}`,
  'guide.live.left': (p: { minutes: number }) => `reste ${p.minutes} min`,
  'guide.live.up': 'temps écoulé',
  'guide.live.over': (p: { minutes: number }) => `${p.minutes} min de dépassement`,
  'guide.live.paused': (p: { time: string }) => `en pause (${p.time})`,
  'guide.live.done': (p: { spent: string }) => `fait en ${p.spent}`,
  'guide.live.request': (p: { request: string }) => `Demande du client : « ${p.request} »`,
  'guide.live.footer': 'L’animateur·rice mène la séance. Ce qui se dit dans le groupe reste dans le groupe.',
  'guide.button.next': 'Étape suivante',
  'guide.button.extend': '+5 min',
  'guide.button.pause': 'Pause',
  'guide.button.resume': 'Reprendre',
  'guide.button.end': 'Terminer',
  'guide.button.request': 'Noter la demande',

  'guide.record.fallback': (p: { title: string }) => `Guide de séance terminé — « ${p.title} »`,
  'guide.record.title': (p: { title: string }) => `Guide de séance — « ${p.title} » (terminé)`,
  'guide.record.line': (p: { n: number; step: string; spent: string; planned: string }) =>
    `${p.n}. ${p.step} : ${p.spent} (prévu ${p.planned})`,
  'guide.record.notReached': (p: { n: number; step: string }) => `${p.n}. ${p.step} : non atteinte`,
  'guide.record.total': (p: { total: string }) => `Durée totale : ${p.total}.`,
  'guide.record.auto': 'Terminé automatiquement 30 minutes après la fin prévue de la séance.',

  'guide.ended':
    'Le guide est terminé : le cas est marqué présenté, et Cairn vous envoie un bouton pour rédiger la synthèse.',
  'guide.ended.next': (p: { title: string }) => `Cas suivant retenu pour cette séance : « ${p.title} ».`,
  'guide.button.startNext': 'Animer ce cas',
  'guide.synthesis.fallback': (p: { title: string }) => `Guide terminé : « ${p.title} »`,
  'guide.synthesis.text': (p: { title: string; group: string }) =>
    `Le guide de « ${p.title} » (${p.group}) est terminé. Quand vous êtes prêt·e, rédigez la synthèse : le formulaire s’ouvre avec la séance et le cas.`,
  'guide.button.synthesis': 'Rédiger la synthèse',

  'guide.request.title': 'La demande du client',
  'guide.request.intro':
    'À l’étape du contrat, le client dit en une phrase ce qu’il demande au groupe. Elle est gardée avec le cas et affichée dans le guide jusqu’à la fin.',
  'guide.request.label': 'La demande, en une phrase',
  'guide.request.submit': 'Noter',
  'guide.request.saved': 'C’est noté : la demande s’affiche dans le guide.',

  // Stand-ins until issue 18 lands (the action-plan form, the "what do I take away" prompt).
  'guide.standin.actionPlan.fallback': 'Votre plan d’action',
  'guide.standin.actionPlan.text': (p: { title: string }) =>
    `Vous avez présenté « ${p.title} ». Notez pour vous, maintenant, ce que vous retenez de la consultation et la première chose que vous ferez. C’est à vous : Cairn n’en garde rien.`,
  'guide.standin.takeaway.fallback': 'Ce que je retire de la séance',
  'guide.standin.takeaway.text':
    'Un moment pour vous : notez une chose que vous avez apprise aujourd’hui et une chose que vous essaierez. Rien n’est envoyé au groupe.',
};
