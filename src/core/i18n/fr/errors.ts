import type { ErrorCode } from '../../kernel/result.js';

export const errors: Record<ErrorCode, string> = {
  'GROUP.NONE':
    'Vous ne faites partie d’aucun groupe Cairn. Un·e animateur·rice crée un groupe avec « setup » dans le canal privé du groupe, après y avoir invité Cairn.',
  'GROUP.NOT_FOUND': 'Ce groupe n’existe pas, ou vous n’en faites pas partie.',
  'GROUP.NOT_FACILITATOR': 'Seul·e l’animateur·rice du groupe peut faire cela.',
  'GROUP.SPACE_NOT_SET_UP':
    'Cet espace n’est pas encore celui d’un groupe Cairn. L’animateur·rice peut le créer avec « setup ».',
  'GROUP.SETUP_IN_SPACE':
    'Lancez « setup » dans le canal privé (ou la conversation de groupe) du groupe, après y avoir invité Cairn.',
  'GROUP.ALREADY_BOUND': 'Cet espace est déjà celui d’un groupe.',
  'GROUP.CHOOSE': 'Vous faites partie de plusieurs groupes : précisez lequel.',
  'GROUP.SPACE_UNREADABLE':
    'Cairn n’a pas pu lire les membres de cet espace : il ne peut pas y créer de groupe. Vérifiez que Cairn y a été ajouté, puis relancez « setup ».',
  'GROUP.CAIRN_NOT_IN_SPACE':
    'Cairn n’est pas encore dans cet espace. Ajoutez-le d’abord (Slack : /invite @Cairn ; Teams : + Applications dans la conversation), puis relancez « setup ».',
  'GROUP.NOT_IN_SPACE': 'Seul·e un·e membre de cet espace peut y créer le groupe ou le modifier.',
  'GROUP.SHARED_SPACE':
    'Ce canal est partagé avec une autre organisation (Slack Connect) : Cairn n’y crée pas de groupe, car des personnes extérieures à votre organisation verraient ce que le groupe partage. Créez un canal privé interne à votre organisation, invitez-y Cairn et lancez « setup » là.',
  'SESSION.NOT_FOUND': 'Cette séance n’existe pas ou a été annulée.',
  'SESSION.STARTED': 'Cette séance a déjà commencé.',
  'SESSION.GUIDE_RUNNING':
    'Le guide de séance est lancé pour cette séance : terminez-le (Terminer, dans le guide) avant de modifier la séance.',
  'SESSION.NONE_UPCOMING': 'Aucune séance n’est programmée.',
  'CASE.NOT_FOUND': 'Ce cas n’existe pas, ou vous ne pouvez pas le lire.',
  'CASE.LOCKED': 'Ce cas ne peut plus être modifié : sa séance a commencé, ou il a été présenté ou retiré.',
  'CASE.BEING_GUIDED':
    'Ce cas est présenté avec le guide de séance : terminez le guide avant de le reporter.',
  'CASE.NOT_AUTHOR': 'Seul·e l’auteur·rice d’un cas peut le modifier.',
  'FORM.UNKNOWN': 'Ce formulaire n’est pas reconnu. Relancez la commande.',
  'FORM.EXPIRED':
    'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
  'ACTION.UNKNOWN': 'Ce bouton n’est plus valide.',
  'PAUSE.BAD_DATE':
    'Indiquez une date à venir : « pause until 2026-12-31 » (ou 31/12/2026), ou « pause off ».',
  'LANGUAGE.UNKNOWN': 'Langues disponibles : « language fr » ou « language en ».',
  'CHECKIN.NOT_OPEN': 'Ce point d’étape est fermé : votre réponse n’a pas été enregistrée.',
  'CHECKIN.ALREADY_OPEN': 'Un point d’étape est déjà ouvert pour ce groupe.',
  'CHECKIN.ALREADY_ANSWERED':
    'Vous avez déjà répondu à ce point d’étape : rien n’a été compté une seconde fois.',
  'CHECKIN.NOT_FOUND': 'Aucun point d’étape ouvert.',
  'CHECKIN.BAD_VALUE': 'Chaque réponse doit être une note de 1 à 5 : rien n’a été enregistré.',
  'CHECKIN.NO_RESULT':
    'Aucun résultat de point d’étape à partager : aucun n’est encore clos, ou le dernier avait trop peu de réponses pour montrer quoi que ce soit.',
  'TRENDS.NONE_RELEASED':
    'Pas encore de tendances pour ce groupe : aucun point d’étape n’a eu assez de réponses pour être publié. La première image viendra avec le premier résultat publié.',
  'VOTE.NOT_FOUND': 'Aucun vote de votre groupe ne correspond : rien n’a été compté.',
  'VOTE.CLOSED': 'Ce vote est clos : votre choix n’a pas été compté.',
  'VOTE.ALREADY_VOTED': 'Vous avez déjà voté : rien n’a été compté une seconde fois.',
  'VOTE.NO_CASES':
    'Plus aucun cas sur ce bulletin : leurs auteur·es les ont retirés ou réservés à l’animateur·rice. Rien à voter.',
  'ROTATION.NOT_MEMBER': 'Cette personne ne fait plus partie du groupe : rien n’a été envoyé.',
  'CHECKIN.TOO_MANY_OPERATIONS':
    'Les points d’étape de ce groupe ont été ouverts, clos ou partagés 6 fois dans la dernière heure : attendez un peu avant de recommencer.',
  'SYNTHESIS.NOT_FOUND': 'Cette synthèse n’existe pas, ou vous n’y avez pas accès.',
  'SYNTHESIS.NO_TARGET': 'Choisissez au moins un groupe.',
  'PERSON.UNKNOWN': 'Cairn ne conserve aucune donnée à votre sujet.',
  'GUIDE.IN_SPACE':
    'Lancez « animer » dans l’espace du groupe (son canal privé ou sa conversation de groupe), pendant une séance.',
  'GUIDE.NO_SESSION':
    'Pas de séance en ce moment : le guide s’ouvre 30 minutes avant le début d’une séance et jusqu’à sa fin.',
  'GUIDE.ALREADY_RUNNING':
    'Un guide est déjà en cours dans cet espace : terminez-le avant d’en démarrer un autre.',
  'GUIDE.NO_CASE': 'Aucun cas à présenter : aucun n’est retenu pour cette séance et aucun n’est proposé.',
  'GUIDE.CASE_UNAVAILABLE':
    'Ce cas ne peut pas être présenté : son auteur l’a retiré, ou il a déjà été présenté.',
  'GUIDE.ENDED': 'Ce guide est terminé : ses boutons ne changent plus rien.',
  'GUIDE.NOT_LEADER': 'Seul·e l’animateur·rice mène la séance.',
  'GUIDE.NOT_CLIENT': 'Seul·e l’animateur·rice ou le client peut noter la demande du client.',
  'NOTE.TOO_LONG':
    'Une note fait 3000 caractères au plus : rien n’a été enregistré. Pour un texte plus long, « note » seul ouvre le formulaire.',
  'NOTE.NOT_FOUND': 'Cette note n’existe pas, ou elle n’est pas la vôtre.',
  'PLAN.NO_CASE':
    'Vous n’avez pas encore de cas présenté : le plan d’action vient après avoir présenté un cas en séance.',
  'PLAN.NOT_YOUR_CASE': 'Vous ne pouvez écrire que le plan d’action d’un cas que vous avez présenté.',
  'PLAN.NOT_FOUND': 'Ce plan d’action n’existe pas, ou il n’est pas le vôtre.',
  'PLAN.ALREADY_REPORTED':
    'Vous avez déjà raconté comment cela s’est passé : votre compte rendu est gardé tel quel.',
  'TAKEAWAY.NOT_FOUND': 'Cette séance n’a pas encore eu lieu, ou vous ne faites pas partie de son groupe.',
};
