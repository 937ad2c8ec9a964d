import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createApp } from '#api/app.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { startSqld } from '../fixtures/db.ts';
import { createTestApp } from '../fixtures/app.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

// The fields of the health report these tests read, checked on every answer (health is for load
// balancers and operators, outside the site's contracts, and typed as a plain object by its handler).
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'unhealthy']),
  database: z.object({
    ready: z.boolean(),
    read: z.object({ ok: z.boolean() }),
    write: z.object({ ok: z.boolean(), error: z.string().optional() }),
  }),
  disk: z.object({ ok: z.boolean(), freeBytes: z.number().optional() }),
  worker: z.object({ alive: z.boolean(), queueDepth: z.number().nullable(), openCircuits: z.array(z.unknown()) }),
});
const healthOf = async (res: Response) => healthSchema.parse(await res.json());

describe('GET /api/health', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(async () => t.cleanup());

  test('reports the database read and written, the disk, and a worker that has not started', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    const body = await healthOf(res);
    expect(body).toMatchObject({
      database: { read: { ok: true }, write: { ok: true } },
      disk: { ok: true },
      worker: { alive: false, queueDepth: 0 },
    });
    // No delivery worker in this app: serving, but not all is well.
    expect(body.status).toBe('degraded');
  });

  test('answers 503 unhealthy, at once, when the database cannot be reached', async () => {
    const { openDatabase } = await import('#api/db/client.ts');
    const broken = await openDatabase(process.env['TEST_DB'] === 'sqld' ? 'http://127.0.0.1:9' : 'file::memory:');
    broken.close();
    const app = createApp({ database: broken, env: t.env, serveStatic: false });
    const start = performance.now();
    const res = await app.request('/api/health');
    expect(performance.now() - start).toBeLessThan(1500);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(await res.json()).toMatchObject({ status: 'unhealthy', database: { read: { ok: false }, write: { ok: false } } });
  });

  test('sends security headers and a same-origin CSP on API responses', async () => {
    const res = await t.app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('answers an unknown API path with a JSON 404', async () => {
    const res = await t.app.request('/api/no-such-thing');
    expect(res.status).toBe(404);
    const body = apiErrorSchema.parse(await res.json());
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

// The real server and a real fault: a data folder on a small disk that fills up (file), or a libSQL
// server frozen with SIGSTOP (sqld). Health turns unhealthy within a second and healthy again after.
describe.runIf(process.getuid?.() === 0)('health of the real server under a real fault', () => {
  const sqldMode = process.env['TEST_DB'] === 'sqld';
  let dir: string;
  let server: RunningServer;
  let sqld: Awaited<ReturnType<typeof startSqld>> | undefined;
  const health = async () => {
    const start = performance.now();
    const res = await fetch(`${server.url}/api/health`);
    return { status: res.status, body: await healthOf(res), ms: performance.now() - start };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yzready-health-'));
    let env: Record<string, string> = {};
    if (sqldMode) {
      sqld = await startSqld(dir);
      env = { DATABASE_URL: sqld.url };
    } else {
      // A 24 MB disk of its own for the data folder (root may mount a tmpfs).
      const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir]);
      if (mount.status !== 0) throw new Error(`mount tmpfs: ${String(mount.stderr)}`);
    }
    const data = join(dir, 'data');
    mkdirSync(data);
    server = await startServer(env, data);
  }, 60_000);
  afterAll(async () => {
    if (sqld) sqld.proc.kill('SIGCONT');
    await server?.stop(true);
    sqld?.proc.kill('SIGTERM');
    if (!sqldMode) spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('ok with its worker running, unhealthy within a second of the fault, ok again after', async () => {
    await waitFor(async () => (await health()).body.status === 'ok', 10_000, 'a healthy start');
    const before = await health();
    expect(before.body.worker.alive).toBe(true);
    const filler = join(dir, 'filler');
    if (sqld) sqld.proc.kill('SIGSTOP');
    // Fill the disk to the last block: dd stops with "No space left on device".
    else spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=64']);
    const faulted = Date.now();
    await waitFor(async () => (await health()).status === 503, 3000, 'health to see the fault');
    const during = await health();
    expect(Date.now() - faulted).toBeLessThan(3000);
    expect(during.ms).toBeLessThan(1500);
    expect(during.body.status).toBe('unhealthy');
    if (sqld) expect(during.body.database.read.ok).toBe(false);
    else expect(during.body.disk.ok).toBe(false);

    if (sqld) sqld.proc.kill('SIGCONT');
    else rmSync(filler);
    await waitFor(async () => (await health()).status === 200, 5000, 'health to recover');
    expect((await health()).body.database.write.ok).toBe(true);
  });
});
