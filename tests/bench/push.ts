// `npm run bench:push`: one warning to 10,000 and to 100,000 matching subscriptions against a local
// HTTPS push service, our delivery worker against the stock `webpush.sendNotification` at the same
// concurrency, and the bare per-message cryptography; then the same with a hostile mix of endpoints
// (10 % on an origin that never completes TLS, 5 % answering 429, 500 or never). Loopback only;
// bounded in count and time. BENCH_PUSH_SIZES and BENCH_PUSH_ROUNDS make it smaller; BENCH_PUSH_PATHS
// (ours,stock,crypto,hostile) picks paths, BENCH_PUSH_NODE_FLAGS adds Node flags (--cpu-prof) to the measuring process.
import { spawn, spawnSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import webpush from 'web-push';
import { openDatabase } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { encryptPayload } from '#api/push/encrypt.ts';
import { defaultCryptoThreads } from '#api/push/encrypt-pool.ts';
import { createPushSender } from '#api/push/sender.ts';
import { loadVapidKeys } from '#api/push/vapid.ts';
import { startDeliveryWorker } from '#api/push/worker.ts';
import { notifyDelivery } from '#api/push/worker-signal.ts';
import { createDraft, publishDraft } from '#api/warnings/store.ts';
import { selfSignedCert, startBlackHole } from '#tests/fixtures/push-service.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

const CONCURRENCY = 64;
const CRYPTO_THREADS = Number(process.env['PUSH_CRYPTO_THREADS'] ?? defaultCryptoThreads());
const SIZES = (process.env['BENCH_PUSH_SIZES'] ?? '10000,100000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'bench-push-'));

// The push service's certificate must be trusted from process start: re-run with NODE_EXTRA_CA_CERTS.
if (!process.env['BENCH_PUSH_CERT']) {
  const { cert, key } = selfSignedCert();
  // BENCH_PUSH_NODE_FLAGS passes flags such as --cpu-prof to the measuring process (Node refuses them in NODE_OPTIONS).
  const flags = (process.env['BENCH_PUSH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const res = spawnSync(process.execPath, ['--expose-gc', ...flags, process.argv[1] ?? ''], {
    stdio: 'inherit',
    // The worker's info lines (one per stored batch) would bury the tables: warnings and errors only, unless LOG_LEVEL says otherwise.
    env: {
      ...process.env,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      NODE_EXTRA_CA_CERTS: cert,
      BENCH_PUSH_CERT: cert,
      BENCH_PUSH_KEY: key,
    },
  });
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(cert), { recursive: true, force: true });
  process.exit(res.status ?? 1);
}

// The push service runs in a process of its own, as a real one would, reporting its count on request.
// It listens twice: the healthy origin, and a flaky one whose endpoints answer 429, 500 or never (by
// the endpoint's number). Socket errors are expected under load and never stop it.
const serviceScript = `
const https = require('node:https'); const fs = require('node:fs');
const tls = { cert: fs.readFileSync(process.env.C), key: fs.readFileSync(process.env.K) };
let n = 0;
const ok = https.createServer(tls, (req, res) => {
  req.on('error', () => {}); res.on('error', () => {});
  if (req.url === '/count') { const u = process.cpuUsage(); res.end(n + ' ' + (u.user + u.system)); return; }
  req.resume(); req.on('end', () => { n++; res.writeHead(201).end(); });
});
const flaky = https.createServer(tls, (req, res) => {
  req.on('error', () => {}); res.on('error', () => {});
  const k = Number((req.url || '').split('/').pop()) % 3;
  req.resume();
  req.on('end', () => { if (k === 0) res.writeHead(429, { 'retry-after': '30' }).end(); else if (k === 1) res.writeHead(500).end(); });
});
for (const s of [ok, flaky]) { s.on('clientError', (e, sock) => sock.destroy()); s.keepAliveTimeout = 60000; }
ok.listen(0, '127.0.0.1', () => flaky.listen(0, '127.0.0.1', () => console.log(ok.address().port + ' ' + flaky.address().port)));`;
const child = spawn(process.execPath, ['-e', serviceScript], {
  env: { ...process.env, C: process.env['BENCH_PUSH_CERT'], K: process.env['BENCH_PUSH_KEY'] },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [port, flakyPort] = await new Promise<number[]>((resolve) =>
  child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim().split(' ').map(Number))),
);
// An origin that accepts TCP and never completes TLS, as FCM does from mainland China.
const hole = await startBlackHole();
const holeOrigin = hole.origin;
const flakyOrigin = `https://127.0.0.1:${flakyPort}`;
const countAgent = new Agent({ keepAlive: true });
/** Messages the push service has received, and the CPU time (µs) it has used. */
const serviceStats = () =>
  new Promise<{ n: number; cpu: number }>((resolve, reject) =>
    request(`https://127.0.0.1:${port}/count`, { agent: countAgent }, (res) => {
      let body = '';
      res.on('error', reject);
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        const [n, cpu] = body.split(' ').map(Number);
        resolve({ n: n ?? 0, cpu: cpu ?? 0 });
      });
    })
      .on('error', reject)
      .end(),
  );
