import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pushSubscriptions } from '../db/schema-warnings.ts';
import { logError } from '../log.ts';
import { findWarning } from '../warnings/store.ts';
import { endpointAllowed } from './allowlist.ts';
import { createBreakers } from './breaker.ts';
import {
  claimItems,
  dbNow,
  finishJobs,
  noResults,
  renewLeases,
  runningDeliveries,
  skipDelivery,
  writeResults,
  type Claimed,
  type Results,
  type RunningDelivery,
} from './delivery-store.ts';
import { payloadFor } from './payload.ts';
import { splitEndpoint, type PushSender, type Sealed } from './sender.ts';
import { onDeliveryNotice } from './worker-signal.ts';
import { logger } from '../request-log.ts';

/** Items claimed at a time. */
const BATCH = 500;
/** Attempts before an item counts as failed. */
const MAX_ATTEMPTS = 5;
const IDLE_POLL_MS = 2000;
const FLUSH_MS = 200;

type Payload = Awaited<ReturnType<typeof payloadFor>>;

/** A claimed item with what sending it needs. */
interface Ready {
  item: Claimed;
  sub: typeof pushSubscriptions.$inferSelect | undefined;
  origin: string;
  payload: Payload | null;
  /** Most severe, then newest, first. */
  priority: number;
  /** Encryption, started when the item is claimed so that it runs ahead of the requests. */
  sealed: Promise<Sealed> | null;
}

/** One push service origin: its queue (by priority), its requests in flight and how many it may have. */
interface Lane {
  origin: string;
  queue: Ready[];
  active: number;
  /**
   * Slow start: a lane begins with a few requests and gains one per answer, up to the concurrency,
   * and halves on a network failure. A dead origin never ties up more than a few sockets, and a live
   * one is not hit with dozens of TLS handshakes at once (on a busy host they time out together).
   */
  limit: number;
}

const FIRST_LIMIT = 4;

/** What became of one delivery item: sent, failed for good, to be retried, skipped as expired or superseded, or its subscription removed. */
export type DeliveryOutcome = 'sent' | 'failed' | 'retried' | 'expired' | 'removed';

/** Backoff after a 429, 5xx or network failure: Retry-After when given, else 2^attempt seconds. */
const backoffMs = (attempts: number, retryAfter?: number) => (retryAfter !== undefined ? retryAfter * 1000 : 2 ** attempts * 1000);

/**
 * Works delivery jobs from the database until stopped. Each push service origin is a lane with its
 * own queue, concurrency and circuit breaker, so a service that hangs or refuses holds up only its
 * own messages; claiming goes on while requests are in flight, so a new warning starts at once.
 */
