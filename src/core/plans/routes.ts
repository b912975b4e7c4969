// STAND-IN until issue 18 lands; replaced at merge by the action plans' real routes.
import type { FeatureRoutes } from '../kernel/routes.js';

/** Action plans after a case is presented (issue 18). */
export const planRoutes = {} satisfies FeatureRoutes;
