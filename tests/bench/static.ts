// `npm run bench:static`: the built site from our one Node process beside Debian's nginx (2 workers)
// serving the same dist/ with the same precompressed files, in one run, interleaved, best of three.
// Prints requests per second and p99 for each and ours ÷ nginx (goal ≥ 40 %). Needs `npm run build`
// and nginx (`.ci/run` installs it). Not a test: it prints figures.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitFor } from '../fixtures/ports.ts';
import { startServer } from '../fixtures/server.ts';
import { autocannon, bestOf, type Cannon } from './cannon.ts';

const CONNECTIONS = Number(process.env['BENCH_STATIC_CONNECTIONS'] ?? 100);
const SECONDS = Number(process.env['BENCH_STATIC_SECONDS'] ?? 5);
const ROUNDS = 3;
const DIST = resolve('dist');

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
if (spawnSync('nginx', ['-v']).error) {
  console.error('nginx is not installed (apt-get install nginx): nothing to compare with.');
  process.exit(1);
}

/** The page whose gzip copy is nearest 3 KB: the size the issue measured. */
function pickPage(): string {
  const pages: Array<{ path: string; size: number }> = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (d.name === 'index.html' && existsSync(`${full}.gz`)) pages.push({ path: full, size: statSync(`${full}.gz`).size });
    }
  };
  walk(DIST);
  pages.sort((a, b) => Math.abs(a.size - 3072) - Math.abs(b.size - 3072));
  const page = pages[0];
  if (!page) throw new Error('no precompressed page in dist/');
  return `${page.path.slice(DIST.length, -'index.html'.length)}`;
}

/** nginx with two workers over dist/, sending the build's .gz copies as ours does. */
async function startNginx() {
  const dir = mkdtempSync(join(tmpdir(), 'yzready-nginx-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    `user root;
worker_processes 2;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip_static on;
  etag on;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${DIST};
    location / { try_files $uri $uri/index.html =404; add_header Cache-Control no-cache; }
  }
}
`,
  );
  const proc = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/`)).ok, 10_000, 'nginx');
  return {
    url,
    async stop() {
      proc.kill('SIGQUIT');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const page = pickPage();
// Served as the address it was built for, so both servers send the very same bytes (no rewriting).
const builtFor = readFileSync(join(DIST, 'build-origin.txt'), 'utf8').trim();
const ours = await startServer({ PUSH_CRYPTO_THREADS: '0', SITE_URL: builtFor });
const nginx = await startNginx();
const headers = { 'accept-encoding': 'gzip' };
// Both answer with the same bytes.
const [a, b] = await Promise.all([fetch(`${ours.url}${page}`, { headers }), fetch(`${nginx.url}${page}`, { headers })]);
const [ta, tb] = await Promise.all([a.text(), b.text()]);
if (ta !== tb) throw new Error(`the two servers send different pages for ${page}`);

const results: Record<'ours' | 'nginx', Cannon[]> = { ours: [], nginx: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, and the order swapped each round, so neither side always runs warm or second.
    const order = round % 2 === 0 ? (['ours', 'nginx'] as const) : (['nginx', 'ours'] as const);
    for (const side of order) {
      const url = `${side === 'ours' ? ours.url : nginx.url}${page}`;
      results[side].push(await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }));
    }
  }
} finally {
  await ours.stop();
  await nginx.stop();
}

const bo = bestOf(results.ours);
const bn = bestOf(results.nginx);
console.log(
  `\nstatic page ${page} (${Buffer.byteLength(ta)} bytes of HTML, gzip), ${CONNECTIONS} connections, ${SECONDS} s, best of ${ROUNDS}`,
);
console.log('| server | req/s | p50 ms | p99 ms | errors + non-2xx |');
console.log('|---|---|---|---|---|');
for (const [name, r] of [
  ['ours (1 Node process)', bo],
  ['nginx (2 workers)', bn],
] as const) {
  console.log(`| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.errors + r.non2xx} |`);
}
console.log(`ours ÷ nginx: ${((bo.requests.average / bn.requests.average) * 100).toFixed(0)} % (goal ≥ 40 %)`);
