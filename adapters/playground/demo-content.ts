import type { Language } from './api.js';
import type { Persona } from './platform.js';

/** The demo group's people: a facilitator and five members. */
export const FACILITATOR: Persona = { ref: 'pg:helene', name: 'Hélène Marchand' };
export const MEMBERS: Persona[] = [
  { ref: 'pg:julien', name: 'Julien Roux' },
  { ref: 'pg:nadia', name: 'Nadia Benali' },
  { ref: 'pg:thomas', name: 'Thomas Girard' },
  { ref: 'pg:sophie', name: 'Sophie Lefèvre' },
  { ref: 'pg:karim', name: 'Karim Haddad' },
];
export const DEMO_SPACE = 'pg-space:lyon';

type CaseText = {
  title: string;
  situation: string;
  stakes: string;
  tried: string;
  expectations: string;
};

type SynthesisText = { themes: string; learned: string; commitments: string };

/** Between sessions: Nadia's notebook, the two clients' action plans, Julien's report, Thomas's takeaway. */
type BetweenSessions = {
  /** Nadia's second note (her first is her open case's situation, noted before she made it a case). */
  note: { text: string; noticed: string };
  secondPastCase: CaseText;
  julienPlan: { what: string; withWhom: string; support: string };
  julienReport: { happened: string; learned: string };
  sophiePlan: { what: string; withWhom: string };
  takeaway: string;
};

export type DemoContent = {
  groupName: string;
  synthesis: SynthesisText;
  place: string;
  supportContacts: string;
  pastCase: CaseText;
  openCase: CaseText;
  between: BetweenSessions;
  /** Two cases for the whole group, on the ballot of the demo's vote in progress (Thomas's, Sophie's). */
  votedCases: [CaseText, CaseText];
};

