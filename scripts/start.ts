// `npm start`: build the site if it is missing or older than its sources, then serve site and API.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/pagefind/pagefind-entry.json';
const SOURCES = ['site', 'content', 'public', 'astro.config.mjs', 'package-lock.json'];

/** Newest modification time under `path`, in ms. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const builtAt = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const stale = builtAt === 0 || SOURCES.some((p) => newest(p) > builtAt);
if (stale) {
  console.log(builtAt === 0 ? '首次启动：正在构建网站……' : '内容有更新：正在重新构建网站……');
  const res = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
await import('#api/server.ts');
