import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp, queueGauges } from './app.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { isDatabaseUnavailable, isStorageError, openDatabase, type Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { EnvError, loadEnv, type Env } from './env.ts';
import { scheduleContactErasure } from './ideas/retention.ts';
import { describeError, logError, logger } from './log.ts';
import { createPushSender, type PushSender } from './push/sender.ts';
import { loadVapidKeys } from './push/vapid.ts';
import { startDeliveryWorker } from './push/worker.ts';
import { seedOfficeTemplates } from './warnings/templates.ts';
import { staticFastPath } from './static-site.ts';
import { storageProblem } from './storage-problem.ts';
import { createWarningCache, WARNINGS_IN_PAGE } from './warnings/cache.ts';
import { schedulePruning } from './housekeeping.ts';
import { createFeedPoller } from './cap/feed-poll.ts';

/** Logs one line and exits: a problem the operator has to fix, not a bug. Also plain on stderr, for whoever ran `npm start`. */
function fatal(message: string): never {
  logger.fatal(message);
  console.error(message);
  process.exit(1);
}

/** Where the embedded database lives, for messages about its folder. */
const fileFolder = (env: Env) => (env.databaseUrl.startsWith('file:') ? env.dataDir : null);

/** Migrates, seeds and starts delivery once the database answers, retrying with backoff while it does not. */
async function prepare(
  env: Env,
  database: Database,
  metrics: Metrics,
): Promise<{ sender: PushSender; worker: ReturnType<typeof startDeliveryWorker> }> {
  for (let wait = 1000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      await migrateDatabase(database);
      await seedOfficeTemplates(database, Date.now(), env.contentDir);
      // Generated on the very first start and kept in the database from then on.
      const vapid = await loadVapidKeys(database, Date.now());
      const sender = createPushSender(vapid, env.pushConcurrency, {
        cryptoThreads: env.pushCryptoThreads,
        connectTimeoutMs: env.pushConnectTimeoutMs,
        responseTimeoutMs: env.pushResponseTimeoutMs,
      });
      const worker = startDeliveryWorker({
        database,
        sender,
        concurrency: env.pushConcurrency,
        allowlist: env.pushAllowlist,
        leaseMs: env.pushLeaseMs,
        observe: (origin, outcome) => metrics.deliveries.inc({ origin, outcome }),
      });
      return { sender, worker };
    } catch (err) {
      const folder = fileFolder(env);
      if (folder && isStorageError(err)) fatal(storageProblem(folder, (err as { cause?: unknown }).cause ?? err));
      if (!isDatabaseUnavailable(err)) fatal(`数据库初始化失败，服务未启动：${describeError(err)}`);
      logger.warn(
        { reason: describeError(err), retryInSeconds: wait / 1000 },
        `数据库暂时无法连接，${wait / 1000} 秒后重试；在此期间网站照常提供，接口返回 503`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Starts the one server process: serves the site at once, the API as soon as the database is migrated. */
async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof EnvError) fatal(err.message);
    throw err;
  }
  let database: Database;
  try {
    database = await openDatabase(env.databaseUrl, { authToken: env.databaseAuthToken, timeoutMs: env.databaseTimeoutMs });
  } catch (err) {
    const folder = fileFolder(env);
    fatal(folder && isStorageError(err) ? storageProblem(folder, err) : `数据库无法打开，服务未启动：${describeError(err)}`);
  }
  let ready = false;
  let push: Awaited<ReturnType<typeof prepare>> | null = null;
  let feeds: ReturnType<typeof createFeedPoller> | null = null;
  // One set of metrics for the app's requests and the worker's deliveries.
  const metrics = createMetrics(queueGauges(database));
  const warningCache = createWarningCache(database);
  const app = createApp({ database, env, metrics, warningCache, ready: () => ready, worker: () => push?.worker.state() ?? null });
  // Built files and fresh cached warnings are answered before the app; everything else goes through Hono.
  const imageOrigins = env.mapTiles?.origins ?? [];
  const fastStatic = staticFastPath(env.distDir, {
    secure: env.secure,
    siteOrigin: env.siteOrigin,
    imageOrigins,
    leaveToApp: WARNINGS_IN_PAGE,
  });
  const fastWarnings = warningCache.fastPath({
    secure: env.secure,
    imageOrigins,
    count: (method, route, status) => metrics.requests.inc({ method, route, status: String(status) }),
  });
  const withFastPath = ((options: object, listener: Parameters<typeof createServer>[1]) =>
    createServer(options, (req, res) => fastStatic(req, res) || fastWarnings(req, res) || listener?.(req, res))) as typeof createServer;
  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port, createServer: withFastPath }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const address = `http://${host}:${info.port}/`;
    const db = env.databaseUrl.startsWith('file:') ? env.databaseUrl : '远程 libSQL';
    logger.info({ address, database: db }, `扬州应急 已启动：${address} （数据库 ${db}）`);
  });
  server.on('error', (err) => fatal(`无法在 ${env.host}:${env.port} 上监听：${describeError(err)}`));

  let stopping = false;
  /** Stop claiming, finish or give back what is in flight and store it, close the sender, the HTTP server, the database. */
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `收到 ${signal}，正在停止：不再领取推送，等待进行中的发送完成并记录结果`);
    setTimeout(() => {
      logger.error(`${env.shutdownGraceMs / 1000} 秒内未能正常停止，强制退出；未记录的发送将在租约到期后由其他进程重发`);
      process.exit(1);
    }, env.shutdownGraceMs).unref();
    await feeds?.stop();
    if (push) {
      await push.worker.stop();
      await push.sender.close();
    }
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
    database.close();
    logger.info('已停止');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  push = await prepare(env, database, metrics);
  if (stopping) {
    await push.worker.stop();
    await push.sender.close();
    return;
  }
  ready = true;
  logger.info('数据库已就绪');
  // 金点子 contacts are erased on schedule after each announcement: now, then hourly.
  scheduleContactErasure(database);
  // Ended sessions, spent sign-in counters and old rate-limit windows: now, then hourly.
  schedulePruning(database);
  // CAP source feeds (the provincial release system), each at its own interval; none unless an admin added one.
  feeds = createFeedPoller({ database, allowlist: env.capFeedAllowlist, intervalMs: env.capFeedPollMs });
  feeds.start();
}

process.on('unhandledRejection', (err) => logError('[server] unhandled rejection', err));
await main();
