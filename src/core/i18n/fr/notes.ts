export const notes = {
  'note.formTitle': 'Noter une situation',
  'note.formIntro':
    'Votre carnet de pratique : ce que vous vivez entre deux séances, noté sur le moment. Vous seul·e pouvez le lire.',
  'note.text': 'La situation',
  'note.textHint': 'Ce qui s’est passé, les tiers désignés par leur rôle.',
  'note.noticed': 'Ce que j’ai ressenti ou remarqué',
  'note.noticedHint': 'Facultatif.',
  'note.save': 'Enregistrer',
  'note.saved': 'C’est noté dans votre carnet. Vous seul·e pouvez le lire.',
  'note.savedCount': (p: { count: number }) =>
    p.count === 1 ? 'Votre carnet compte 1 note.' : `Votre carnet compte ${p.count} notes.`,
  'notes.fallback': (p: { count: number }) => `Mon carnet : ${p.count} note(s)`,
  'notes.title': 'Mon carnet de pratique',
  'notes.private': (p: { months: number }) =>
    `Vous seul·e lisez ces notes : ni l’animateur·rice ni le groupe. Elles sont gardées ${p.months} mois au plus.`,
  'notes.empty': (p: { command: string }) =>
    `Votre carnet est vide. Notez une situation quand elle se présente : « ${p.command} … ».`,
  'notes.noteLabel': (p: { date: string }) => `Note du ${p.date}`,
  'notes.takeawayLabel': (p: { date: string; shared: string }) =>
    `Ce que je retiens de la séance du ${p.date}${p.shared}`,
  'notes.sharedMark': ' (envoyé à l’animateur·rice)',
  'notes.noticedLine': (p: { text: string }) => `Ressenti, remarqué : ${p.text}`,
  'notes.toCase': 'En faire un cas',
  'notes.delete': 'Supprimer',
  'notes.deleted': 'Note supprimée.',
  'notes.open': 'Mon carnet',
  'notes.write': 'Noter une situation',
  'notes.all': 'Toutes mes notes',
  'notes.filterSession': (p: { date: string }) => `Retenu le ${p.date}`,
  'notes.filteredBy': (p: { date: string }) => `Ce que je retiens de la séance du ${p.date}.`,
  'notes.filteredByGone': 'Ce que je retiens d’une séance qui n’existe plus.',
  'notes.more': (p: { count: number; command: string }) =>
    `${p.count} note(s) plus ancienne(s) non affichée(s) : « ${p.command} » vous les envoie toutes.`,
  'notes.keepButton': 'Garder mes notes moins longtemps',
  'notes.keepTitle': 'Durée de conservation',
  'notes.keepIntro': (p: { months: number }) =>
    `La règle de votre groupe : ${p.months} mois. Vous pouvez choisir plus court ; les notes plus anciennes sont alors effacées aussitôt.`,
  'notes.keepLabel': 'Garder mes notes',
  'notes.keepGroup': (p: { months: number }) => `Comme le groupe (${p.months} mois)`,
  'notes.keepMonths': (p: { months: number }) => `${p.months} mois`,
  'notes.keepSave': 'Enregistrer',
  'notes.keepSaved': (p: { months: number }) =>
    `C’est noté : vos notes sont gardées ${p.months} mois au plus.`,
  'takeaway.fallback': (p: { group: string }) => `Ce que vous retenez de la séance — ${p.group}`,
  'takeaway.title': 'Qu’est-ce que je retiens de cette séance ?',
  'takeaway.body': (p: { group: string; date: string }) =>
    `Séance du ${p.date} — ${p.group}. Quelques lignes pour vous : une note privée dans votre carnet. Vous pourrez aussi l’envoyer, avec votre nom, à l’animateur·rice pour la synthèse.`,
  'takeaway.inCheckin': (p: { date: string }) =>
    `Et qu’est-ce que vous retenez de la séance du ${p.date} ? Une note privée dans votre carnet, sans lien avec le point d’étape.`,
  'takeaway.write': 'Ce que je retiens',
  'takeaway.privateNote': 'Seul·e vous la lisez, sauf si vous choisissez de l’envoyer.',
  'takeaway.formTitle': 'Ce que je retiens',
  'takeaway.formIntro': (p: { date: string }) => `Séance du ${p.date}.`,
  'takeaway.text': 'Ce que je retiens de cette séance',
  'takeaway.textHint': 'Une idée, un déplacement, ce que je vais essayer.',
  'takeaway.shareLabel': 'Pour la synthèse',
  'takeaway.shareOption': 'L’envoyer, avec mon nom, à l’animateur·rice pour la synthèse',
  'takeaway.shareHint':
    'Jamais anonyme : un texte libre dit qui l’a écrit. Sans cette case, il reste à vous.',
  'takeaway.saved': 'C’est noté dans votre carnet. Vous seul·e pouvez le lire.',
  'takeaway.savedShared':
    'C’est noté dans votre carnet, et envoyé avec votre nom à l’animateur·rice pour la synthèse.',
  'takeaway.forFacilitatorFallback': (p: { name: string; date: string }) =>
    `${p.name} vous envoie ce qu’elle ou il retient de la séance du ${p.date}`,
  'takeaway.forFacilitator': (p: { name: string; date: string }) =>
    `${p.name} vous envoie, pour la synthèse, ce qu’elle ou il retient de la séance du ${p.date} :`,
  'takeaway.forFacilitatorHint':
    'Envoyé avec son nom, à votre intention : ne le citez pas nommément dans la synthèse sans son accord.',
};
