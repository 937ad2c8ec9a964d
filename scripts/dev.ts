// `npm run dev`: Astro's dev server with live reload on :4321, forwarding /api to the API, which
// restarts on change under `node --watch` on :4322.
import { spawn } from 'node:child_process';

const apiPort = process.env['API_PORT'] ?? '4322';
const children = [
  spawn(process.execPath, ['--watch-path=api', '--watch-path=content', 'api/server.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, SITE_URL: process.env['SITE_URL'] ?? 'http://127.0.0.1:4321' },
  }),
  spawn('npx', ['astro', 'dev'], { stdio: 'inherit', env: { ...process.env, API_PORT: apiPort } }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && stop());