/** What the demo's people wrote, in the group's language. */
export const DEMO_CONTENT: Record<Language, DemoContent> = {
  fr: {
    groupName: 'Groupe Lyon — managers de proximité',
    synthesis: {
      themes:
        'Les réunions d’équipe qui ne font plus sens après une réorganisation ; la place du manager de proximité entre la direction et l’atelier.',
      learned:
        'Une réunion sert d’abord ceux qui y viennent : demander à l’équipe ce qu’elle en attend avant de changer la forme. Dire ce qui ne dépend pas de moi libère de la place pour ce qui en dépend.',
      commitments:
        'Chacun essaie une question ouverte en début de réunion d’ici la prochaine séance, et en dit un mot au groupe.',
    },
    place: 'Maison des entreprises, salle Saône (Lyon 7e)',
    supportContacts:
      'Médecine du travail : 04 72 00 00 00\nLigne d’écoute psychologique (24 h/24) : 0 800 00 00 00',
    pastCase: {
      title: 'Comment puis-je redonner du sens aux réunions d’équipe du lundi ?',
      situation:
        'J’anime chaque lundi une réunion de 45 minutes avec les douze opérateurs de l’atelier. Depuis la réorganisation, personne ne prend la parole et plusieurs arrivent en retard.',
      stakes: 'Je perds le seul moment où toute l’équipe est réunie, et je sens que l’ambiance se dégrade.',
      tried: 'Raccourcir la réunion, envoyer l’ordre du jour la veille, faire tourner l’animation.',
      expectations: 'Des idées pour que la réunion serve d’abord à l’équipe, et un regard sur ma posture.',
    },
    openCase: {
      title: 'Comment puis-je accompagner un technicien expérimenté qui refuse le nouveau planning ?',
      situation:
        'Un technicien de maintenance, vingt ans de maison, refuse les nouvelles astreintes décidées par la direction du site. Il en parle ouvertement à l’équipe.',
      stakes:
        'Je suis pris entre une décision que je dois porter et une personne que je respecte et dont j’ai besoin.',
      tried: 'Un entretien individuel, où il m’a dit que je « faisais le relais de la direction ».',
      expectations: 'Comprendre ce qui se joue pour lui et trouver comment reprendre le dialogue.',
    },
    between: {
      note: {
        text: 'Réunion de sécurité : deux chefs d’équipe se sont renvoyé la responsabilité d’un incident devant tout le monde.',
        noticed: 'Je suis resté silencieux, et je m’en suis voulu en sortant.',
      },
      secondPastCase: {
        title: 'Comment puis-je dire non à une demande de mon N+1 sans perdre sa confiance ?',
        situation:
          'Mon responsable me demande d’absorber une commande urgente avec une équipe déjà en heures supplémentaires depuis un mois.',
        stakes: 'La santé de l’équipe, et ma relation avec mon responsable.',
        tried: 'J’ai accepté les deux dernières fois, en le regrettant.',
        expectations: 'Des manières de poser une limite et de proposer autre chose.',
      },
      julienPlan: {
        what: 'Ouvrir la réunion du lundi par une question à l’équipe : « qu’est-ce qui vous a aidés ou gênés la semaine dernière ? »',
        withWhom: 'L’équipe de l’atelier, et mon adjoint pour animer à tour de rôle',
        support: 'Un regard du groupe sur ce que j’en retiens.',
      },
      julienReport: {
        happened:
          'Trois réunions avec la question d’ouverture : la première a été silencieuse, la troisième a duré vingt minutes de plus tant il y avait à dire.',
        learned: 'Le silence du début n’était pas de l’indifférence : il fallait du temps pour y croire.',
      },
      sophiePlan: {
        what: 'Demander un rendez-vous à mon N+1 pour présenter la charge de l’équipe, chiffres à l’appui, avant la prochaine commande.',
        withWhom: 'Mon N+1',
      },
      takeaway:
        'Je retiens qu’une réunion appartient d’abord à ceux qui y viennent. Et que je peux demander avant de changer.',
    },
    votedCases: [
      {
        title: 'Comment puis-je répartir les astreintes d’été sans épuiser toujours les mêmes ?',
        situation:
          'Chaque été, les trois mêmes techniciens se portent volontaires pour les astreintes. Cette année, l’un d’eux m’a dit qu’il n’en pouvait plus, et les autres ne proposent rien.',
        stakes: 'La santé de ceux qui portent tout, et l’équité dans l’équipe.',
        tried: 'Un tableau d’inscription libre, qui s’est rempli avec les mêmes noms.',
        expectations: 'Des façons d’ouvrir le sujet en équipe sans désigner personne.',
      },
      {
        title: 'Comment puis-je préparer mon équipe à l’arrivée du nouvel outil de planification ?',
        situation:
          'Le siège impose un nouvel outil de planification en juin. Mon équipe l’a appris par une rumeur et s’inquiète pour ses horaires.',
        stakes: 'Garder la confiance de l’équipe alors que je n’ai pas toutes les réponses.',
        tried: 'Une réunion d’information avec ce que je savais, trop tôt sans doute.',
        expectations: 'Comment parler de ce que je ne sais pas encore.',
      },
    ],
  },
  en: {
    groupName: 'Lyon group — front-line managers',
    synthesis: {
      themes:
        'Team meetings that lost their meaning after a reorganisation; the front-line manager’s place between management and the shop floor.',
      learned:
        'A meeting serves those who come first: ask the team what they expect before changing its form. Saying what does not depend on me frees room for what does.',
      commitments:
        'Everyone tries one open question at the start of a meeting before the next session, and tells the group how it went.',
    },
    place: 'Maison des entreprises, Saône room (Lyon 7e)',
    supportContacts: 'Occupational health: +33 4 72 00 00 00\nListening line (24/7): 0 800 00 00 00',
    pastCase: {
      title: 'How can I make our Monday team meetings meaningful again?',
      situation:
        'Every Monday I run a 45-minute meeting with the twelve operators of the workshop. Since the reorganisation nobody speaks up and several arrive late.',
      stakes: 'I am losing the only moment when the whole team is together, and I feel the mood is sinking.',
      tried: 'Shorter meetings, sending the agenda the day before, rotating who runs it.',
      expectations: 'Ideas so that the meeting serves the team first, and a view on my own stance.',
    },
    openCase: {
      title: 'How can I support an experienced technician who refuses the new rota?',
      situation:
        'A maintenance technician with twenty years in the company refuses the new on-call duties decided by site management, and says so openly to the team.',
      stakes: 'I am caught between a decision I have to carry and a person I respect and need.',
      tried: 'A one-to-one meeting, where he told me I was "just relaying management".',
      expectations: 'Understand what is at stake for him and find a way to talk again.',
    },
    between: {
      note: {
        text: 'Safety meeting: two team leaders blamed each other for an incident in front of everyone.',
        noticed: 'I stayed silent, and blamed myself for it on the way out.',
      },
      secondPastCase: {
        title: 'How can I say no to my manager’s request without losing their trust?',
        situation:
          'My manager asks me to take on an urgent order with a team that has been on overtime for a month already.',
        stakes: 'My team’s health, and my relationship with my manager.',
        tried: 'I said yes the last two times, and regretted it.',
        expectations: 'Ways to set a limit and offer something else.',
      },
      julienPlan: {
        what: 'Open the Monday meeting with a question to the team: "what helped or hindered you last week?"',
        withWhom: 'The workshop team, and my deputy to take turns running it',
        support: 'The group’s view on what I take from it.',
      },
      julienReport: {
        happened:
          'Three meetings with the opening question: the first was silent, the third ran twenty minutes over, there was so much to say.',
        learned: 'The silence at first was not indifference: it took time to believe in it.',
      },
      sophiePlan: {
        what: 'Ask my manager for a meeting to show the team’s workload, with figures, before the next order.',
        withWhom: 'My manager',
      },
      takeaway:
        'I take away that a meeting belongs first to those who come. And that I can ask before I change it.',
    },
    votedCases: [
      {
        title: 'How can I share out the summer on-call duties without wearing out the same people?',
        situation:
          'Every summer the same three technicians volunteer for on-call duty. This year one of them told me he cannot take it any more, and the others offer nothing.',
        stakes: 'The health of those who carry everything, and fairness in the team.',
        tried: 'A sign-up sheet, which filled up with the same names.',
        expectations: 'Ways to open the subject with the team without pointing at anyone.',
      },
      {
        title: 'How can I prepare my team for the new scheduling tool?',
        situation:
          'Head office is bringing in a new scheduling tool in June. My team heard about it through a rumour and worry about their hours.',
        stakes: 'Keeping the team’s trust while I do not have all the answers.',
        tried: 'An information meeting with what I knew, too early probably.',
        expectations: 'How to talk about what I do not know yet.',
      },
    ],
  },
};
