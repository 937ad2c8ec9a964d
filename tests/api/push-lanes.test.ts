import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { breakerStates } from '#api/push/breaker.ts';
import { createPushSender } from '#api/push/sender.ts';
import { loadVapidKeys, type VapidKeys } from '#api/push/vapid.ts';
import { startDeliveryWorker } from '#api/push/worker.ts';
import { notifyDelivery } from '#api/push/worker-signal.ts';
import type { WarningInput } from '#api/warnings/schema.ts';
import type { WarningRow } from '#api/db/schema-warnings.ts';
import { createDraft, publishDraft as publishOrNull } from '#api/warnings/store.ts';
import { createTestDatabase, startSqld, type TestDatabase } from '../fixtures/db.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startBlackHole, startPushService, subscribeDirectly } from '../fixtures/push-service.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

/** Publishes a draft that nobody else is touching: it must go out. */
async function publishDraft(...args: Parameters<typeof publishOrNull>): Promise<WarningRow> {
  const w = await publishOrNull(...args);
  if (!w) throw new Error('the draft was not published');
  return w;
}

// The delivery worker in this process over the real database (file or sqld), against a loopback
// push service and an origin that never completes TLS.
describe('push delivery lanes', () => {
  let t: TestDatabase;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let hole: Awaited<ReturnType<typeof startBlackHole>>;
  let vapid: VapidKeys;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    push = await startPushService();
    hole = await startBlackHole();
    vapid = await loadVapidKeys(t.database, Date.now());
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await t.database.client.execute('DELETE FROM delivery_items');
    await t.database.client.execute('DELETE FROM push_subscriptions');
  });
  afterAll(async () => {
    await push.close();
    await hole.close();
    await t.cleanup();
  });

  /** Subscribes endpoints straight into the database, each with a fresh browser of the push service. */
  const subscribe = (names: string[], origin = push.origin, database = t.database) => subscribeDirectly(database, push, names, origin);
  const publish = async (over: Partial<WarningInput> = {}, database: Database = t.database) => {
    const draft = await createDraft(database, rainstormInput(Date.now(), over), 1, Date.now());
    const w = await publishDraft(database, draft, 1, Date.now());
    notifyDelivery();
    return w;
  };
  /** Item counts of a warning's delivery by state. */
  const report = async (warningId: number, database = t.database) => {
    const rows = await database.client.execute({
      sql: `SELECT i.state, count(*) AS n FROM delivery_items i JOIN deliveries d ON d.id = i.delivery_id WHERE d.warning_id = ? GROUP BY i.state`,
      args: [warningId],
    });
    return Object.fromEntries(rows.rows.map((r) => [String(r['state']), Number(r['n'])]));
  };
  const worker = (
    opts: { database?: Database; clock?: () => number; leaseMs?: number; responseTimeoutMs?: number; firstOpenMs?: number } = {},
  ) => {
    const sender = createPushSender(vapid, 4, {
      ca: readFileSync(push.certPath),
      connectTimeoutMs: 300,
      responseTimeoutMs: opts.responseTimeoutMs ?? 2000,
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
    const w = startDeliveryWorker({
      database: opts.database ?? t.database,
      sender,
      concurrency: 4,
      allowlist: [push.origin, hole.origin],
      leaseMs: opts.leaseMs ?? 30_000,
      ...(opts.clock ? { clock: opts.clock } : {}),
      breaker: { failuresToOpen: 3, firstOpenMs: opts.firstOpenMs ?? 60_000 },
    });
    // Closing the sender first ends a hung request at once, rather than after its timeout.
    stops.push(async () => {
      await sender.close();
      await w.stop();
    });
    return w;
  };
  const received = (prefix: string) => push.received.filter((r) => r.client.startsWith(prefix));

  test('an origin that never completes TLS delays no one else, and its circuit opens', async () => {
    await subscribe(
      Array.from({ length: 20 }, (_, i) => `dead-${i}`),
      hole.origin,
    );
    await subscribe(Array.from({ length: 30 }, (_, i) => `live-${i}`));
    worker();
    const w = await publish();
    // Well under what 20 dead endpoints would cost in a shared queue (20 × 300 ms connect timeouts over 4 lanes is 1.5 s; FCM's real ones hang for much longer).
    await waitFor(async () => received('live-').length === 30, 5000, 'the reachable subscribers');
    await waitFor(async () => breakerStates().some((b) => b.origin === hole.origin && b.state === 'open'), 3000, 'an open circuit');
    expect(hole.accepted()).toBeGreaterThan(0);
    expect(hole.accepted()).toBeLessThan(20);
    await waitFor(async () => (await report(w.id))['sent'] === 30, 3000, 'results stored');
    const r = await report(w.id);
    expect(r['sent']).toBe(30);
    // The dead origin's messages wait in the database for its circuit to close again.
    expect((r['pending'] ?? 0) + (r['sending'] ?? 0)).toBe(20);
    expect(breakerStates().find((b) => b.origin === push.origin)?.state).toBe('closed');
  });

  test('a push service that fails for a while rests, is probed, and gets every message once when it answers again', async () => {
    const names = Array.from({ length: 16 }, (_, i) => `flap-${i}`);
    await subscribe(names);
    // The service answers 500 to everyone for now.
    for (const n of names) push.script.set(n, [{ status: 500 }]);
    worker({ firstOpenMs: 1000 });
    const w = await publish();
    await waitFor(async () => breakerStates().some((b) => b.origin === push.origin && b.state === 'open'), 5000, 'an open circuit');
    // Resting: at most three failures plus the three other requests in flight were tried; the rest
    // wait in the database rather than hit a failing service.
    expect(names.filter((n) => push.script.get(n)?.length).length).toBeGreaterThanOrEqual(10);
    // The service recovers: the next probe gets through, the circuit closes, the rest follow.
    push.script.clear();
    await waitFor(async () => (await report(w.id))['sent'] === 16, 15_000, 'every message once the service answers');
    for (const n of names) expect(push.for(n), n).toHaveLength(1);
    expect(breakerStates().find((b) => b.origin === push.origin)?.state).toBe('closed');
  });

  test('a hung request does not hold up a newer, more severe warning', async () => {
    await subscribe(['hung', ...Array.from({ length: 5 }, (_, i) => `old-${i}`)]);
    push.script.set('hung', [{ status: 0, hang: true }]);
    worker({ responseTimeoutMs: 20_000 });
    await publish();
    await waitFor(async () => received('old-').length === 5, 5000, 'the first warning');
    const before = received('old-').length;
    const red = await publish({ level: 'red' });
    // The hung request has 20 s left to run; the red warning must not wait for it.
    await waitFor(async () => received('old-').length === before + 5, 3000, 'the red warning while one request hangs');
    expect(received('old-').filter((r) => r.payload['id'] === red.id)).toHaveLength(5);
    expect(push.for('hung').map((r) => r.payload['id'])).toEqual([red.id]);
  });

  test('two workers whose clocks differ by 45 s send every message once', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `skew-${i}`);
    await subscribe(names);
    push.setDelay(30);
    const other = await openDatabase(t.url);
    stops.push(async () => other.close());
    worker({ leaseMs: 1500 });
    worker({ database: other, clock: () => Date.now() + 45_000, leaseMs: 1500 });
    const w = await publish();
    await waitFor(async () => (await report(w.id))['sent'] === 60, 15_000, 'every message sent').catch(async (err: unknown) => {
      console.log(await report(w.id), push.received.length);
      throw err;
    });
    push.setDelay(0);
    for (const n of names) expect(push.for(n)).toHaveLength(1);
  });

  test('a message superseded or expired before its turn is skipped, not sent', async () => {
    await subscribe(['late-0', 'late-1']);
    const first = await publish();
    const update = await createDraft(t.database, rainstormInput(Date.now(), { level: 'red' }), 1, Date.now(), undefined, {
      previous: first,
      msgType: 'Update',
    });
    const second = await publishDraft(t.database, update, 1, Date.now());
    const expired = await publish({ effective: Date.now() - 7200_000, onset: null, expires: Date.now() - 1000 });
    worker();
    notifyDelivery();
    await waitFor(async () => (await report(second.id))['sent'] === 2, 5000, 'the update');
    await waitFor(async () => (await report(first.id))['skipped'] === 2, 5000, 'the superseded message skipped');
    await waitFor(async () => (await report(expired.id))['skipped'] === 2, 5000, 'the expired message skipped');
    expect(received('late-').map((r) => r.payload['id'])).toEqual([second.id, second.id]);
  });
});

