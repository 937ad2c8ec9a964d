import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createApp } from '#api/app.ts';
import { openDatabase } from '#api/db/client.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { loadEnv } from '#api/env.ts';
import { createPushSender } from '#api/push/sender.ts';
import { loadVapidKeys } from '#api/push/vapid.ts';
import { startDeliveryWorker } from '#api/push/worker.ts';
import { notifyDelivery } from '#api/push/worker-signal.ts';
import { createDraft, publishDraft } from '#api/warnings/store.ts';
import { jsonInit, TEST_ORIGIN } from '../fixtures/app.ts';
import { startSqld } from '../fixtures/db.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startPushService } from '../fixtures/push-service.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

// The database on a small disk of its own (a tmpfs only root may mount) that fills up in the middle
// of a delivery: the embedded file, or the data folder of a real sqld. Nothing accepted may be lost,
// nothing sent twice, and delivery goes on once there is room again.
describe.runIf(process.getuid?.() === 0)('push delivery on a full disk', () => {
  test('pauses while the disk is full, loses no subscription or result, and finishes once space returns, sending nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yzready-full-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]);
    if (mount.status !== 0) throw new Error(`mount tmpfs: ${String(mount.stderr)}`);
    const sqld = process.env['TEST_DB'] === 'sqld' ? await startSqld(dir) : null;
    const push = await startPushService();
    const database = await openDatabase(sqld?.url ?? `file:${join(dir, 'app.db')}`, { timeoutMs: 1000 });
    const filler = join(dir, 'filler');
    const stops: Array<() => Promise<void>> = [];
    try {
      await migrateDatabase(database);
      const env = loadEnv(
        {
          SITE_URL: TEST_ORIGIN,
          SERVER_SECRET: 'test-secret-test-secret-test-secret-0123',
          PUSH_ENDPOINT_ALLOWLIST: push.origin,
          SUBSCRIBE_LIMIT_PER_HOUR: '10000',
        },
        dir,
      );
      const app = createApp({ database, env, serveStatic: false });
      const subscribe = (name: string) =>
        app.request('/api/subscriptions', jsonInit('POST', { subscription: push.browser(name).subscription, districts: ['321002'] }));
      const names = Array.from({ length: 60 }, (_, i) => `full-${i}`);
      for (const n of names) expect((await subscribe(n)).status).toBe(201);

      const sender = createPushSender(await loadVapidKeys(database, Date.now()), 2, { ca: readFileSync(push.certPath) });
      const worker = startDeliveryWorker({ database, sender, concurrency: 2, allowlist: [push.origin], leaseMs: 1500 });
      stops.push(async () => {
        await worker.stop();
        await sender.close();
      });
      push.setDelay(40);
      const draft = await createDraft(database, rainstormInput(Date.now()), 1, Date.now());
      const w = await publishDraft(database, draft, 1, Date.now());
      notifyDelivery();
      const states = async () => {
        const r = await database.client.execute({
          sql: 'SELECT i.state, count(*) AS n FROM delivery_items i JOIN deliveries d ON d.id = i.delivery_id WHERE d.warning_id = ? GROUP BY i.state',
          args: [w?.id ?? 0],
        });
        return Object.fromEntries(r.rows.map((x) => [String(x['state']), Number(x['n'])]));
      };
      await waitFor(async () => push.received.length >= 10, 10_000, 'first deliveries');

      // Fill the disk to the last block: dd stops with "No space left on device".
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k', 'count=1000']);
      // A resident subscribing now is told to try again later, and nothing is half-stored.
      const refused = await subscribe('during-full');
      expect(refused.status).toBe(503);
      expect(apiErrorSchema.parse(await refused.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
      // Longer than the lease: the worker cannot record results or renew, and must neither lose nor repeat anything.
      await new Promise((r) => setTimeout(r, 2500));
      expect(worker.state().running).toBe(true);

      rmSync(filler);
      await waitFor(async () => (await states())['sent'] === 60, 20_000, 'every result stored after space returns');
      await new Promise((r) => setTimeout(r, 500));
      for (const n of names) expect(push.for(n), n).toHaveLength(1);
      const subs = await database.client.execute('SELECT count(*) AS n FROM push_subscriptions');
      expect(Number(subs.rows[0]?.['n'])).toBe(60);
      // With room again, subscribing works as before.
      expect((await subscribe('after-full')).status).toBe(201);
    } finally {
      for (const stop of stops) await stop();
      database.close();
      sqld?.proc.kill();
      if (sqld) await new Promise((r) => sqld.proc.once('exit', r));
      await push.close();
      // Lazily: the embedded database's file handles may outlive close() by a moment.
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
