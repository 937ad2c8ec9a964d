import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { forgetContests } from './contest-cache.ts';
import { attemptRoutes } from './routes-attempt.ts';
import { boardRoutes } from './routes-board.ts';
import { joinRoutes } from './routes-join.ts';
import { adminContestRoutes } from './routes-admin.ts';
import { adminLiveRoutes } from './routes-admin-live.ts';
import { adminRunRoutes } from './routes-admin-run.ts';

/** `/api/contests`: joining, answering, leaderboards and certificate checks — no account needed. */
export const contests = new Hono<AppEnv>().route('/', joinRoutes).route('/', attemptRoutes).route('/', boardRoutes);

/** `/api/admin/contests`: for organisers (their own unit) and admins (every unit). */
export const adminContests = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    // Joining reads contests from memory: a change made here is seen at once.
    if (c.req.method !== 'GET') forgetContests(c.var.database);
  })
  .route('/', adminContestRoutes)
  .route('/', adminRunRoutes)
  .route('/', adminLiveRoutes);
