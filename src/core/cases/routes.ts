import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes } from '../kernel/routes.js';
import { listCases } from './list-cases.js';
import { markCase } from './mark-case.js';
import { openCaseEditForm, openCaseForm } from './open-case-form.js';
import { submitCase } from './submit-case.js';
import { viewCase } from './view-case.js';
import { withdrawCase } from './withdraw-case.js';

/** Proposing, changing, withdrawing and reading cases; the facilitators' queue. */
export const caseRoutes = {
  commands: {
    case: (req, args) => openCaseForm(req, { title: args || undefined }),
    cases: (req) => listCases(req),
  },
  actions: {
    [ACTION.caseOpen]: (req, value) => openCaseForm(req, { sessionId: value || undefined }),
    [ACTION.caseEdit]: (req, value) => openCaseEditForm(req, value),
    [ACTION.caseWithdraw]: (req, value) => withdrawCase(req, value),
    [ACTION.caseView]: (req, value) => viewCase(req, value),
    [ACTION.caseMark]: (req, value) => markCase(req, value),
    [ACTION.casesList]: (req, value) => listCases(req, value || undefined),
  },
  forms: { [FORM.case]: (req, f) => submitCase(req, f.state, f.values) },
} satisfies FeatureRoutes;
