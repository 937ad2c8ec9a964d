import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { awardRoutes } from './awards.ts';
import { campaignsAdmin } from './campaign-routes.ts';
import { judgingRoutes } from './judging.ts';
import { panelAdmin } from './panel-routes.ts';
import { scoresExport } from './scores-export.ts';

/**
 * `/api/admin/campaigns`: campaigns, the judging panel, scores, awards and the announcement. Each
 * route names its own roles (a `.use()` here would leak onto sibling routes mounted at the same path).
 */
export const adminCampaigns = new Hono<AppEnv>()
  .route('/', campaignsAdmin)
  .route('/', panelAdmin)
  .route('/', judgingRoutes)
  .route('/', awardRoutes)
  .route('/', scoresExport);
