export const privacy = {
  'privacy.fallback': 'Vos données dans Cairn',
  'privacy.title': 'Ce que Cairn garde, et qui le voit',
  'privacy.stored':
    'Ce que Cairn conserve sur vous : votre nom affiché et votre identifiant sur la plateforme, vos groupes et votre rôle, vos préférences (langue, pause des rappels), les cas que vous avez proposés, votre carnet de pratique (notes, ce que vous retenez des séances) et vos plans d’action avec leurs comptes rendus.',
  'privacy.whoSees':
    'Qui le voit : un cas « animateur·rice seulement » n’est lu que par vous et l’animateur·rice du groupe ; un cas « tout le groupe », par les membres de votre groupe. Votre carnet n’est lu que par vous : jamais par l’animateur·rice ni dans un récapitulatif, sauf ce que vous retenez d’une séance si vous choisissez de le lui envoyer, avec votre nom. Un plan d’action est lu par qui vous avez choisi ; de votre compte rendu, l’animateur·rice ne reçoit que ce que vous avez décidé de partager. Personne d’un autre groupe, et jamais votre hiérarchie.',
  'privacy.howLong':
    'Combien de temps : vos cas et leurs plans d’action sont effacés après la durée choisie par le groupe (12 mois après leur séance par défaut), vos notes après cette même durée ou celle, plus courte, que vous choisissez ; le reste, jusqu’à « forget-me » ou la désinstallation de Cairn.',
  'privacy.cannotKnow':
    'Ce que Cairn ne peut pas savoir : qui a répondu quoi aux points d’étape, ni qui a voté pour quel cas. Réponses et votes sont ajoutés à des compteurs sans nom ; la trace qui empêche de répondre ou de voter deux fois est une empreinte à clé, effacée à la clôture. Aucun résultat n’est montré sous le seuil d’anonymat (3 votants au moins pour un vote).',
  'privacy.rights':
    'Vos droits : « my-data » vous envoie tout ce que Cairn garde sur vous ; « forget-me » l’efface ; « pause » suspend les rappels.',
  'privacy.readMore': 'Lire la politique complète',
  'privacy.hierarchy': 'Votre hiérarchie n’a aucun rôle dans Cairn et n’y voit rien.',
  'myData.fallback': 'Vos données dans Cairn',
  'myData.title': 'Tout ce que Cairn garde sur vous',
  'myData.person': (p: { name: string; language: string }) =>
    `Nom affiché : ${p.name} · langue choisie : ${p.language}`,
  'myData.groups': (p: { groups: string }) => `Groupes : ${p.groups}`,
  'myData.noGroups': 'Groupes : aucun',
  'myData.role.facilitator': 'animateur·rice',
  'myData.role.member': 'membre',
  'myData.cases': (p: { count: number }) => `Cas proposés : ${p.count}`,
  'myData.notebook': (p: { notes: number; plans: number }) =>
    `Carnet : ${p.notes} note(s) · plans d’action : ${p.plans}`,
  'myData.paused': (p: { until: string }) => `Rappels suspendus jusqu’au ${p.until}`,
  'myData.checkinsNotIncluded':
    'Vos réponses aux points d’étape ne figurent pas ici : Cairn ne peut pas savoir lesquelles sont les vôtres.',
  'myData.votesNotIncluded':
    'Vos votes sur les cas proposés ne figurent pas ici non plus : Cairn ne peut pas savoir lesquels sont les vôtres.',
  'myData.fileNote':
    'Le détail complet, textes des cas, notes et plans compris, est dans le fichier joint (JSON) lorsque la plateforme le permet.',
  'myData.sent': 'Je vous ai envoyé vos données en message privé.',
  'forget.title': 'Effacer mes données',
  'forget.what':
    'Cairn effacera vos cas, vos plans d’action, votre carnet, vos préférences, vos appartenances aux groupes et le lien avec votre compte. C’est définitif.',
  'forget.stays':
    'Restent : les synthèses de séance (elles appartiennent au groupe) et les compteurs anonymes des points d’étape et des votes, qui ne vous désignent pas.',
  'forget.confirmLabel': 'Confirmation',
  'forget.confirm': 'Je veux effacer mes données.',
  'forget.confirmRequired': 'Cochez la case pour confirmer.',
  'forget.submit': 'Effacer',
  'forget.done': 'Vos données sont effacées. Si vous écrivez de nouveau à Cairn, vous repartirez de zéro.',
};
