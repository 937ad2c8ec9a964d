// `npm run bench:push`: one warning to 10,000 and to 100,000 matching subscriptions against a local
// HTTPS push service, our delivery worker against the stock `webpush.sendNotification` at the same
// concurrency, and the bare per-message cryptography. Loopback only; bounded in count and time.
import { spawn, spawnSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { openDatabase } from '../../api/db/client.ts';
import { migrateDatabase } from '../../api/db/migrate.ts';
import { encryptPayload } from '../../api/push/encrypt.ts';
import { createPushSender } from '../../api/push/sender.ts';
import { loadVapidKeys } from '../../api/push/vapid.ts';
import { startDeliveryWorker } from '../../api/push/worker.ts';
import { createDraft, publishDraft } from '../../api/warnings/store.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

const CONCURRENCY = 64;
const SIZES = (process.env['BENCH_PUSH_SIZES'] ?? '10000,100000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'bench-push-'));

// The push service's certificate must be trusted from process start: re-run with NODE_EXTRA_CA_CERTS.
if (!process.env['BENCH_PUSH_CERT']) {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  const res = spawnSync(process.execPath, [process.argv[1] ?? ''], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, BENCH_PUSH_CERT: cert, BENCH_PUSH_KEY: key },
  });
  rmSync(dir, { recursive: true, force: true });
  process.exit(res.status ?? 1);
}

// The push service runs in a process of its own, as a real one would, reporting its count on request.
const serviceScript = `
const https = require('node:https'); const fs = require('node:fs');
let n = 0;
const s = https.createServer({ cert: fs.readFileSync(process.env.C), key: fs.readFileSync(process.env.K) }, (req, res) => {
  if (req.url === '/count') { res.end(String(n)); return; }
  req.resume(); req.on('end', () => { n++; res.writeHead(201).end(); });
});
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
const child = spawn(process.execPath, ['-e', serviceScript], {
  env: { ...process.env, C: process.env['BENCH_PUSH_CERT'], K: process.env['BENCH_PUSH_KEY'] },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
const countAgent = new Agent({ keepAlive: true });
const serviceCount = () =>
  new Promise<number>((resolve) =>
    request(`https://127.0.0.1:${port}/count`, { agent: countAgent }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(Number(body)));
    }).end(),
  );
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

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const rows: string[][] = [];

async function ours(n: number): Promise<void> {
  const database = await openDatabase(`file:${join(dir, `ours-${n}.db`)}`);
  await migrateDatabase(database);
  for (let i = 0; i < n; i += 5000) {
    const values = Array.from({ length: Math.min(5000, n - i) }, (_, k) => {
      const b = browsers[(i + k) % browsers.length] as { p256dh: string; auth: string };
      return `('${origin}/push/${i + k}', '${b.p256dh}', '${b.auth}', '["321002"]', NULL, 1, 0, 'x', 0, 0)`;
    });
    await database.client.execute(
      `INSERT INTO push_subscriptions (endpoint, p256dh, auth, districts, hazards, min_rank, exercises, token_hash, created_at, updated_at) VALUES ${values.join(',')}`,
    );
  }
  const now = Date.now();
  const draft = await createDraft(database, rainstormInput(now), 1, now);
  base = await serviceCount();
  peakRss = process.memoryUsage().rss;
  const start = performance.now();
  await publishDraft(database, draft, 1, now);
  const sender = createPushSender(await loadVapidKeys(database, now), CONCURRENCY);
  const worker = startDeliveryWorker({ database, sender, concurrency: CONCURRENCY, allowlist: [origin] });
  while ((await serviceCount()) - base < n) await new Promise((r) => setTimeout(r, 20));
  const wall = (performance.now() - start) / 1000;
  await worker.stop();
  sender.close();
  const sent = await database.client.execute(`SELECT count(*) AS n FROM delivery_items WHERE state = 'sent'`);
  database.close();
  rows.push([`ours`, String(n), (n / wall).toFixed(0), wall.toFixed(2), mb(peakRss), `recorded sent: ${String(sent.rows[0]?.['n'])}`]);
}

async function stock(n: number): Promise<void> {
  const vapid = webpush.generateVAPIDKeys();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  peakRss = process.memoryUsage().rss;
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const b = browsers[i % browsers.length] as { p256dh: string; auth: string };
      await webpush.sendNotification({ endpoint: `${origin}/push/${i}`, keys: b }, payload, {
        vapidDetails: { subject: 'mailto:bench@example.invalid', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: 3600,
        agent,
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const wall = (performance.now() - start) / 1000;
  agent.destroy();
  rows.push(['stock web-push', String(n), (n / wall).toFixed(0), wall.toFixed(2), mb(peakRss), '']);
}

function cryptoOnly(n: number): void {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const b = browsers[i % browsers.length] as { p256dh: string; auth: string };
    encryptPayload(payload, Buffer.from(b.p256dh, 'base64url'), Buffer.from(b.auth, 'base64url'));
  }
  const wall = (performance.now() - start) / 1000;
  rows.push(['crypto only (bound)', String(n), (n / wall).toFixed(0), wall.toFixed(2), '', '']);
}

for (const n of SIZES) {
  await ours(n);
  // The stock library is timed on at most 10,000 messages: its rate does not change with the count.
  await stock(Math.min(n, 10_000));
  cryptoOnly(Math.min(n, 20_000));
}
clearInterval(sampler);
countAgent.destroy();
child.kill();
rmSync(dir, { recursive: true, force: true });

console.log(`\nweb push fan-out, concurrency ${CONCURRENCY}, local HTTPS push service on loopback\n`);
console.log(['path', 'messages', 'msg/s', 'wall s', 'peak RSS', 'note'].join('\t'));
for (const r of rows) console.log(r.join('\t'));
const rate = (name: string, n: number) => Number(rows.find((r) => r[0] === name && r[1] === String(n))?.[2] ?? 0);
for (const n of SIZES) {
  const o = rate('ours', n);
  const s = rate('stock web-push', Math.min(n, 10_000));
  const c = rate('crypto only (bound)', Math.min(n, 20_000));
  console.log(`\n${n}: ours / stock = ${(o / s).toFixed(2)}× (target ≥ 3×); crypto bound / ours = ${(c / o).toFixed(2)}× (target ≤ 2×)`);
}
