import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './context.ts';
import { logger } from './log.ts';

import { routeOf } from './metrics.ts';

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
        id: c.get('requestId'),
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
