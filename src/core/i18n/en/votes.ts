import type { votes as fr } from '../fr/votes.js';
import type { Widen } from '../widen.js';

export const votes: Widen<typeof fr> = {
  'vote.ballotFallback': (p) => `Anonymous vote: which cases for the next session? — ${p.group}`,
  'vote.ballotTitle': (p) => `Which cases for the next session? — ${p.group}`,
  'vote.ballotIntro': (p) =>
    `${p.proposed} cases are proposed for the session of ${p.when}, which has room for ${p.perSession}. Choose up to ${p.max}: the facilitator decides, with your vote as advice.`,
  'vote.caseFacts': (p) => `${p.kind} · ${p.urgency} — ${p.excerpt}`,
  'vote.hiddenCases': (p) =>
    p.count === 1
      ? 'And 1 more case that only the facilitator can read: they will weigh it too.'
      : `And ${p.count} more cases that only the facilitator can read: they will weigh them too.`,
  'vote.button': 'Vote',
  'vote.anonymityNote': (p) =>
    `Open until ${p.until}. Anonymous: nobody, neither the facilitator nor whoever runs the service, can tell who voted for what. No vote count is shown if fewer than ${p.min} people vote.`,
  'vote.formTitle': 'Anonymous vote',
  'vote.formIntro': (p) =>
    `Which cases would you like to work on at the next session of "${p.group}"? Up to ${p.max}.`,
  'vote.choices': 'Your choices',
  'vote.choicesHint': (p) => `Up to ${p.max}. You may vote for your own case.`,
  'vote.submit': 'Vote',
  'vote.tooMany': (p) => `Choose at most ${p.max} cases: nothing was counted.`,
  'vote.notOnBallot': 'This case is not part of this vote: nothing was counted.',
  'vote.thanksTitle': 'Thank you',
  'vote.thanks': (p) =>
    `Your vote is counted, without your name. The facilitator will see the result on ${p.until} and decide.`,
  'vote.chooseGroup': 'Several votes are open: which one?',
  'vote.resultTitle': 'The group’s vote',
  'vote.resultSummary': (p) => `${p.voters} people voted; each could choose several cases.`,
  'vote.tooFew': (p) =>
    `The group’s vote: too few votes (fewer than ${p.min} people voted), no count is shown.`,
  'vote.openUntil': (p) => `The group’s vote is open until ${p.until}.`,
  'vote.label.open': 'vote open',
  'vote.label.votes': (p) => (p.count === 1 ? '1 vote' : `${p.count} votes`),
  'vote.label.tooFew': 'too few votes',
  'vote.label.offBallot': 'not on the ballot',
  'vote.homeOpen': (p) => `A vote on the proposed cases is open until ${p.until}.`,
  'vote.retained': 'retained for the session',
};
