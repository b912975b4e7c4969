export const delivery = {
  'delivery.unreachableFallback': (p: { name: string }) => `Cairn n’arrive pas à joindre ${p.name}`,
  'delivery.unreachable': (p: { name: string; group: string; help: string }) =>
    `Cairn n’arrive pas à écrire à ${p.name} (groupe « ${p.group} ») : ses rappels et invitations ne lui parviennent pas. Proposez-lui d’ouvrir une conversation avec Cairn (ou d’installer l’application), puis d’écrire « ${p.help} ».`,
};
