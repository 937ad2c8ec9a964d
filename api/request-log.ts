import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import type { AppEnv } from './context.ts';
import { routeOf } from './metrics.ts';

/**
 * The server's structured log: one JSON object per line on standard output, for journald, Docker or
 * any collector. `LOG_LEVEL` (default `info`) sets how much; client addresses appear only as their
 * salted hash.
 */
export const logger = pino({
  level: process.env['LOG_LEVEL'] ?? 'info',
  base: { service: 'yzready' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

/**
 * Gives each request an id (echoed as `X-Request-Id`, or taken from the proxy's when it sends a sane
 * one) and logs one line when it has been answered.
 */
export function logRequests(): MiddlewareHandler<AppEnv> {
  const id = requestId({ limitLength: 64 });
  return (c, next) =>
    id(c, async () => {
      const start = performance.now();
      await next();
      const status = c.res.status;
      const line = {
        id: c.var.requestId,
        method: c.req.method,
        route: routeOf(c),
        status,
        ms: Math.round((performance.now() - start) * 10) / 10,
        client: c.get('clientHash'),
      };
      if (status >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    });
}
