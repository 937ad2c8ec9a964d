import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv } from './context.ts';

/** What an error answer means, for counting: the classes of the house style (STYLE.md, "Errors"). */
export function errorKind(status: number): string | null {
  if (status < 400) return null;
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'bug';
  return 'bad_input';
}

/** Business events recognised from the route that answered, so that no route has to count itself. */
const EVENTS: ReadonlyArray<{ method: string; route: RegExp; event: 'contest_save' | 'idea_submission' }> = [
  { method: 'PUT', route: /\/attempts\/:[^/]+\/answers\/:[^/]+$/, event: 'contest_save' },
  { method: 'POST', route: /^\/api\/ideas\/submissions$/, event: 'idea_submission' },
];

/** The process's metrics, in Prometheus's text format at `/metrics`. */
export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  errors: Counter<'kind'>;
  events: Counter<'event'>;
  /** Push deliveries by push-service origin and outcome (sent, failed, retried, expired, removed). */
  deliveries: Counter<'origin' | 'outcome'>;
}

/**
 * A registry of its own per app (tests build many apps in one process). `gauges` are read when
 * `/metrics` is scraped: each may query the database, and answers within the scrape or is left out.
 */
export function createMetrics(gauges: Record<string, { help: string; read: () => Promise<number> }> = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yzready_' });
  for (const [name, g] of Object.entries(gauges)) {
    new Gauge({
      name: `yzready_${name}`,
      help: g.help,
      registers: [registry],
      async collect() {
        // A database that hangs must not hang the scrape: the gauge is then simply absent (NaN).
        const value = await Promise.race([g.read(), new Promise<number>((r) => setTimeout(() => r(Number.NaN), 1000).unref())]).catch(
          () => Number.NaN,
        );
        this.set(value);
      },
    });
  }
  return {
    registry,
    requests: new Counter({
      name: 'yzready_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'yzready_http_request_duration_seconds',
      help: 'Time to answer, by route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'yzready_http_errors_total',
      help: 'Error answers by kind: bad_input, auth, not_found, conflict, rate_limited, unavailable, bug',
      labelNames: ['kind'],
      registers: [registry],
    }),
    events: new Counter({
      name: 'yzready_events_total',
      help: 'Contest answer saves and idea submissions accepted',
      labelNames: ['event'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'yzready_push_deliveries_total',
      help: 'Push deliveries by push-service origin and outcome',
      labelNames: ['origin', 'outcome'],
      registers: [registry],
    }),
  };
}

/** The route pattern that answered (`/api/contests/attempts/:token/answers/:n`), never the raw path: labels stay few. */
export function routeOf(c: Context): string {
  // After the chain has run, routeIndex is the handler that answered (the last matched may never have run).
  const pattern = matchedRoutes(c)[c.req.routeIndex]?.path;
  return !pattern || pattern === '*' || pattern === '/*' ? (c.req.path.startsWith('/api/') ? 'api-unmatched' : 'site') : pattern;
}

/** Counts and times every request, by route pattern. */
export function countRequests(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const cached = (c as Context<AppEnv>).get('cachedAnswer');
    const route = cached?.fromMemory ? cached.entry.route : routeOf(c);
    if (cached && !cached.fromMemory) cached.entry.route = route;
    const { method } = c.req;
    const status = c.res.status;
    metrics.requests.inc({ method, route, status: String(status) });
    metrics.duration.observe({ method, route }, (performance.now() - start) / 1000);
    const kind = errorKind(status);
    if (kind) metrics.errors.inc({ kind });
    if (status < 300) for (const e of EVENTS) if (e.method === method && e.route.test(route)) metrics.events.inc({ event: e.event });
  };
}

/** Whether the request came straight from this machine (forwarding headers are not looked at). */
function fromLoopback(c: Context): boolean {
  try {
    const address = getConnInfo(c).remote.address ?? '';
    return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * `GET /metrics`: with METRICS_TOKEN set, for `Authorization: Bearer <token>` only; without it, for
 * this machine only (a Prometheus on the same host, or one that scrapes through an SSH tunnel).
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): MiddlewareHandler {
  return async (c) => {
    const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const allowed = token ? given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token)) : fromLoopback(c);
    if (!allowed) return c.json({ error: { code: 'forbidden', message: '指标只对运维人员开放。' } }, 403);
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  };
}