export function startDeliveryWorker(opts: {
  database: Database;
  sender: PushSender;
  /** Requests in flight per push service origin. */
  concurrency: number;
  allowlist: readonly string[];
  /** A claimed item not finished within its lease (its process died) is claimed again; live workers renew it. */
  leaseMs?: number;
  /** The host clock, used only for the push message's TTL; leases use the database's clock. */
  clock?: () => number;
  /** Circuit breaker tuning (tests open circuits sooner). */
  breaker?: { failuresToOpen?: number; firstOpenMs?: number };
  /** Told what became of each item, by push-service origin (metrics). */
  observe?: (origin: string, outcome: DeliveryOutcome) => void;
}) {
  const { database, sender, concurrency, allowlist, leaseMs = 30_000, clock = Date.now, observe = () => undefined } = opts;
  const breakers = createBreakers(Date.now, opts.breaker);
  /** Claimed items waiting in memory at most; a new publish is claimed even when full. */
  const cap = Math.max(2 * BATCH, 4 * concurrency);
  const lanes = new Map<string, Lane>();
  const live = new Map<number, RunningDelivery & { payload?: Payload | null | undefined }>();
  let results = noResults();
  /** Claimed and not yet stored: their leases are renewed while this process lives. */
  const held = new Set<number>();
  let queued = 0;
  let inFlight = 0;
  let stopping = false;
  let noticed = true;
  /** Database time minus this host's monotonic time, measured at each claim. */
  let offset = 0;
  const dbTime = () => performance.now() + offset;
  let wake: () => void = () => undefined;
  let idle: () => void = () => undefined;
  onDeliveryNotice(() => {
    noticed = true;
    wake();
  });

  const laneFor = (origin: string): Lane => {
    let lane = lanes.get(origin);
    if (!lane) lanes.set(origin, (lane = { origin, queue: [], active: 0, limit: Math.min(FIRST_LIMIT, concurrency) }));
    return lane;
  };

  /** Gives a resting origin's queued items back to the database until its circuit may be tried again. */
  const releaseLane = (lane: Lane, delayMs: number) => {
    for (const r of lane.queue.splice(0)) results.release.push({ id: r.item.id, delayMs });
    queued = [...lanes.values()].reduce((n, l) => n + l.queue.length, 0);
  };

  /** Starts as many of the lane's requests as its concurrency and circuit allow. */
  const pump = (lane: Lane) => {
    while (!stopping && lane.queue.length && lane.active < lane.limit) {
      if (!breakers.allows(lane.origin, lane.active)) {
        if (breakers.isOpen(lane.origin)) releaseLane(lane, Math.max(1000, (breakers.nextProbe() ?? 0) - Date.now()));
        break;
      }
      const r = lane.queue.shift() as Ready;
      queued--;
      const job = live.get(r.item.deliveryId);
      if (job && (job.supersededBy !== null || job.expires <= dbTime())) {
        results.skipped.push(r.item.id);
        observe(lane.origin, 'expired');
        continue;
      }
      lane.active++;
      inFlight++;
      void send(r, lane)
        .catch((err: unknown) => {
          logError('[push] send failed', err);
          results.retry.push({ id: r.item.id, delayMs: backoffMs(r.item.attempts) });
          observe(lane.origin, 'retried');
        })
        .finally(() => {
          lane.active--;
          inFlight--;
          pump(lane);
          if (queued < cap / 2) wake();
          if (!inFlight) idle();
        });
    }
  };

  /** Sends one item and records what became of it. */
  async function send(r: Ready, lane: Lane): Promise<void> {
    const { item, sub, payload } = r;
    const sealed = await r.sealed;
    if (!sub || !payload || sealed === null || sealed === undefined) {
      results.failed.push({ id: item.id, status: 0 });
      observe(lane.origin, 'failed');
      return;
    }
    const res = await sender.post(sub, sealed, payload.options);
    const down = res.network ?? (res.status >= 500 && sealed !== 'retry' ? `HTTP ${res.status}` : null);
    let opened = false;
    if (down) {
      opened = breakers.failure(lane.origin, down);
      if (res.network) lane.limit = Math.max(1, Math.floor(lane.limit / 2));
    } else {
      lane.limit = Math.min(concurrency, lane.limit + 1);
      if (res.status !== 429) breakers.success(lane.origin);
    }
    if (res.status >= 200 && res.status < 300) {
      results.sent.push(item.id);
      observe(lane.origin, 'sent');
    } else if (res.status === 404 || res.status === 410) {
      results.removed.push({ item: item.id, sub: sub.id });
      observe(lane.origin, 'removed');
    } else if ((res.status === 429 || res.status >= 500) && item.attempts < MAX_ATTEMPTS) {
      const rest = breakers.isOpen(lane.origin) ? (breakers.nextProbe() ?? 0) - Date.now() : 0;
      results.retry.push({ id: item.id, delayMs: Math.max(rest, backoffMs(item.attempts, res.retryAfter)) });
      observe(lane.origin, 'retried');
    } else {
      results.failed.push({ id: item.id, status: res.status });
      observe(lane.origin, 'failed');
    }
    if (opened) releaseLane(lane, Math.max(1000, (breakers.nextProbe() ?? 0) - Date.now()));
  }

  /** Stores results, keeping them in memory until the database has them (a failed write is tried again). */
  let flushing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const run = flushing.then(async () => {
      const r = results;
      const count = r.sent.length + r.failed.length + r.removed.length + r.skipped.length + r.retry.length + r.release.length;
      if (!count) return;
      results = noResults();
      try {
        await writeResults(database, r);
        // One structured line per stored batch of results.
        logger.info(
          {
            sent: r.sent.length,
            failed: r.failed.length,
            removed: r.removed.length,
            skipped: r.skipped.length,
            retried: r.retry.length,
            released: r.release.length,
            inFlight,
          },
          'push batch',
        );
      } catch (err) {
        // Put back in front of anything recorded meanwhile: nothing is dropped before it is stored.
        for (const k of Object.keys(r) as Array<keyof Results>) (results[k] as unknown[]).unshift(...(r[k] as unknown[]));
        throw err;
      }
      for (const id of [
        ...r.sent,
        ...r.skipped,
        ...r.failed.map((f) => f.id),
        ...r.removed.map((x) => x.item),
        ...r.retry.map((x) => x.id),
        ...r.release.map((x) => x.id),
      ])
        held.delete(id);
    });
    flushing = run.catch(() => undefined);
    return run;
  };

  /** Claims the most urgent due items, most severe and newest delivery first; returns how many. */
  async function claimRound(): Promise<number> {
    // Results and leases first: after an outage, nothing this process has sent may look claimable.
    await flush();
    await renewLeases(database, [...held], leaseMs);
    const running = await runningDeliveries(database);
    offset = (await dbNow(database)) - performance.now();
    for (const d of running) live.set(d.deliveryId, { ...d, payload: live.get(d.deliveryId)?.payload });
    for (const id of live.keys()) if (!running.some((d) => d.deliveryId === id)) live.delete(id);
    let budget = BATCH;
    let got = 0;
    for (const d of running) {
      if (budget <= 0 || stopping) break;
      if (d.supersededBy !== null || d.expires <= dbTime()) {
        await skipDelivery(database, d.deliveryId);
        continue;
      }
      const items = await claimItems(database, d.deliveryId, budget, leaseMs, breakers.openOrigins());
      if (!items.length) continue;
      for (const i of items) held.add(i.id);
      budget -= items.length;
      got += items.length;
      const job = live.get(d.deliveryId);
      if (job && job.payload === undefined) {
        const w = await findWarning(database, d.warningId);
        job.payload = w ? await payloadFor(database, w, clock()) : null;
      }
      const payload = job?.payload ?? null;
      const subs = await database.db
        .select()
        .from(pushSubscriptions)
        .where(inArray(pushSubscriptions.id, [...new Set(items.map((i) => i.subscriptionId))]));
      const byId = new Map(subs.map((s) => [s.id, s]));
      const priority = d.rank * 1e14 + d.sent;
      const touched = new Set<Lane>();
      for (const item of items) {
        const sub = byId.get(item.subscriptionId);
        const sendable = sub && payload && endpointAllowed(sub.endpoint, allowlist);
        const origin = sub ? splitEndpoint(sub.endpoint).origin : '';
        const lane = laneFor(origin);
        const r: Ready = { item, sub, origin, payload, priority, sealed: sendable ? sender.seal(sub, payload.body) : null };
        // Most severe, newest first: a more urgent warning goes ahead of what is already queued.
        const at = lane.queue.findIndex((q) => q.priority < priority);
        if (at < 0) lane.queue.push(r);
        else lane.queue.splice(at, 0, r);
        touched.add(lane);
      }
      queued += items.length;
      for (const lane of touched) pump(lane);
    }
    if (!got) await finishJobs(database);
    return got;
  }

  // Finished items are written back every 200 ms, so a crash re-sends at most what was in flight.
  let flushLogged = false;
  const ticker = setInterval(
    () =>
      void flush().then(
        () => (flushLogged = false),
        (err: unknown) => {
          if (!flushLogged) logError('[push] 发送结果暂时无法写入数据库，保留在内存中并持续重试', err);
          flushLogged = true;
        },
      ),
    FLUSH_MS,
  );
  const renew = setInterval(() => void renewLeases(database, [...held], leaseMs).catch(() => undefined), leaseMs / 3);

  /** When the loop last finished a look at the database, and whether that look failed: for health. */
  let lastLook = Date.now();
  let lookFailed = false;
  const done = (async () => {
    let backoff = 1000;
    let downLogged = false;
    while (!stopping) {
      lastLook = Date.now();
      if (queued < cap || noticed) {
        noticed = false;
        try {
          const n = await claimRound();
          lastLook = Date.now();
          lookFailed = false;
          if (downLogged) console.log('[push] 数据库已恢复，继续推送');
          backoff = 1000;
          downLogged = false;
          if (n > 0) continue;
        } catch (err) {
          lastLook = Date.now();
          lookFailed = true;
          if (!downLogged) logError(`[push] 无法从数据库领取推送任务，${backoff / 1000} 秒后重试`, err);
          downLogged = true;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, backoff);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          backoff = Math.min(backoff * 2, 30_000);
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        const probe = breakers.nextProbe();
        const t = setTimeout(resolve, probe ? Math.min(IDLE_POLL_MS, Math.max(50, probe - Date.now())) : IDLE_POLL_MS);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  })();

  return {
    /**
     * Stops claiming, gives queued items back, lets requests in flight finish (they are bounded by
     * the sender's timeouts), then stores every result, retrying until the database takes them.
     */
    async stop(): Promise<void> {
      stopping = true;
      wake();
      await done;
      for (const lane of lanes.values()) releaseLane(lane, 0);
      if (inFlight) await new Promise<void>((resolve) => (idle = resolve));
      clearInterval(ticker);
      clearInterval(renew);
      for (;;) {
        try {
          await flush();
          return;
        } catch (err) {
          logError('[push] 停止前写入发送结果失败，稍后重试', err);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    },
    /** For health: whether the loop is running and when it last looked at the database, and how that went. */
    state: () => ({ running: !stopping, lastLook, lookFailed, inFlight }),
    /** Requests in flight and items queued, per origin. */
    lanes: () => [...lanes.values()].map((l) => ({ origin: l.origin, queued: l.queue.length, active: l.active, limit: l.limit })),
  };
}
