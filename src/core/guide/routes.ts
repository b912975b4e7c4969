import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { extendStep, finishGuide, nextStep, pauseGuide } from './lead-guide.js';
import { openGuide } from './open-guide.js';
import { openGuideSynthesis } from './open-guide-synthesis.js';
import { openRequestForm, recordRequest } from './record-request.js';
import { runGuides } from './run-guides.js';
import { startNextCase, submitGuideStart } from './start-guide.js';

/** The session guide: a facilitator runs a session's six steps in the group's space. */
export const guideRoutes = {
  commands: { guide: (req) => openGuide(req) },
  actions: {
    [ACTION.guideStartCase]: (req, value) => startNextCase(req, value),
    [ACTION.guideNext]: (req, value) => nextStep(req, value),
    [ACTION.guideExtend]: (req, value) => extendStep(req, value),
    [ACTION.guidePause]: (req, value) => pauseGuide(req, value),
    [ACTION.guideEnd]: (req, value) => finishGuide(req, value),
    [ACTION.guideRequest]: (req, value) => openRequestForm(req, value),
    [ACTION.guideSynthesis]: (req, value) => openGuideSynthesis(req, value),
  },
  forms: {
    [FORM.guideStart]: (req, f) => submitGuideStart(req, f.state, f.values),
    [FORM.guideRequest]: (req, f) => recordRequest(req, f.state, f.values),
  },
} satisfies FeatureRoutes;

export const guideJobs = { guides: runGuides } satisfies Record<string, ScheduledJob>;
