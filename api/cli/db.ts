// `npm run db:backup -- [FILE]`: a consistent copy of the live database, taken while the site runs.
// `npm run db:restore -- FILE [--new-secret]`: puts a backup back; the server must be stopped first.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupDatabase, restoreDatabase } from '../db/backup.ts';
import { dataDirOf, EnvError, hasSecret, loadEnv } from '../env.ts';
import { fileStamp } from '../domain/clock.ts';

const USAGE = `用法：
  npm run db:backup -- [备份文件.db]            不写文件名时存到 DATA_DIR/backups/
  npm run db:restore -- 备份文件.db [--new-secret]  恢复前请先停止所有服务进程`;

/** `app-20261204-093000.db`, in Beijing time, the time operators read. */
function defaultName(now = Date.now()): string {
  return `app-${fileStamp(now)}.db`;
}

/** Whether a server answers on the configured address: restoring under a running server would be lost or corrupt. */
async function serverRunning(host: string, port: number): Promise<boolean> {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return fetch(`http://${h}:${port}/api/health`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { 'new-secret': { type: 'boolean' } } });
  const [command, file] = positionals;
  if (command === 'restore') {
    // Participants' tokens and certificate links are signed with the secret: a restore under a new one breaks them all.
    if (!hasSecret() && !values['new-secret']) {
      console.error(
        `没有找到服务器密钥（${join(dataDirOf(), 'secret')}，或环境变量 SERVER_SECRET）。请先把备份时的 secret 文件放回原处；` +
          '确实找不到时加 --new-secret 继续（已发出的参赛凭证和证书查验链接将失效）。',
      );
      return 1;
    }
  }
  const env = loadEnv();
  if (command === 'backup') {
    const target = file ?? join(env.dataDir, 'backups', defaultName());
    mkdirSync(resolve(target, '..'), { recursive: true });
    const out = await backupDatabase(env.databaseUrl, env.databaseAuthToken, target);
    console.log(`备份完成：${out.path}`);
    console.log(`请连同服务器密钥（${join(env.dataDir, 'secret')} 或 SERVER_SECRET）一起妥善保存；推送密钥（VAPID）已在数据库中。`);
    return 0;
  }
  if (command === 'restore' && file) {
    if (await serverRunning(env.host, env.port)) {
      console.error(`服务仍在 ${env.host}:${env.port} 上运行。请先停止所有服务进程，再恢复备份。`);
      return 1;
    }
    const out = await restoreDatabase(env.databaseUrl, env.databaseAuthToken, file);
    console.log(`恢复完成：${out.path}。启动服务时会自动补齐备份之后新增的数据库迁移。`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof BackupError || err instanceof EnvError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
}
