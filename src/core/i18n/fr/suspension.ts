export const suspension = {
  'suspension.fallback': (p: { group: string }) => `Cairn a été retiré de l’espace du groupe « ${p.group} »`,
  'suspension.title': (p: { group: string }) => `Groupe « ${p.group} » suspendu`,
  'suspension.body': (p: { group: string; date: string }) =>
    `Cairn a été retiré de l’espace du groupe « ${p.group} ». Le groupe est suspendu : plus aucun rappel, point d’étape ni message ne part. Ses données (cas, séances, points d’étape, synthèses publiées seulement là) seront effacées le ${p.date}, sauf si Cairn est rajouté à l’espace d’ici là : le groupe reprendra alors tel qu’il était.`,
  'suspension.resumedFallback': (p: { group: string }) => `Cairn est de retour dans le groupe « ${p.group} »`,
  'suspension.resumed': (p: { group: string }) =>
    `Cairn a été rajouté à l’espace du groupe « ${p.group} » : le groupe reprend tel qu’il était, rien ne sera effacé.`,
};
