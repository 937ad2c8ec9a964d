import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { awardRoutes } from './award-routes.ts';
import { campaignEditRoutes } from './campaign-edit-routes.ts';
import { scoringRoutes } from './scoring-routes.ts';
import { panelAdmin } from './panel-routes.ts';
import { scoresExport } from './score-export-routes.ts';

/**
 * `/api/admin/campaigns`: campaigns, the judging panel, scores, awards and the announcement. Each
 * route names its own roles (a `.use()` here would leak onto sibling routes mounted at the same path).
 */
export const adminCampaigns = new Hono<AppEnv>()
  .route('/', campaignEditRoutes)
  .route('/', panelAdmin)
  .route('/', scoringRoutes)
  .route('/', awardRoutes)
  .route('/', scoresExport);
