import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes } from '../kernel/routes.js';
import { listSyntheses, readSynthesis } from './list-syntheses.js';
import { openSynthesisForm } from './open-synthesis-form.js';
import { postSynthesis } from './post-synthesis.js';
import { submitSynthesis } from './submit-synthesis.js';

/** Writing, previewing, posting and reading session syntheses. */
export const synthesisRoutes = {
  commands: {
    synthesis: (req) => openSynthesisForm(req),
    syntheses: (req) => listSyntheses(req),
  },
  actions: {
    [ACTION.synthesisWrite]: (req) => openSynthesisForm(req),
    [ACTION.synthesisEdit]: (req, value) => openSynthesisForm(req, value),
    [ACTION.synthesisRead]: (req, value) => readSynthesis(req, value),
  },
  forms: {
    [FORM.synthesis]: (req, f) => submitSynthesis(req, f.state, f.values),
    [FORM.synthesisPreview]: (req, f) => postSynthesis(req, f.state, f.values),
  },
} satisfies FeatureRoutes;
