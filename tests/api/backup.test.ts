import { spawnSync, spawn } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '#api/app.ts';
import { openDatabase } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { loadEnv } from '#api/env.ts';
import { jsonInit, TEST_ORIGIN } from '../fixtures/app.ts';
import { createTestDatabase, startSqld, type TestDatabase } from '../fixtures/db.ts';

const PUSH_ORIGIN = 'https://push.backup.test';

/** Runs `npm run db:…` as an operator would, against the database at `url`. */
function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; out: string }>((resolve) => {
    const proc = spawn(process.execPath, ['api/cli/db.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (status) => resolve({ status, out }));
  });
}

const keys = () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
};

// A backup taken while residents keep subscribing holds every subscription acknowledged before it began,
// and restores to a database the server migrates and serves.
describe('database backup and restore', () => {
  let testDb: TestDatabase;
  let work: string;
  let app: ReturnType<typeof createApp>;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    work = mkdtempSync(join(tmpdir(), 'yzready-backup-'));
    const env = loadEnv(
      {
        SITE_URL: TEST_ORIGIN,
        SERVER_SECRET: 'test-secret-test-secret-test-secret-0123',
        PUSH_ENDPOINT_ALLOWLIST: PUSH_ORIGIN,
        SUBSCRIBE_LIMIT_PER_HOUR: '100000',
      },
      testDb.dir,
    );
    app = createApp({ database: testDb.database, env, serveStatic: false });
    // Port 9 (discard) on loopback: nothing answers there, so the restore's running-server check passes.
    cliEnv = { DATA_DIR: work, DATABASE_URL: testDb.url, SERVER_SECRET: 'test-secret-test-secret-test-secret-0123', PORT: '9' };
  });
  afterAll(async () => {
    await testDb.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  test('every write acknowledged before the backup began is in it, and the copy restores', async () => {
    // The VAPID key pair is made on first use and kept in the database.
    expect((await app.request('/api/push/public-key')).status).toBe(200);
    const publicKeyBefore = (await testDb.database.client.execute("SELECT value FROM server_state WHERE key = 'vapid'")).rows[0]?.['value'];
    expect(publicKeyBefore).toBeTruthy();
    const acknowledged: Array<{ endpoint: string; at: number }> = [];
    let stop = false;
    let n = 0;
    const resident = async () => {
      while (!stop) {
        const endpoint = `${PUSH_ORIGIN}/push/${n++}`;
        const res = await app.request(
          '/api/subscriptions',
          jsonInit('POST', { subscription: { endpoint, keys: keys() }, districts: ['321002'] }),
        );
        expect(res.status).toBe(201);
        acknowledged.push({ endpoint, at: performance.now() });
        // The embedded client settles without touching the event loop: yield, as real network I/O would.
        await new Promise((r) => setImmediate(r));
      }
    };
    let failed: unknown = null;
    const load = Promise.all(Array.from({ length: 6 }, resident)).catch((err: unknown) => (failed = err));
    while (acknowledged.length < 60 && !failed) await new Promise((r) => setTimeout(r, 20));
    if (failed) throw failed;

    const startedAt = performance.now();
    const file = join(work, 'under-load.db');
    const backup = await runCli(['backup', file], cliEnv);
    stop = true;
    await load;
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toContain('备份完成');
    const before = acknowledged.filter((a) => a.at < startedAt).map((a) => a.endpoint);
    expect(acknowledged.length).toBeGreaterThan(before.length);

    // A second backup to the same name is refused rather than overwriting the first.
    const again = await runCli(['backup', file], cliEnv);
    expect(again.status).toBe(1);
    expect(again.out).toContain('已存在');

    // Restore into a fresh database of the same kind (a new file, or a new sqld).
    const restoreDir = mkdtempSync(join(tmpdir(), 'yzready-restore-'));
    let url = `file:${join(restoreDir, 'app.db')}`;
    let sqld: Awaited<ReturnType<typeof startSqld>> | undefined;
    if (process.env['TEST_DB'] === 'sqld') {
      sqld = await startSqld(restoreDir);
      url = sqld.url;
      // A libSQL server that already has data: the restore replaces it whole.
      const old = await openDatabase(url);
      await migrateDatabase(old);
      old.close();
    }
    try {
      const restored = await runCli(['restore', file], { ...cliEnv, DATABASE_URL: url });
      expect(restored.status, restored.out).toBe(0);
      const db = await openDatabase(url);
      await migrateDatabase(db);
      const rows = await db.client.execute('SELECT endpoint FROM push_subscriptions');
      const endpoints = new Set(rows.rows.map((r) => String(r['endpoint'])));
      expect(before.filter((e) => !endpoints.has(e))).toEqual([]);
      expect(endpoints.size).toBeGreaterThanOrEqual(before.length);
      // The VAPID keys travel with the database, so restored subscriptions still receive pushes.
      const copy = await db.client.execute("SELECT value FROM server_state WHERE key = 'vapid'");
      expect(copy.rows.map((r) => r['value'])).toEqual([publicKeyBefore]);
      // New rows get fresh ids after a restore: the AUTOINCREMENT counters came along.
      const maxId = Number((await db.client.execute('SELECT max(id) FROM push_subscriptions')).rows[0]?.[0]);
      await db.client.execute({
        sql: "INSERT INTO push_subscriptions (endpoint, p256dh, auth, token_hash, districts, min_rank, exercises, created_at, updated_at) VALUES ('x', 'x', 'x', 'x', '[]', 1, 0, 0, 0)",
        args: [],
      });
      expect(Number((await db.client.execute('SELECT max(id) FROM push_subscriptions')).rows[0]?.[0])).toBeGreaterThan(maxId);
      db.close();
    } finally {
      sqld?.proc.kill('SIGTERM');
      rmSync(restoreDir, { recursive: true, force: true });
    }
  });

  test('a restore without the server secret is refused unless the operator says so', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'yzready-nosecret-'));
    try {
      const res = spawnSync(process.execPath, ['api/cli/db.ts', 'restore', join(work, 'under-load.db')], {
        env: { ...process.env, DATA_DIR: bare, DATABASE_URL: `file:${join(bare, 'app.db')}`, SERVER_SECRET: '', PORT: '9' },
        encoding: 'utf8',
      });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('--new-secret');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  test('a damaged or foreign file is refused and the database is left as it was', async () => {
    const bogus = join(work, 'bogus.db');
    const c = await openDatabase(`file:${bogus}`);
    await c.client.execute('CREATE TABLE t (x)');
    c.close();
    const before = Number((await testDb.database.client.execute('SELECT count(*) FROM audit_log')).rows[0]?.[0]);
    await testDb.database.client.execute(
      "INSERT INTO server_state (key, value, updated_at) VALUES ('backup-probe', 'kept', 0) ON CONFLICT DO NOTHING",
    );
    const res = await runCli(['restore', bogus], cliEnv);
    expect(res.status).toBe(1);
    expect(res.out).toContain('不是本站的数据库备份');
    const probe = await testDb.database.client.execute("SELECT value FROM server_state WHERE key = 'backup-probe'");
    expect(probe.rows[0]?.['value']).toBe('kept');
    expect(Number((await testDb.database.client.execute('SELECT count(*) FROM audit_log')).rows[0]?.[0])).toBe(before);
  });
});
