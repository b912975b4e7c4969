// STAND-IN until issue 18 lands; replaced at merge by the notebook's real routes.
import type { FeatureRoutes } from '../kernel/routes.js';

/** The private notebook and "what do I take away" (issue 18). */
export const noteRoutes = {} satisfies FeatureRoutes;
