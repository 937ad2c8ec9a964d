import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { EnvError, loadEnv } from './env.ts';

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
  const app = createApp({ database, env });
  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(
      `扬州应急 已启动：http://${host}:${info.port}/ （数据库 ${env.databaseUrl.startsWith('file:') ? env.databaseUrl : '远程 libSQL'}）`,
    );
  });
  const stop = () => {
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
