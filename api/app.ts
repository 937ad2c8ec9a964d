import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrfGuard, loadSession, requireSecondFactor, requireSession } from './accounts/guard.ts';
import { adminAccounts } from './admin/accounts.ts';
import { adminAudit } from './admin/audit.ts';
import { auth } from './auth.ts';
import { clientAddress, hashAddress } from './client-address.ts';
import { adminContests, contests } from './contests/index.ts';
import type { AppEnv } from './context.ts';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import { apiError, apiNotFound, databaseUnavailable, onError } from './errors.ts';
import { healthHandler, type WorkerState } from './health.ts';
import { countRequests, createMetrics, metricsRoute, type Metrics } from './metrics.ts';
import { logRequests } from './request-log.ts';
import { adminCap } from './cap/routes.ts';
import { adminCampaigns } from './ideas/admin-campaigns.ts';
import { adminIdeas } from './ideas/admin-ideas.ts';
import { ideasApi } from './ideas/index.ts';
import { queueState } from './push/queue-state.ts';
import { createPushSender, type PushSender } from './push/sender.ts';
import { subscriptionRoutes } from './push/subscriptions.ts';
import { loadVapidKeys, type VapidKeys } from './push/vapid.ts';
import { mapConfig } from './map-config.ts';
import { securityHeaders } from './security-headers.ts';
import { serveSite } from './static-site.ts';
import { adminWarnings } from './warnings/admin.ts';
import { warningSettings } from './warnings/approval.ts';
import { createWarningCache, WARNINGS_IN_PAGE, type WarningCache } from './warnings/cache.ts';
import { warningFeeds } from './warnings/feeds.ts';
import { warningsInPage } from './warnings/list-page.ts';
import { warningPage } from './warnings/page.ts';
import { warningPageEn } from './warnings/page-en.ts';
import { publicWarnings } from './warnings/public.ts';
import { adminWarningTemplates } from './warnings/templates.ts';

/** Default request-body limit for the API; a route that needs more is listed in `bodyLimits`. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Larger body limits by path prefix. */
const bodyLimits: ReadonlyArray<readonly [prefix: string, bytes: number]> = [
  // 金点子 with a photo: up to 5 MB as base64 (4/3 of that) plus the text.
  ['/api/ideas/submissions', 7 * 1024 * 1024],
  // A CAP document (at most 256 KB) as a JSON string, escapes included.
  ['/api/admin/cap/import', 600 * 1024],
];

/** What the app is built from. */
export interface AppDeps {
  database: Database;
  env: Env;
  /** Clock in unix milliseconds; tests replace it to move time. */
  clock?: () => number;
  /** Serve the built site too (the real server does; API tests need not). */
  serveStatic?: boolean;
  /** The process's metrics (the server shares them with the delivery worker); made here when absent. */
  metrics?: Metrics;
  /** False while the database has not yet been reached and migrated at start: the API answers 503, the site is served. */
  ready?: () => boolean;
  /** The delivery worker's state, for health (null until it has started). */
  worker?: () => WorkerState | null;
  /** The warnings cache (the server also answers its hits before Hono); made here when absent. */
  warningCache?: WarningCache;
}

/** Gauges read from the database at each scrape: the push delivery queue. */
export function queueGauges(database: Database) {
  return {
    push_queue_depth: {
      help: 'Push delivery items waiting or being sent',
      read: async () => (await queueState(database)).depth,
    },
    push_oldest_pending_seconds: {
      help: 'Age of the oldest push delivery item still waiting, in seconds (0 when none)',
      read: async () => {
        const { oldestQueuedAt } = await queueState(database);
        return oldestQueuedAt === null ? 0 : Math.max(0, (Date.now() - oldestQueuedAt) / 1000);
      },
    },
  };
}

/** Lazily created push machinery, shared by the routes of one app. */
interface PushDeps {
  vapid: () => Promise<VapidKeys>;
  sender: () => Promise<PushSender>;
}

/** The API routes, joined; its type feeds the typed client `hc<ApiType>`. */
function apiRoutes(push: PushDeps) {
  const { push: pushKey, subs } = subscriptionRoutes(push.vapid, push.sender);
  const admin = new Hono<AppEnv>()
    .use(requireSession, requireSecondFactor)
    .route('/accounts', adminAccounts)
    .route('/audit', adminAudit)
    .route('/warnings', adminWarnings)
    .route('/warning-templates', adminWarningTemplates)
    .route('/warning-settings', warningSettings)
    .route('/cap', adminCap)
    .route('/ideas', adminIdeas)
    .route('/campaigns', adminCampaigns)
    .route('/contests', adminContests);
  return new Hono<AppEnv>()
    .route('/map', mapConfig)
    .route('/auth', auth)
    .route('/warnings', publicWarnings)
    .route('/ideas', ideasApi)
    .route('/contests', contests)
    .route('/push', pushKey)
    .route('/subscriptions', subs)
    .route('/admin', admin);
}

