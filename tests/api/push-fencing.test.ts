import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import { createDraft, publishDraft } from '#api/warnings/store.ts';
import { startSqld } from '../fixtures/db.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startPushService, subscribeDirectly } from '../fixtures/push-service.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

/** Whether a process is stopped (SIGSTOP), by /proc. */
const stopped = (pid: number | undefined) => readFileSync(`/proc/${String(pid)}/status`, 'utf8').includes('(stopped)');

// Two real server processes on one real sqld. One is frozen (SIGSTOP, as a long GC pause or a
// stalled VM would) while it holds claimed deliveries, past its lease; the other takes them over.
// When the first one wakes, the fencing token keeps it from sending or recording any of them.
describe.runIf(process.env['TEST_DB'] === 'sqld')('push leases with a fencing token', () => {
  test('a worker frozen past its lease neither re-sends nor marks what another worker claimed since', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yzready-fence-'));
    const sqld = await startSqld(dir);
    const push = await startPushService();
    const database = await openDatabase(sqld.url);
    const servers: RunningServer[] = [];
    const env = {
      DATABASE_URL: sqld.url,
      PUSH_ENDPOINT_ALLOWLIST: push.origin,
      NODE_EXTRA_CA_CERTS: push.certPath,
      PUSH_CONCURRENCY: '2',
      PUSH_LEASE_SECONDS: '2',
    };
    const items = async () =>
      (await database.client.execute('SELECT state, claim FROM delivery_items')).rows.map((r) => ({
        state: String(r['state']),
        claim: Number(r['claim']),
      }));
    try {
      await migrateDatabase(database);
      const names = Array.from({ length: 24 }, (_, i) => `fence-${i}`);
      await subscribeDirectly(database, push, names);
      // The push service accepts nothing yet: worker A's first requests wait, the rest stay queued in A.
      push.hold();
      const a = await startServer(env, mkdtempSync(join(tmpdir(), 'yzready-fence-a-')));
      servers.push(a);
      const draft = await createDraft(database, rainstormInput(Date.now()), 1, Date.now());
      await publishDraft(database, draft, 1, Date.now());
      await waitFor(
        async () => push.held() === 2 && (await items()).every((i) => i.state === 'sending' && i.claim === 1),
        10_000,
        'A claims all',
      );

      a.proc.kill('SIGSTOP');
      await waitFor(async () => stopped(a.proc.pid), 2000, 'A frozen');
      // The service never accepted A's two requests: their connections are cut while A sleeps.
      push.dropHeld();
      const b = await startServer(env, mkdtempSync(join(tmpdir(), 'yzready-fence-b-')));
      servers.push(b);
      // Past A's lease, B claims every item (token 2); its own first requests wait at the service.
      await waitFor(
        async () => push.held() === 2 && (await items()).every((i) => i.state === 'sending' && i.claim === 2),
        15_000,
        'B takes over',
      );

      a.proc.kill('SIGCONT');
      // A wakes to its cut connections and a queue of items that are no longer its own; give it time to act on them.
      await waitFor(async () => (await fetch(`${a.url}/api/health`)).ok, 5000, 'A awake');
      await new Promise((r) => setTimeout(r, 1500));
      expect((await items()).filter((i) => i.state !== 'sending' || i.claim !== 2)).toEqual([]);

      push.open();
      await waitFor(async () => (await items()).every((i) => i.state === 'sent'), 15_000, 'every message sent');
      // Anything sent twice would have arrived by now (A's and B's requests are answered at once).
      await new Promise((r) => setTimeout(r, 1000));
      for (const n of names) expect(push.for(n), n).toHaveLength(1);
      expect((await items()).every((i) => i.state === 'sent' && i.claim === 2)).toBe(true);
    } finally {
      for (const s of servers) {
        s.proc.kill('SIGCONT');
        await s.stop();
      }
      database.close();
      sqld.proc.kill();
      await push.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
