import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema } from '#api/errors.ts';
import type { subscriptionRoutes } from '#api/push/subscriptions.ts';
import type { adminWarnings } from '#api/warnings/admin.ts';
import { apiSignIn, serverClientOf } from '../fixtures/client.ts';
import { startSqld } from '../fixtures/db.ts';
import { freePort, waitFor } from '../fixtures/ports.ts';
import type { FakeBrowser, startPushService } from '../fixtures/push-service.ts';
import { PUBLISHER_PASSWORD, startPushServer } from '../fixtures/push-server.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

const sqld = process.env['TEST_DB'] === 'sqld';
const exited = (proc: ChildProcess) =>
  proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));

/** Talks to a running server as a publisher would, through the typed client. */
function client(server: () => RunningServer) {
  let cookie = '';
  const desk = () => serverClientOf<typeof adminWarnings>(server().url, '/api/admin/warnings', () => ({ cookie }));
  const byId = (id: number) => ({ param: { id: String(id) } });
  return {
    async login() {
      cookie = await apiSignIn(server().url, 'publisher', PUBLISHER_PASSWORD);
    },
    async subscribe(b: FakeBrowser) {
      const subscriptions = serverClientOf<ReturnType<typeof subscriptionRoutes>['subs']>(server().url, '/api/subscriptions');
      const res = await subscriptions.index.$post({ json: { subscription: b.subscription, districts: ['321002'] } });
      expect(res.status).toBe(201);
    },
    async publish() {
      const { id } = (await (await desk().index.$post({ json: rainstormInput(Date.now()) })).json()).warning;
      expect((await desk()[':id'].publish.$post({ ...byId(id), json: { confirm: true } })).status).toBe(200);
      return id;
    },
    report: async (id: number) => (await desk()[':id'].delivery.$get(byId(id))).json(),
  };
}

describe('the server process under SIGTERM and SIGINT', () => {
  let push: Awaited<ReturnType<typeof startPushService>>;
  let server: RunningServer;
  let dataDir: string;
  let sqldProc: ChildProcess | undefined;
  let env: Record<string, string>;
  const c = client(() => server);

  beforeAll(async () => {
    ({ push, server, env, dataDir, sqld: sqldProc } = await startPushServer('yzready-term-', 2));
    await c.login();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    sqldProc?.kill();
    await push?.close();
  });

  test('SIGTERM mid-delivery records what was sent and exits 0; the restarted server sends nothing twice', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `term-${i}`);
    for (const n of names) await c.subscribe(push.browser(n));
    push.setDelay(80);
    const id = await c.publish();
    await waitFor(async () => push.received.length >= 8, 10_000, 'first deliveries');
    server.proc.kill('SIGTERM');
    expect(await exited(server.proc)).toBe(0);
    expect(server.output()).toContain('已停止');
    const before = push.received.length;
    expect(before).toBeLessThan(60);
    push.setDelay(0);
    server = await startServer({ ...env, PORT: new URL(server.url).port }, dataDir);
    await c.login();
    await waitFor(async () => (await c.report(id))['state'] === 'done', 20_000, 'delivery done');
    expect(await c.report(id)).toMatchObject({ matched: 60, sent: 60, failed: 0 });
    for (const n of names) expect(push.for(n)).toHaveLength(1);
  }, 60_000);

  // SIGINT (Ctrl-C) takes the same way out as SIGTERM; this test sends it, the one above SIGTERM.
  test('a request still hanging when the grace period after SIGINT ends forces a non-zero exit', async () => {
    const b = push.browser('stuck');
    await c.subscribe(b);
    push.script.set('stuck', [{ status: 0, hang: true }]);
    await server.stop(true);
    server = await startServer(
      { ...env, PORT: new URL(server.url).port, SHUTDOWN_GRACE_SECONDS: '1', PUSH_RESPONSE_TIMEOUT_SECONDS: '60' },
      dataDir,
    );
    await c.login();
    await c.publish();
    await waitFor(async () => push.script.get('stuck')?.length === 0, 10_000, 'the hung request');
    server.proc.kill('SIGINT');
    expect(await exited(server.proc)).toBe(1);
    expect(server.output()).toContain('强制退出');
  }, 60_000);
});

