import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { createDraft, publishDraft } from '#api/warnings/store.ts';
import { startSqld } from '../fixtures/db.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startPushService } from '../fixtures/push-service.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// Two real server processes on one database, the second on a host whose clock is 45 s ahead (every
// Date in it is, through tests/fixtures/skewed-clock.ts). Leases reckoned by a host's clock would let
// it take over every item the first is sending; by the database's clock, each goes out once.
test('two servers on hosts whose clocks differ by 45 s send every message once', async () => {
  const push = await startPushService();
  cleanups.push(() => push.close());
  const dir = mkdtempSync(join(tmpdir(), 'yzready-skew-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let url = `file:${join(dir, 'app.db')}`;
  if (process.env['TEST_DB'] === 'sqld') {
    const s = await startSqld(dir);
    cleanups.push(() => void s.proc.kill());
    url = s.url;
  }
  const database = await openDatabase(url);
  cleanups.push(() => database.close());
  await migrateDatabase(database);
  const names = Array.from({ length: 80 }, (_, i) => `skew-${i}`);
  for (const name of names) {
    const b = push.browser(name);
    await database.client.execute({
      sql: `INSERT INTO push_subscriptions (endpoint, p256dh, auth, districts, hazards, min_rank, exercises, token_hash, created_at, updated_at)
            VALUES (?, ?, ?, '["321002"]', NULL, 1, 0, 'x', 0, 0)`,
      args: [b.subscription.endpoint, b.subscription.keys.p256dh, b.subscription.keys.auth],
    });
  }
  // Short leases (far shorter than the skew): items stay claimed past their first lease, so each
  // server must renew its own and leave the other's alone. Held requests must not time out meanwhile.
  const env = {
    DATABASE_URL: url,
    PUSH_ENDPOINT_ALLOWLIST: push.origin,
    NODE_EXTRA_CA_CERTS: push.certPath,
    PUSH_CONCURRENCY: '2',
    PUSH_LEASE_SECONDS: '5',
    PUSH_RESPONSE_TIMEOUT_SECONDS: '120',
  };
  const servers: RunningServer[] = [];
  cleanups.push(async () => {
    for (const s of servers) await s.stop();
  });
  const publish = async () => {
    const now = Date.now();
    const w = await publishDraft(database, await createDraft(database, rainstormInput(now), 1, now), 1, now);
    return w?.id ?? 0;
  };
  const sent = async (warningId: number) =>
    Number(
      (
        await database.client.execute({
          sql: `SELECT count(*) AS n FROM delivery_items i JOIN deliveries d ON d.id = i.delivery_id WHERE d.warning_id = ? AND i.state = 'sent'`,
          args: [warningId],
        })
      ).rows[0]?.['n'],
    );
  // The first server claims every item; the push service holds its first requests unanswered, so
  // they stay claimed (the lease renewed) however long the second server takes to start.
  push.hold();
  servers.push(await startServer(env));
  const first = await publish();
  await waitFor(async () => push.held() > 0, 20_000, 'the first server sending');
  // The second host, 45 s ahead, starts meanwhile and looks for work at once and every 2 s.
  servers.push(
    await startServer({
      ...env,
      CLOCK_SKEW_MS: '45000',
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${resolve('tests/fixtures/skewed-clock.ts')}`,
    }),
  );
  const skewed = servers[1] as RunningServer;
  // It really lives in the future: its log's timestamps (the latest) say so.
  const logged = Date.parse([...skewed.output().matchAll(/"time":"([^"]+)"/g)].at(-1)?.[1] ?? '');
  expect(logged - Date.now()).toBeGreaterThan(30_000);
  await new Promise((r) => setTimeout(r, 3000));
  // It has taken none of the first server's items: each still carries the token of its first claim.
  const taken = await database.client.execute('SELECT count(*) AS n FROM delivery_items WHERE claim > 1');
  expect(Number(taken.rows[0]?.['n'])).toBe(0);
  push.open();
  await waitFor(async () => (await sent(first)) === names.length, 30_000, 'every message of the first warning');
  for (const n of names) expect(push.for(n), n).toHaveLength(1);
  // With the first server gone, the skewed one delivers the next warning, once each.
  await (servers[0] as RunningServer).stop();
  const second = await publish();
  await waitFor(async () => (await sent(second)) === names.length, 30_000, 'every message of the second warning');
  for (const n of names) expect(push.for(n).map((r) => r.payload['id'])).toEqual([first, second]);
}, 90_000);