const serviceCount = async () => (await serviceStats()).n;
/** CPU time per message in this process (all its threads) and in the push service, from marks taken before. */
const cpuSince = async (mark: { own: NodeJS.CpuUsage; service: number }, n: number) => {
  const own = process.cpuUsage(mark.own);
  const service = (await serviceStats()).cpu - mark.service;
  return `${((own.user + own.system) / n).toFixed(0)} / ${(service / n).toFixed(0)}`;
};
const cpuMark = async () => ({ own: process.cpuUsage(), service: (await serviceStats()).cpu });
let base = 0;
const origin = `https://127.0.0.1:${port}`;

// A thousand browser key pairs, reused across subscriptions: the per-message cost does not depend on which.
const browsers = Array.from({ length: 1000 }, () => {
  const ecdh = createECDH('prime256v1');
  return { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
});
const payload = Buffer.from(
  JSON.stringify({ v: 1, title: '【橙色预警】暴雨', body: '扬州市气象台发布暴雨橙色预警信号'.repeat(3), url: '/warnings/1/' }),
);

/** Peak resident memory and peak JS heap since the last `resetPeaks`, sampled every 50 ms. */
let peakRss = 0;
let peakHeap = 0;
let startRss = 0;
let startHeap = 0;
let retainedHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 50);
const resetPeaks = () => {
  global.gc?.();
  const m = process.memoryUsage();
  startRss = peakRss = m.rss;
  startHeap = peakHeap = m.heapUsed;
  retainedHeap = 0;
};
/** JS heap still held after a full GC, against the start: what the run keeps, not what it churns. */
const measureRetained = () => {
  global.gc?.();
  retainedHeap = process.memoryUsage().heapUsed - startHeap;
};
const memory = () =>
  `+${mb(peakRss - startRss)} (${mb(startRss)} → ${mb(peakRss)}), heap peak ${mb(peakHeap)}, retained ${retainedHeap >= 0 ? '+' : ''}${mb(retainedHeap)}`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** One timed run: its row for the table and its rate. */
interface Run {
  row: string[];
  rate: number;
  wall: number;
}
/** What an endpoint at position `j` of a mix is: in the hostile mix 10 % never-TLS, 5 % flaky, the rest healthy. */
const kindOf = (j: number, hostile: boolean): 'ok' | 'dead' | 'flaky' =>
  !hostile ? 'ok' : j % 20 < 2 ? 'dead' : j % 20 === 2 ? 'flaky' : 'ok';
