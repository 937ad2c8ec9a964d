import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { publicIdeas } from './public-routes.ts';
import { ideaReactions } from './reaction-routes.ts';
import { recoverIdeas } from './recover-routes.ts';
import { ideaResults } from './results-routes.ts';
import { submitIdeas } from './submit-routes.ts';
import { trackIdeas } from './track-routes.ts';

/** `/api/ideas`: everything residents do with 金点子, no account needed. */
export const ideasApi = new Hono<AppEnv>()
  .route('/', publicIdeas)
  .route('/', submitIdeas)
  .route('/', ideaReactions)
  .route('/', trackIdeas)
  .route('/', recoverIdeas)
  .route('/', ideaResults);
