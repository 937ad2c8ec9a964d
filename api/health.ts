import { Hono } from 'hono';
import pkg from '../package.json' with { type: 'json' };
import type { AppEnv } from './context.ts';
import { DB_RETRY_AFTER_SECONDS } from './errors.ts';
import { logError } from './log.ts';

/** `GET /api/health`: whether the server and its database answer. */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  c.header('cache-control', 'no-store');
  try {
    await c.var.database.client.execute('SELECT 1');
    return c.json({ status: 'ok' as const, db: 'ok' as const, version: pkg.version });
  } catch (err) {
    logError('[health] database check failed', err);
    return c.json({ status: 'degraded' as const, db: 'down' as const, version: pkg.version }, 503, {
      'retry-after': String(DB_RETRY_AFTER_SECONDS),
    });
  }
});