/** Endpoints for `reachable` healthy subscribers, with the hostile ones mixed in among them. */
function endpoints(reachable: number, hostile: boolean): string[] {
  const out: string[] = [];
  let ok = 0;
  for (let j = 0; ok < reachable; j++) {
    const kind = kindOf(j, hostile);
    if (kind === 'ok') ok++;
    out.push(kind === 'ok' ? `${origin}/push/${j}` : kind === 'dead' ? `${holeOrigin}/push/${j}` : `${flakyOrigin}/push/${j}`);
  }
  return out;
}
/** Longest a run may wait for its reachable messages before it is reported as stalled. */
const RUN_LIMIT_MS = Number(process.env['BENCH_PUSH_RUN_LIMIT_MS'] ?? 180_000);
/** Waits until the push service has `n` more messages than `from`, or the run limit; returns how many came. */
async function awaitDelivered(from: number, n: number, start: number): Promise<number> {
  for (;;) {
    const got = (await serviceCount().catch(() => from)) - from;
    if (got >= n || performance.now() - start > RUN_LIMIT_MS) return got;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function ours(n: number, hostile: boolean, round: number): Promise<Run> {
  const database = await openDatabase(`file:${join(dir, `ours-${n}-${hostile ? 'h' : 'c'}-${round}.db`)}`);
  await migrateDatabase(database);
  const list = endpoints(n, hostile);
  for (let i = 0; i < list.length; i += 5000) {
    const values = list.slice(i, i + 5000).map((endpoint, k) => {
      const b = browsers[(i + k) % browsers.length] as { p256dh: string; auth: string };
      return `('${endpoint}', '${b.p256dh}', '${b.auth}', '["321002"]', NULL, 1, 0, 'x', 0, 0)`;
    });
    await database.client.execute(
      `INSERT INTO push_subscriptions (endpoint, p256dh, auth, districts, hazards, min_rank, exercises, token_hash, created_at, updated_at) VALUES ${values.join(',')}`,
    );
  }
  const now = Date.now();
  const draft = await createDraft(database, rainstormInput(now), 1, now);
  // As in the server: the sender (with its encryption threads) and the worker are up before a warning is published.
  const sender = createPushSender(await loadVapidKeys(database, now), CONCURRENCY, { cryptoThreads: CRYPTO_THREADS });
  // Encryptions and requests by kind of origin: the work the hostile endpoints cost.
  const work = { seal: new Map<string, number>(), post: new Map<string, number>() };
  const count = (m: Map<string, number>, endpoint: string) => {
    const kind = endpoint.startsWith(holeOrigin) ? 'dead' : endpoint.startsWith(flakyOrigin) ? 'flaky' : 'ok';
    m.set(kind, (m.get(kind) ?? 0) + 1);
  };
  const { seal, post } = sender;
  sender.seal = (t, p) => (count(work.seal, t.endpoint), seal(t, p));
  sender.post = (t, b, o) => (count(work.post, t.endpoint), post(t, b, o));
  // What became of each item, by origin: a reachable subscriber's message retried or failed is what a hostile mix must not cause.
  const outcomes = new Map<string, Map<string, number>>();
  const observe = (o: string, outcome: string) => {
    const byOutcome = outcomes.get(o) ?? new Map<string, number>();
    outcomes.set(o, byOutcome);
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    if (process.env['BENCH_PUSH_TRACE'] && o === origin && outcome !== 'sent')
      console.log(`    ${((performance.now() - start) / 1000).toFixed(2)} s healthy ${outcome}`);
  };
  let start = 0;
  const worker = startDeliveryWorker({
    database,
    sender,
    concurrency: CONCURRENCY,
    allowlist: [origin, holeOrigin, flakyOrigin],
    observe,
  });
  await new Promise((r) => setTimeout(r, 500));
  base = await serviceCount();
  resetPeaks();
  const mark = await cpuMark();
  start = performance.now();
  await publishDraft(database, draft, 1, now);
  notifyDelivery();
  const trace = process.env['BENCH_PUSH_TRACE']
    ? setInterval(() => {
        const sentOk = outcomes.get(origin)?.get('sent') ?? 0;
        console.log(
          `    ${((performance.now() - start) / 1000).toFixed(1)} s: sent ${sentOk}; ${worker
            .lanes()
            .map((l) => `${l.origin.slice(-5)} q${l.queued} a${l.active}/${l.limit}`)
            .join(', ')}`,
        );
      }, 500)
    : undefined;
  const got = await awaitDelivered(base, n, start);
  clearInterval(trace);
  const wall = (performance.now() - start) / 1000;
  const cpu = await cpuSince(mark, n);
  measureRetained();
  // The sender first: requests hanging on the hostile origins end at once rather than at their timeouts.
  await sender.close();
  await worker.stop();
  const sent = await database.client.execute(
    `SELECT count(*) AS n FROM delivery_items i JOIN push_subscriptions s ON s.id = i.subscription_id WHERE i.state = 'sent' AND s.endpoint LIKE '${origin}/%'`,
  );
  database.close();
  const healthy = [...(outcomes.get(origin) ?? new Map<string, number>())].filter(([k]) => k !== 'sent');
  if (process.env['BENCH_PUSH_TRACE'])
    console.log(
      `    encrypted ${JSON.stringify(Object.fromEntries(work.seal))}, requests ${JSON.stringify(Object.fromEntries(work.post))}`,
    );
  const note = `${got < n ? `STALLED: ${got} of ${n} in ${RUN_LIMIT_MS / 1000} s; ` : ''}recorded sent: ${String(sent.rows[0]?.['n'])}${hostile ? `, ${list.length - n} hostile endpoints` : ''}${healthy.length ? `; reachable ones not sent at first try: ${healthy.map(([k, v]) => `${v} ${k}`).join(', ')}` : ''}`;
  const rate = got / wall;
  return { row: ['ours', String(n), rate.toFixed(0), wall.toFixed(2), memory(), cpu, note], rate, wall };
}

async function stock(n: number, hostile: boolean): Promise<Run> {
  const vapid = webpush.generateVAPIDKeys();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  agent.on('error', () => undefined);
  const list = endpoints(n, hostile);
  const from = await serviceCount();
  resetPeaks();
  const mark = await cpuMark();
  const start = performance.now();
  let next = 0;
  let errors = 0;
  const lane = async () => {
    while (next < list.length) {
      const i = next++;
      const b = browsers[i % browsers.length] as { p256dh: string; auth: string };
      // A refused, reset or timed-out request is counted, never allowed to end the run.
      await webpush
        .sendNotification({ endpoint: list[i] as string, keys: b }, payload, {
          vapidDetails: { subject: 'mailto:bench@example.invalid', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          TTL: 3600,
          agent,
          // The same wait ours gives a push service to connect (the stock library has no separate connect timeout).
          timeout: 5000,
        })
        .catch(() => errors++);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const got = await awaitDelivered(from, n, start);
  const wall = (performance.now() - start) / 1000;
  const cpu = await cpuSince(mark, n);
  measureRetained();
  agent.destroy();
  const rate = got / wall;
  const note = `${errors} failed requests${hostile ? `, ${list.length - n} hostile endpoints` : ''}`;
  return { row: ['stock web-push', String(n), rate.toFixed(0), wall.toFixed(2), memory(), cpu, note], rate, wall };
}

function cryptoOnly(n: number): Run {
  const own = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const b = browsers[i % browsers.length] as { p256dh: string; auth: string };
    encryptPayload(payload, Buffer.from(b.p256dh, 'base64url'), Buffer.from(b.auth, 'base64url'));
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(own);
  const rate = n / wall;
  return {
    row: ['crypto only (bound)', String(n), rate.toFixed(0), wall.toFixed(2), '', ((used.user + used.system) / n).toFixed(0), ''],
    rate,
    wall,
  };
}

/** Prints each run as it ends, so a long bench shows where it is. */
const progress = (label: string, r: Run): Run => {
  console.log(`  ${label}: ${r.row[1]} messages, ${r.row[2]} msg/s, ${r.row[3]} s${r.row[6] ? ` (${r.row[6]})` : ''}`);
  return r;
};
const best = (runs: Run[]) => runs.reduce((a, b) => (b.rate > a.rate ? b : a));
const ROUNDS = Number(process.env['BENCH_PUSH_ROUNDS'] ?? 3);
/** Which paths to run (for profiling one of them): ours, stock, crypto, hostile; all by default. */
const PATHS = new Set((process.env['BENCH_PUSH_PATHS'] ?? 'ours,stock,crypto,hostile').split(','));
const clean: string[][] = [];
const hostileRows: string[][] = [];
const summary: string[] = [];
/** One goal's line: what was measured, the target, and whether it is met. */
const goal = (met: boolean, text: string) => `  ${met ? 'MET    ' : 'NOT MET'}  ${text}`;
for (const n of SIZES) {
  // Interleaved rounds, best of each: neither side gets the warm-up or a quiet moment to itself. The
  // stock library is timed on at most 10,000 messages (its rate does not change with the count).
  const runs = { ours: [] as Run[], stock: [] as Run[], crypto: [] as Run[], oursHostile: [] as Run[] };
  for (let round = 0; round < ROUNDS; round++) {
    if (PATHS.has('ours')) runs.ours.push(progress('ours, clean', await ours(n, false, round)));
    if (PATHS.has('stock')) runs.stock.push(progress('stock, clean', await stock(Math.min(n, 10_000), false)));
    if (PATHS.has('crypto')) runs.crypto.push(progress('crypto bound', cryptoOnly(Math.min(n, 20_000))));
    if (PATHS.has('hostile')) runs.oursHostile.push(progress('ours, hostile', await ours(n, true, round)));
  }
  // The stock library under the hostile mix, once and smaller: every never-TLS endpoint holds one of its lanes for the full timeout.
  const stockHostile = PATHS.has('stock') && PATHS.has('hostile') ? [progress('stock, hostile', await stock(Math.min(n, 2000), true))] : [];
  for (const r of [...runs.ours, ...runs.stock, ...runs.crypto]) clean.push(r.row);
  for (const r of [...runs.oursHostile, ...stockHostile]) hostileRows.push(r.row);
  const o = runs.ours.length ? best(runs.ours) : null;
  const s = runs.stock.length ? best(runs.stock) : null;
  const c = runs.crypto.length ? best(runs.crypto) : null;
  const h = runs.oursHostile.length ? best(runs.oursHostile) : null;
  summary.push(`${n} subscriptions (best of ${ROUNDS}):`);
  if (o && s)
    summary.push(
      goal(
        o.rate >= 3 * s.rate,
        `ours ${o.rate.toFixed(0)} msg/s ÷ stock ${s.rate.toFixed(0)} msg/s = ${(o.rate / s.rate).toFixed(2)}× (goal ≥ 3×)`,
      ),
    );
  if (o && c)
    summary.push(
      goal(c.rate <= 2 * o.rate, `crypto bound ${c.rate.toFixed(0)} msg/s ÷ ours = ${(c.rate / o.rate).toFixed(2)}× (goal ≤ 2×)`),
    );
  if (o && h) {
    summary.push(
      goal(
        h.rate >= 0.9 * o.rate,
        `hostile mix, reachable subscribers: rate ${((h.rate / o.rate) * 100).toFixed(0)} % of clean (goal ≥ 90 %)`,
      ),
    );
    summary.push(
      goal(
        h.wall <= 1.1 * o.wall,
        `hostile mix, time to the last reachable message ${((h.wall / o.wall) * 100).toFixed(0)} % of clean (goal ≤ 110 %)`,
      ),
    );
  }
  const sh = stockHostile[0];
  if (sh && s)
    summary.push(`  (stock under the hostile mix at ${Math.min(n, 2000)}: ${sh.rate.toFixed(0)} msg/s against ${s.rate.toFixed(0)} clean)`);
}
clearInterval(sampler);
countAgent.destroy();
void hole.close();
child.kill();
rmSync(dir, { recursive: true, force: true });

const header = [
  'path',
  'messages',
  'msg/s',
  'wall s',
  'memory: RSS growth (start → peak), JS heap peak, heap retained after GC',
  'CPU µs/msg (sender / push service)',
  'note',
].join('\t');
console.log(
  `\nweb push fan-out, concurrency ${CONCURRENCY} per origin, ${CRYPTO_THREADS} encryption thread(s), local HTTPS push service on loopback, best of ${ROUNDS} interleaved rounds\n`,
);
console.log('clean: every endpoint on a healthy push service');
console.log(header);
for (const r of clean) console.log(r.join('\t'));
console.log(
  '\nhostile: the same reachable subscribers, plus 10 % of endpoints on an origin that never completes TLS and 5 % on one answering 429, 500 or never',
);
console.log('(messages, msg/s and wall count the reachable subscribers only: time to their last message)');
console.log(header);
for (const r of hostileRows) console.log(r.join('\t'));
console.log('');
for (const line of summary) console.log(line);