describe.runIf(!sqld)('a data folder the server cannot write', () => {
  // As root, file modes do not stop writes: the server then runs as nobody, as a locked-down service would.
  const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const run = (env: Record<string, string>) => {
    const [cmd, ...args] = [...asUser, process.execPath, 'api/server.ts'];
    return spawnSync(cmd as string, args, {
      env: { ...process.env, PORT: '1', HOST: '127.0.0.1', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
  };
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'yzready-ro-'));
    chmodSync(root, 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    ['read-only', false],
    ['missing, under a read-only folder', true],
  ])('a %s DATA_DIR stops start-up with one line naming it', (_name, missing) => {
    const parent = join(root, missing ? 'locked' : 'ro');
    mkdirSync(parent);
    const dir = join(parent, 'data');
    if (!missing) mkdirSync(dir);
    chmodSync(missing ? parent : dir, 0o555);
    const res = run({ DATA_DIR: dir });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dir);
    expect(lines[0]).toMatch(/DATA_DIR/);
    expect(res.stderr).not.toMatch(/\n\s+at |SELECT|INSERT|CREATE TABLE/);
  });

  test('an unreadable secret file stops start-up with one line naming it', () => {
    const dir = join(root, 'secret-dir');
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'secret'), 'x'.repeat(40), { mode: 0o600 });
    if (asUser.length) chownSync(join(dir, 'secret'), 0, 0);
    const res = run({ DATA_DIR: dir });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(dir, 'secret'));
    expect(lines[0]).toContain('SERVER_SECRET');
  });
});

describe.runIf(sqld)('the server with its libSQL server down, frozen and back', () => {
  let dir: string;
  let port: number;
  let proc: ChildProcess | undefined;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yzready-dbdown-'));
    port = await freePort();
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>扬州应急</title><h1>扬州应急</h1>');
    server = await startServer(
      {
        DATABASE_URL: `http://127.0.0.1:${port}`,
        DIST_DIR: dist,
        SERVER_SECRET: 'test-secret-test-secret-test-secret-0123',
        DATABASE_TIMEOUT_SECONDS: '1',
      },
      dir,
      { healthy: false },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    proc?.kill('SIGCONT');
    proc?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const expect503 = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body: unknown = await res.json();
    return body;
  };
  /** The API's refusal while the database is away: 503 with the project's error body. */
  const unavailable = async (path: string) => apiErrorSchema.parse(await expect503(path)).error.code;

  test('starts while the database is down: the site is served, the API answers 503, and it retries', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('扬州应急');
    expect(await unavailable('/api/warnings')).toBe('database_unavailable');
    await expect503('/api/health');
    await waitFor(async () => server.output().includes('秒后重试'), 5000, 'the retry in the log');
    proc = (await startSqld(dir, port)).proc;
    await waitFor(async () => (await fetch(`${server.url}/api/health`)).ok, 20_000, 'the API once the database is up');
    expect(server.output()).toContain('数据库已就绪');
  }, 40_000);

  test('a frozen database gives 503 within the timeout, not a hang, and recovers when it resumes', async () => {
    proc?.kill('SIGSTOP');
    // The signal takes effect when the kernel next schedules the process: wait until it has.
    await waitFor(async () => readFileSync(`/proc/${proc?.pid}/status`, 'utf8').includes('(stopped)'), 2000, 'sqld stopped');
    try {
      await expect503('/api/health');
      expect(await unavailable('/api/warnings')).toBe('database_unavailable');
    } finally {
      proc?.kill('SIGCONT');
    }
    await waitFor(async () => (await fetch(`${server.url}/api/health`)).ok, 10_000, 'recovery');
  });

  test('a killed database gives 503, never 500, and a restarted one is used again', async () => {
    proc?.kill('SIGKILL');
    await exited(proc as ChildProcess);
    expect(await unavailable('/api/warnings')).toBe('database_unavailable');
    proc = (await startSqld(dir, port)).proc;
    await waitFor(async () => (await fetch(`${server.url}/api/warnings`)).ok, 10_000, 'recovery');
    expect(server.output()).not.toMatch(/\n\s+at |SELECT |Failed query/);
  });
});
