import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { EnvError, loadEnv } from './env.ts';
import { createPushSender } from './push/sender.ts';
import { loadVapidKeys } from './push/vapid.ts';
import { startDeliveryWorker } from './push/worker.ts';
import { seedOfficeTemplates } from './warnings/templates.ts';
import { staticFastPath } from './static-site.ts';
import { scheduleContactErasure } from './ideas/retention.ts';
import { schedulePruning } from './housekeeping.ts';

/** Starts the one server process: migrates the database, then serves the site and the API. */
async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = await openDatabase(env.databaseUrl, env.databaseAuthToken);
  await migrateDatabase(database);
  // 金点子 contacts are erased on schedule after each announcement: now, then hourly.
  scheduleContactErasure(database);
  // Ended sessions, spent sign-in counters and old rate-limit windows: now, then hourly.
  schedulePruning(database);
  await seedOfficeTemplates(database, Date.now());
  // Generated on the very first start and kept in the database from then on.
  const vapid = await loadVapidKeys(database, Date.now());
  const sender = createPushSender(vapid, env.pushConcurrency, { cryptoThreads: env.pushCryptoThreads });
  const worker = startDeliveryWorker({
    database,
    sender,
    concurrency: env.pushConcurrency,
    allowlist: env.pushAllowlist,
    leaseMs: env.pushLeaseMs,
  });
  const app = createApp({ database, env });
  // Built files are answered before the app; everything else goes through Hono.
  const fast = staticFastPath(env.distDir, {
    secure: env.siteUrl.startsWith('https:'),
    siteOrigin: env.siteOrigin,
    imageOrigins: env.mapTiles?.origins ?? [],
  });
  const withFastPath = ((options: object, listener: Parameters<typeof createServer>[1]) =>
    createServer(options, (req, res) => fast(req, res) || listener?.(req, res))) as typeof createServer;
  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port, createServer: withFastPath }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(
      `扬州应急 已启动：http://${host}:${info.port}/ （数据库 ${env.databaseUrl.startsWith('file:') ? env.databaseUrl : '远程 libSQL'}）`,
    );
  });
  const stop = () => {
    void worker.stop().then(() => sender.close());
    server.close(() => {
      database.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
