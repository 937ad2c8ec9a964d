import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { apiErrorSchema } from '#api/errors.ts';
import type { subscriptionRoutes } from '#api/push/subscriptions.ts';
import type { adminWarnings } from '#api/warnings/admin.ts';
import { apiSignIn, serverClientOf } from '../fixtures/client.ts';
import { databaseForServer } from '../fixtures/db.ts';
import { waitFor } from '../fixtures/ports.ts';
import { pushServerEnv, startPushService } from '../fixtures/push-service.ts';
import { startServer } from '../fixtures/server.ts';
import { byId, rainstormInput } from '../fixtures/warnings.ts';

const sqld = process.env['TEST_DB'] === 'sqld';
/** What no log line at the default level may hold: a stack frame, SQL, or page template text. */
const LEAKS = /\n\s+at |\bat .+\.(ts|js):\d+|SELECT |INSERT INTO|UPDATE \w+ SET|CREATE TABLE|<!doctype|<html|\{\{/i;

// A data folder on a small disk of its own (a tmpfs only root may mount), filled to the last block.
describe.runIf(process.getuid?.() === 0)('a data folder on a full disk', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  const fullDisk = (size: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'yzready-disk-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=1777`, 'tmpfs', dir]);
    if (mount.status !== 0) throw new Error(`mount tmpfs: ${String(mount.stderr)}`);
    cleanups.push(() => {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    });
    const filler = join(dir, 'filler');
    return { dir, fill: () => spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k', 'count=1000']), free: () => rmSync(filler) };
  };

  test.skipIf(sqld)('a full DATA_DIR stops start-up with one line naming it and what to do', () => {
    const disk = fullDisk('1m');
    disk.fill();
    // The default log level and database: LOG_LEVEL and DATABASE_URL unset.
    const env = { ...process.env };
    delete env['LOG_LEVEL'];
    delete env['DATABASE_URL'];
    const res = spawnSync(process.execPath, ['api/server.ts'], {
      env: { ...env, PORT: '1', HOST: '127.0.0.1', DATA_DIR: disk.dir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(disk.dir);
    expect(lines[0]).toMatch(/磁盘已满/);
    expect(lines[0]).toMatch(/DATA_DIR/);
    expect(res.stderr + res.stdout).not.toMatch(LEAKS);
  });

  test('when the disk fills while serving, the log says so in one line per event, without stacks, SQL or templates', async () => {
    const disk = fullDisk('24m');
    const push = await startPushService();
    const db = await databaseForServer(disk.dir);
    const procs: Array<ChildProcess | undefined> = [db.proc];
    cleanups.push(() => {
      for (const p of procs) p?.kill('SIGKILL');
      void push.close();
    });
    // At info, the default level.
    const server = await startServer({ ...pushServerEnv(push, 2), ...db.env }, disk.dir);
    procs.unshift(server.proc);
    server.addUser('publisher', ['publisher'], 'Warn-Issuer-Pass-2027');
    const cookie = await apiSignIn(server.url, 'publisher', 'Warn-Issuer-Pass-2027');
    const desk = serverClientOf<typeof adminWarnings>(server.url, '/api/admin/warnings', () => ({ cookie }));
    const subscriptions = serverClientOf<ReturnType<typeof subscriptionRoutes>['subs']>(server.url, '/api/subscriptions');
    const subscribe = (name: string) =>
      subscriptions.index.$post({ json: { subscription: push.browser(name).subscription, districts: ['321002'] } });
    const publish = (id: number) => desk[':id'].publish.$post({ ...byId(id), json: { confirm: true } });
    for (let i = 0; i < 20; i++) expect((await subscribe(`disk-${i}`)).status).toBe(201);
    const { id } = (await (await desk.index.$post({ json: rainstormInput(Date.now()) })).json()).warning;

    push.setDelay(40);
    disk.fill();
    // Publishing and subscribing are refused with 503 and a message a resident can act on; nothing half-stored.
    expect((await publish(id)).status).toBe(503);
    const refused = await subscribe('during-full');
    expect(refused.status).toBe(503);
    expect(apiErrorSchema.parse(await refused.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
    disk.free();
    expect((await publish(id)).status).toBe(200);
    await waitFor(async () => push.received.length >= 5, 10_000, 'first deliveries');
    // Full again mid-delivery, for longer than the lease: results wait in memory, and the log says so.
    disk.fill();
    await new Promise((r) => setTimeout(r, 3000));
    disk.free();
    await waitFor(async () => push.received.length >= 20, 30_000, 'every subscriber reached');
    await server.stop(true);
    procs.shift();

    const out = server.output();
    // On the embedded file, the line names the folder and what to do (a libSQL server's disk is its own).
    if (!sqld) expect(out).toContain(`数据目录 ${disk.dir} 磁盘已满，请腾出空间`);
    expect(out).not.toMatch(LEAKS);
    // Every line is one JSON event.
    for (const line of out.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    // Nobody got the warning twice.
    expect(new Set(push.received.map((r) => r.client)).size).toBe(push.received.length);
  }, 90_000);
});
