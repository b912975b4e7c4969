import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { openBallotForm, recordBallot } from './cast-ballot.js';
import { closeDueBallots } from './close-ballot.js';
import { openDueBallots } from './open-ballot.js';

/** The group's anonymous vote on proposed cases: the ballot's form and its submission. */
export const voteRoutes = {
  actions: { [ACTION.voteOpen]: (req, value) => openBallotForm(req, value) },
  forms: { [FORM.vote]: (req, f) => recordBallot(req, f.state, f.values) },
} satisfies FeatureRoutes;

/** Ballots open 3 days before a session and close the day before at 09:00 (before the digest is sent). */
export const voteJobs = {
  ballots: (deps, now) => closeDueBallots(deps, now) + openDueBallots(deps, now),
} satisfies Record<string, ScheduledJob>;
