/**
 * The page's own words (its chrome: labels, the time control, the composer). Everything Cairn says comes
 * from the core in the persona's language; these follow the same language. A test checks that both
 * languages have every key.
 */
const fr = {
  'app.title': 'Cairn — bac à sable',
  'app.note': 'Démo locale : personnes et temps simulés, données sur cette machine uniquement.',
  'app.skip': 'Aller au fil de la conversation',
  'persona.label': 'Je suis',
  'role.facilitator': 'animation',
  'role.member': 'membre',
  'clock.label': 'Heure simulée',
  'clock.controls': 'Faire avancer le temps',
  'clock.minutes': '+10 min',
  'clock.hour': '+1 heure',
  'clock.day': '+1 jour',
  'clock.next': 'Prochain rappel',
  'clock.nextLong': 'Aller au prochain rappel',
  'clock.moving': 'Le temps avance…',
  'clock.delivered': (n: number) =>
    n === 0 ? 'Rien de nouveau.' : n === 1 ? '1 message délivré.' : `${n} messages délivrés.`,
  'clock.nothingDue': 'Rien de prévu dans les 60 prochains jours.',
  'language.label': 'Langue',
  'nav.label': 'Conversations',
  'nav.direct': 'Cairn',
  'nav.directHint': 'message direct',
  'nav.space': 'espace du groupe',
  'nav.new': (n: number) => (n === 1 ? '1 nouveau' : `${n} nouveaux`),
  'tabs.label': 'Affichage',
  'tabs.chat': 'Conversation',
  'tabs.home': 'Accueil',
  'conversation.empty': 'Aucun message pour l’instant.',
  'entry.private': 'Visible par vous seul·e',
  'entry.edited': '(modifié)',
  'entry.cairn': 'Cairn',
  'entry.download': (name: string) => `Télécharger ${name}`,
  'entry.pictureText': 'Lire l’image en texte',
  'composer.label': (title: string) => `Écrire dans « ${title} »`,
  'composer.placeholder': 'Tapez /cairn puis une commande, par exemple /cairn aide',
  'composer.placeholderSpace': 'Message au groupe, ou /cairn puis une commande',
  'composer.hint': 'Flèches haut et bas pour choisir une commande, Tab ou Entrée pour la compléter.',
  'composer.send': 'Envoyer',
  'composer.suggestions': 'Commandes proposées',
  'composer.facilitatorOnly': 'animation',
  'home.label': 'Accueil de la personne',
  'form.required': 'obligatoire',
  'form.optional': 'facultatif',
  'form.errors': 'Le formulaire n’est pas complet : corrigez les champs signalés.',
  'form.close': 'Fermer',
  'form.chars': (n: number, max: number) => `${n} / ${max} caractères`,
  'form.choose': '— Choisir —',
  'error.network': 'Le serveur ne répond pas : Cairn tourne-t-il toujours ?',
  'error.action': 'Cette action n’a pas abouti. La page est mise à jour.',
  'live.lost': 'Connexion perdue, nouvelle tentative…',
};

export type ChromeCatalogue = typeof fr;
export type ChromeKey = keyof ChromeCatalogue;

const en: ChromeCatalogue = {
  'app.title': 'Cairn — playground',
  'app.note': 'Local demo: simulated people and time, data on this machine only.',
  'app.skip': 'Skip to the conversation',
  'persona.label': 'I am',
  'role.facilitator': 'facilitator',
  'role.member': 'member',
  'clock.label': 'Simulated time',
  'clock.controls': 'Move time forward',
  'clock.minutes': '+10 min',
  'clock.hour': '+1 hour',
  'clock.day': '+1 day',
  'clock.next': 'Next reminder',
  'clock.nextLong': 'Jump to the next reminder',
  'clock.moving': 'Time is moving…',
  'clock.delivered': (n: number) =>
    n === 0 ? 'Nothing new.' : n === 1 ? '1 message delivered.' : `${n} messages delivered.`,
  'clock.nothingDue': 'Nothing scheduled in the next 60 days.',
  'language.label': 'Language',
  'nav.label': 'Conversations',
  'nav.direct': 'Cairn',
  'nav.directHint': 'direct message',
  'nav.space': 'group space',
  'nav.new': (n: number) => `${n} new`,
  'tabs.label': 'View',
  'tabs.chat': 'Conversation',
  'tabs.home': 'Home',
  'conversation.empty': 'No messages yet.',
  'entry.private': 'Only visible to you',
  'entry.edited': '(edited)',
  'entry.cairn': 'Cairn',
  'entry.download': (name: string) => `Download ${name}`,
  'entry.pictureText': 'Read the picture as text',
  'composer.label': (title: string) => `Write in “${title}”`,
  'composer.placeholder': 'Type /cairn and a command, for example /cairn help',
  'composer.placeholderSpace': 'Message the group, or /cairn and a command',
  'composer.hint': 'Up and down arrows choose a command; Tab or Enter completes it.',
  'composer.send': 'Send',
  'composer.suggestions': 'Suggested commands',
  'composer.facilitatorOnly': 'facilitator',
  'home.label': 'The person’s home',
  'form.required': 'required',
  'form.optional': 'optional',
  'form.errors': 'The form is not complete: please correct the fields marked.',
  'form.close': 'Close',
  'form.chars': (n: number, max: number) => `${n} / ${max} characters`,
  'form.choose': '— Choose —',
  'error.network': 'The server does not answer: is Cairn still running?',
  'error.action': 'That did not work. The page has been refreshed.',
  'live.lost': 'Connection lost, trying again…',
};

export const CHROME = { fr, en } as const;
export type ChromeLanguage = keyof typeof CHROME;

type Args<K extends ChromeKey> = ChromeCatalogue[K] extends (...a: infer A) => string ? A : [];

export type ChromeTranslate = <K extends ChromeKey>(key: K, ...args: Args<K>) => string;

export function chrome(lang: ChromeLanguage): ChromeTranslate {
  const catalogue = CHROME[lang];
  return (key, ...args) => {
    const entry = catalogue[key] as string | ((...a: unknown[]) => string);
    return typeof entry === 'function' ? entry(...args) : entry;
  };
}
