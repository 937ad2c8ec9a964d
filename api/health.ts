import { statfs } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import pkg from '../package.json' with { type: 'json' };
import { withTimeout, type Database } from './db/client.ts';
import type { Env } from './env.ts';
import { DB_RETRY_AFTER_SECONDS } from './errors.ts';
import { breakerStates } from './push/breaker.ts';
import { queueState } from './push/queue-state.ts';
import type { startDeliveryWorker } from './push/worker.ts';

/** The delivery worker as health sees it: what its `state()` reports (running, last look at the database, in flight). */
export type WorkerState = ReturnType<ReturnType<typeof startDeliveryWorker>['state']>;

/** Each check answers within this, or counts as failed: health answers within a second whatever hangs. */
const CHECK_MS = 800;
/** A worker loop that has not looked at the database for this long is stuck. */
const WORKER_STALE_MS = 30_000;

type Check<T> = { ok: true; ms: number; value: T } | { ok: false; error: string };

/** Runs `fn` against the clock: a hung database is reported as `timeout`, not waited for. */
async function timed<T>(fn: () => Promise<T>): Promise<Check<T>> {
  const start = performance.now();
  try {
    const value = await withTimeout(fn(), CHECK_MS, 'health check');
    return { ok: true, ms: Math.round(performance.now() - start), value };
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
    const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : null;
    return { ok: false, error: code ?? (String(e.message ?? err).split('\n')[0] ?? 'error').slice(0, 80) };
  }
}

/** Free space where the embedded database lives (a libSQL server's disk is its own to watch). */
async function diskOf(env: Env): Promise<{ ok: boolean; freeBytes?: number }> {
  if (!env.databaseUrl.startsWith('file:')) return { ok: true };
  try {
    const s = await statfs(env.dataDir);
    const free = s.bavail * s.bsize;
    // Full is under 1 % or under 64 MB, whichever is less: a small disk is not always "full".
    return { ok: free >= Math.min(s.blocks * s.bsize * 0.01, 64 * 1024 * 1024), freeBytes: free };
  } catch {
    return { ok: false };
  }
}

/**
 * `GET /api/health`, for load balancers and operators. `status` is `ok`; `degraded` (serving, but
 * push delivery is stuck or a push service's circuit is open); or `unhealthy` (start-up has not yet
 * reached the database, it cannot be read or written, or the disk is full), answered with 503 so that a balancer takes the process
 * out. Every check runs at once under its own deadline, so the answer comes within a second even
 * when the database hangs. Registered ahead of the API's middleware, so it answers while start-up is
 * still waiting for the database too.
 */
export function healthHandler(deps: { database: Database; env: Env; ready: () => boolean; worker: () => WorkerState | null }) {
  const { database, env } = deps;
  // Probes that arrive together share one check; the write is made at most twice a second, so a
  // balancer and a crowd polling health cost little, while a fault still shows on the next probe.
  let running: Promise<{ body: object; unhealthy: boolean }> | null = null;
  let lastWrite: { at: number; result: Promise<Check<unknown>> } | null = null;
  const writeCheck = () => {
    if (!lastWrite || Date.now() - lastWrite.at > 500) {
      const now = Date.now();
      lastWrite = {
        at: now,
        result: timed(() =>
          database.write((db) =>
            db.run(sql`INSERT INTO server_state (key, value, updated_at) VALUES ('health', ${String(now)}, ${now})
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
          ),
        ),
      };
    }
    return lastWrite.result;
  };
  return async (c: Context) => {
    running ??= check().finally(() => (running = null));
    const { body, unhealthy } = await running;
    return c.json(body, unhealthy ? 503 : 200, {
      'cache-control': 'no-store',
      ...(unhealthy ? { 'retry-after': String(DB_RETRY_AFTER_SECONDS) } : {}),
    });
  };

  async function check(): Promise<{ body: object; unhealthy: boolean }> {
    const now = Date.now();
    const [read, write, queue, disk] = await Promise.all([
      timed(() => database.client.execute('SELECT 1')),
      // A real write through the process's write queue: a full disk or a read-only file fails here.
      writeCheck(),
      timed(() => queueState(database)),
      diskOf(env),
    ]);
    const w = deps.worker();
    const openCircuits = breakerStates()
      .filter((b) => b.state !== 'closed')
      .map((b) => ({ origin: b.origin, state: b.state, until: new Date(b.until).toISOString(), lastError: b.lastError }));
    const worker = {
      alive: !!w && w.running && now - w.lastLook < WORKER_STALE_MS,
      inFlight: w?.inFlight ?? 0,
      queueDepth: queue.ok ? queue.value.depth : null,
      oldestPendingSeconds: queue.ok && queue.value.oldestQueuedAt !== null ? Math.round((now - queue.value.oldestQueuedAt) / 1000) : null,
      openCircuits,
    };
    const database_ = {
      ready: deps.ready(),
      read: read.ok ? { ok: true, ms: read.ms } : read,
      write: write.ok ? { ok: true, ms: write.ms } : write,
    };
    // Until start-up has migrated the database the API answers 503: so does health, and a balancer waits.
    const unhealthy = !read.ok || !write.ok || !disk.ok || !database_.ready;
    const degraded = !worker.alive || openCircuits.length > 0;
    const status = unhealthy ? 'unhealthy' : degraded ? 'degraded' : 'ok';
    return { body: { status, version: pkg.version, database: database_, disk, worker }, unhealthy };
  }
}