/** Type of the API, for `hc<ApiType>` in islands. */
export type ApiType = ReturnType<typeof apiRoutes>;

/** Builds the whole application: API under /api, the static site everywhere else. */
export function createApp({
  database,
  env,
  clock = Date.now,
  serveStatic = true,
  metrics = createMetrics(queueGauges(database)),
  ready = () => true,
  worker = () => null,
  warningCache = createWarningCache(database, clock),
}: AppDeps) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', logRequests());
  app.use('*', countRequests(metrics));
  app.get('/metrics', metricsRoute(metrics, env.metricsToken));
  app.use('*', securityHeaders(env.secure, env.mapTiles?.origins ?? []));
  let vapid: Promise<VapidKeys> | null = null;
  let sender: Promise<PushSender> | null = null;
  const push: PushDeps = {
    vapid: () => (vapid ??= loadVapidKeys(database, clock())),
    sender: () =>
      (sender ??= push.vapid().then((keys) =>
        createPushSender(keys, env.pushConcurrency, {
          clock,
          connectTimeoutMs: env.pushConnectTimeoutMs,
          responseTimeoutMs: env.pushResponseTimeoutMs,
        }),
      )),
  };
  const withContext: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!ready()) return databaseUnavailable(c);
    c.set('database', database);
    c.set('env', env);
    c.set('now', clock());
    c.set('clientHash', hashAddress(clientAddress(c, env.trustProxy), env.secret));
    c.set('session', null);
    await next();
    return undefined;
  };
  // Ahead of the API's middleware: health answers even while start-up waits for the database.
  app.get('/api/health', healthHandler({ database, env, ready, worker }));
  app.use('/api/*', withContext);
  app.use('/feeds/*', withContext);
  app.use('/warnings/:id{[0-9]+}/*', withContext);
  app.use('/en/warnings/:id{[0-9]+}/*', withContext);
  // The home page and /warnings/ carry the warnings in force, written in by the server (readable without JavaScript).
  // While the database has not been reached they are the built pages as they are (the island says what it can).
  for (const path of WARNINGS_IN_PAGE) app.use(path, (c, next) => (ready() ? withContext(c, next) : next()));
  // What residents read in a spike is answered from memory; a change made here clears it at once.
  // Hono's '/api/warnings/*' matches '/api/warnings' too: listing both ran the cache twice, nested.
  for (const path of ['/api/warnings/*', '/feeds/*', '/warnings/:id{[0-9]+}/*', '/en/warnings/:id{[0-9]+}/*', ...WARNINGS_IN_PAGE])
    app.use(path, warningCache.middleware);
  app.use('/api/admin/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.res.status < 300) warningCache.invalidate();
  });
  app.use('/api/*', async (c, next) => {
    c.header('cache-control', 'no-store');
    const limit = bodyLimits.find(([prefix]) => c.req.path.startsWith(prefix))?.[1] ?? DEFAULT_BODY_LIMIT;
    const tooLarge = () => {
      throw apiError(413, 'payload_too_large', `提交的内容太大（上限 ${Math.round(limit / 1024)} KB），请精简后再试。`);
    };
    // A GET has no body, and a declared length is the whole body (Node's parser reads no further): both
    // are decided without touching the body stream, which would make the Node adapter build a full
    // web Request for every request (a tenth of the work of joining a contest). Only a chunked body
    // is counted as it streams in.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(length, 10) > limit ? tooLarge() : next();
    return bodyLimit({ maxSize: limit, onError: tooLarge })(c, next);
  });
  app.use('/api/*', csrfGuard, loadSession);
  const api = apiRoutes(push);
  api.notFound(apiNotFound);
  app.route('/api', api);
  app.all('/api/*', apiNotFound);
  app.route('/feeds', warningFeeds);
  app.get('/warnings/:id{[0-9]+}/', warningPage);
  app.get('/en/warnings/:id{[0-9]+}/', warningPageEn);
  // Without the built page (no build, or an API-only process) these fall through to the static site or 404.
  app.get('/', warningsInPage('index.html'));
  app.get('/index.html', warningsInPage('index.html'));
  app.get('/warnings/', warningsInPage('warnings/index.html'));
  app.get('/warnings/index.html', warningsInPage('warnings/index.html'));
  if (serveStatic) app.use('*', serveSite(env.distDir, env.siteOrigin));
  app.notFound((c) => c.text('404 页面不存在', 404));
  return app;
}