describe.runIf(process.env['TEST_DB'] === 'sqld')('push delivery through a database outage', () => {
  test('a libSQL server frozen mid-delivery for longer than the lease gets every result, and nothing is sent twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yzready-freeze-'));
    const s = await startSqld(dir);
    const push = await startPushService();
    const database = await openDatabase(s.url, { timeoutMs: 500 });
    try {
      await migrateDatabase(database);
      const names = Array.from({ length: 40 }, (_, i) => `freeze-${i}`);
      await subscribeDirectly(database, push, names);
      const sender = createPushSender(await loadVapidKeys(database, Date.now()), 2, { ca: readFileSync(push.certPath) });
      const worker = startDeliveryWorker({ database, sender, concurrency: 2, allowlist: [push.origin], leaseMs: 1500 });
      push.setDelay(50);
      const draft = await createDraft(database, rainstormInput(Date.now()), 1, Date.now());
      const w = await publishDraft(database, draft, 1, Date.now());
      notifyDelivery();
      await waitFor(async () => push.received.length >= 8, 10_000, 'first deliveries');
      s.proc.kill('SIGSTOP');
      await waitFor(async () => readFileSync(`/proc/${s.proc.pid}/status`, 'utf8').includes('(stopped)'), 2000, 'sqld stopped');
      // Longer than the lease: items in flight and queued must not look free to claim when it resumes.
      await new Promise((r) => setTimeout(r, 3000));
      s.proc.kill('SIGCONT');
      await waitFor(
        async () => {
          const r = await database.client.execute(`SELECT count(*) AS n FROM delivery_items WHERE state = 'sent' AND delivery_id =
            (SELECT id FROM deliveries WHERE warning_id = ${w.id})`);
          return Number(r.rows[0]?.['n']) === 40;
        },
        20_000,
        'every result stored',
      );
      await worker.stop();
      await sender.close();
      for (const n of names) expect(push.for(n)).toHaveLength(1);
    } finally {
      s.proc.kill('SIGCONT');
      database.close();
      s.proc.kill();
      await push.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
