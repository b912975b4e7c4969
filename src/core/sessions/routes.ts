import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes } from '../kernel/routes.js';
import { cancelSession } from './cancel-session.js';
import { listSessions } from './list-sessions.js';
import { openSessionEditForm, openSessionForm } from './open-session-form.js';
import { submitSession } from './submit-session.js';

/** Scheduling, changing and cancelling sessions. */
export const sessionRoutes = {
  commands: {
    session: (req) => openSessionForm(req),
    sessions: (req) => listSessions(req),
  },
  actions: {
    [ACTION.sessionNew]: (req) => openSessionForm(req),
    [ACTION.sessionEdit]: (req, value) => openSessionEditForm(req, value),
    [ACTION.sessionCancel]: (req, value) => cancelSession(req, value),
  },
  forms: { [FORM.session]: (req, f) => submitSession(req, f.state, f.values) },
} satisfies FeatureRoutes;
