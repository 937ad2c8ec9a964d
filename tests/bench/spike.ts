// `npm run bench:spike`: the minutes after a red warning, when hundreds of thousands of residents open
// the site at once. 500 connections at /api/warnings, the warning's page and the Atom feed, each side by
// side in the same run with a static file of the built site of about the same size, interleaved, best
// of three each. Prints req/s and p99 of both and the goals: ≥ 50 % of the static file's throughput,
// p99 no worse than 1.5×. Needs `npm run build`. Not a test: it prints figures.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { createDraft, publishDraft } from '#api/warnings/store.ts';
import { startServer } from '../fixtures/server.ts';
import { rainstormInput } from '../fixtures/warnings.ts';
import { autocannon, bestOf, type Cannon } from './cannon.ts';

const CONNECTIONS = Number(process.env['BENCH_SPIKE_CONNECTIONS'] ?? 500);
const SECONDS = Number(process.env['BENCH_SPIKE_SECONDS'] ?? 5);
const ROUNDS = 3;
const DIST = resolve('dist');
const headers = { 'accept-encoding': 'gzip' };

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

// A red warning for the whole city, published before the server starts, as the spike finds it.
const data = mkdtempSync(join(tmpdir(), 'yzready-spike-'));
const database = await openDatabase(`file:${join(data, 'app.db')}`);
await migrateDatabase(database);
const now = Date.now();
const draft = await createDraft(database, rainstormInput(now, { level: 'red', areas: ['321000'] }), 1, now);
const warning = await publishDraft(database, draft, 1, now);
database.close();
if (!warning) throw new Error('the warning was not published');
const server = await startServer({ PUSH_CRYPTO_THREADS: '0' }, data);

/** Every precompressed file of the build with its gzip size. */
const statics: Array<{ path: string; size: number }> = [];
(function walk(dir: string) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, d.name);
    if (d.isDirectory()) walk(full);
    else if (d.name.endsWith('.gz'))
      statics.push({ path: full.slice(DIST.length, -3).replace(/\/index\.html$/, '/'), size: statSync(full).size });
  }
})(DIST);

/** Bytes on the wire for one gzip-accepting request. */
async function wireSize(path: string): Promise<number> {
  const res = await fetch(`${server.url}${path}`, { headers });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
}

const targets = [
  ['GET /api/warnings', '/api/warnings'],
  ['warning page', `/warnings/${warning.id}/`],
  ['Atom feed', '/feeds/warnings.atom'],
] as const;

const rows: string[] = [];
try {
  for (const [name, path] of targets) {
    const size = await wireSize(path);
    const twin = statics.reduce((a, b) => (Math.abs(b.size - size) < Math.abs(a.size - size) ? b : a));
    const runs: Record<'ours' | 'static', Cannon[]> = { ours: [], static: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, order swapped each round: neither side always runs warm or second.
      const order = round % 2 === 0 ? (['ours', 'static'] as const) : (['static', 'ours'] as const);
      for (const side of order) {
        const url = `${server.url}${side === 'ours' ? path : twin.path}`;
        runs[side].push(await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }));
      }
    }
    const o = bestOf(runs.ours);
    const s = bestOf(runs.static);
    const share = o.requests.average / s.requests.average;
    const p99 = o.latency.p99 / Math.max(1, s.latency.p99);
    rows.push(
      `| ${name} (${size} B) | ${Math.round(o.requests.average)} | ${o.latency.p99} | ${twin.path} (${twin.size} B) | ${Math.round(s.requests.average)} | ${s.latency.p99} | ${(share * 100).toFixed(0)} % ${share >= 0.5 ? '✓' : '✗'} | ${p99.toFixed(2)}× ${p99 <= 1.5 ? '✓' : '✗'} | ${o.errors + o.non2xx} |`,
    );
  }
} finally {
  await server.stop(true);
  rmSync(data, { recursive: true, force: true });
}
console.log(`\nspike: ${CONNECTIONS} connections, ${SECONDS} s each, best of ${ROUNDS}, gzip, one server process`);
console.log('| target | req/s | p99 ms | static twin | req/s | p99 ms | throughput vs static (≥ 50 %) | p99 vs static (≤ 1.5×) | errors |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
