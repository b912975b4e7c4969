import { ACTION } from '../contract/ids.js';
import type { FeatureRoutes } from '../kernel/routes.js';
import { nudgeMember } from './nudge-member.js';
import { showRotation } from './show-rotation.js';

/** Who presented when, for facilitators, and their private invitation to bring a case. */
export const rotationRoutes = {
  commands: { rotation: (req) => showRotation(req) },
  actions: {
    [ACTION.rotationShow]: (req, value) => showRotation(req, value || undefined),
    [ACTION.rotationNudge]: (req, value) => nudgeMember(req, value),
  },
} satisfies FeatureRoutes;
