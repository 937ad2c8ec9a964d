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
  type Held,
  type Results,
  type RunningDelivery,
} from './delivery-store.ts';
import { createLanes, type Lane, type Payload, type Ready } from './lanes.ts';
import { payloadFor } from './payload.ts';
import { splitEndpoint, type PushSender } from './sender.ts';
import { onDeliveryNotice } from './worker-signal.ts';
import { logger } from '../log.ts';

/** Items claimed at a time. */
const BATCH = 500;
/** Attempts before an item counts as failed. */
const MAX_ATTEMPTS = 5;
const IDLE_POLL_MS = 2000;
const FLUSH_MS = 200;

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
  /** Starts an item's encryption, once. */
  const seal = (r: Ready) => {
    if (r.sendable && !r.sealed && r.sub && r.payload) r.sealed = sender.seal(r.sub, r.payload.body);
  };
  const lanes = createLanes(concurrency, seal);
  const live = new Map<number, RunningDelivery & { payload?: Payload | null | undefined }>();
  let results = noResults();
  /**
   * Claimed and not yet stored, by id: their leases are renewed while this process lives. Each
   * knows until when (this host's monotonic clock) its lease surely holds.
   */
  const held = new Map<number, Ready>();
  let inFlight = 0;
  let stopping = false;
  /** Something may be claimable: a publish, a lane with room again, a circuit to probe. */
  let wanted = true;
  /** Database time minus this host's monotonic time, measured at each claim. */
  let offset = 0;
  const dbTime = () => performance.now() + offset;
  let wake: () => void = () => undefined;
  let idle: () => void = () => undefined;
  const want = () => {
    wanted = true;
    wake();
  };
  onDeliveryNotice(want);
  /** When leases were last renewed (monotonic ms). */
  let lastRenew = performance.now();
  /** Left on an item's lease below which it is not sent: it is given back instead, in case another process takes it over. */
  const margin = leaseMs / 4;

  /** Gives a resting origin's queued items back to the database until its circuit may be tried again. */
  const releaseLane = (lane: Lane, delayMs: number) => {
    for (const r of lanes.drain(lane)) results.release.push({ id: r.item.id, claim: r.item.claim, delayMs });
  };

  /** Starts as many of the lane's requests as its concurrency and circuit allow. */
  const pump = (lane: Lane) => {
    while (!stopping && lane.queue.length && lane.active < lane.limit) {
      if (!breakers.allows(lane.origin, lane.active)) {
        if (breakers.isOpen(lane.origin)) releaseLane(lane, Math.max(1000, (breakers.nextProbe() ?? 0) - Date.now()));
        break;
      }
      const r = lanes.take(lane);
      if (r.lost) continue;
      // A lease that may have run out (this process was paused, or could not renew): another process
      // may own the item by now, so it is not sent; giving it back only counts if it is still ours.
      if (performance.now() > r.leaseUntil - margin) {
        results.release.push({ id: r.item.id, claim: r.item.claim, delayMs: 0 });
        continue;
      }
      const job = live.get(r.item.deliveryId);
      if (job && (job.supersededBy !== null || job.expires <= dbTime())) {
        results.skipped.push({ id: r.item.id, claim: r.item.claim });
        observe(lane.origin, 'expired');
        continue;
      }
      lane.active++;
      inFlight++;
      void send(r, lane)
        .catch((err: unknown) => {
          logError('[push] send failed', err);
          results.retry.push({ id: r.item.id, claim: r.item.claim, delayMs: backoffMs(r.item.attempts) });
          observe(lane.origin, 'retried');
        })
        .finally(() => {
          lane.active--;
          inFlight--;
          pump(lane);
          if (lanes.hasRoom(lane)) want();
          if (!inFlight) idle();
        });
    }
  };

  /** Sends one item and records what became of it. */
  async function send(r: Ready, lane: Lane): Promise<void> {
    const { item, sub, payload } = r;
    seal(r);
    const sealed = await r.sealed;
    // Checked again after the wait for encryption: the process may have been paused meanwhile.
    if (r.lost || performance.now() > r.leaseUntil - margin) {
      if (!r.lost) results.release.push({ id: item.id, claim: item.claim, delayMs: 0 });
      return;
    }
    if (!sub || !payload || sealed === null || sealed === undefined) {
      results.failed.push({ id: item.id, claim: item.claim, status: 0 });
      observe(lane.origin, 'failed');
      return;
    }
    const res = await sender.post(sub, sealed, payload.options);
    const down = res.network ?? (res.status >= 500 && sealed !== 'retry' ? `HTTP ${res.status}` : null);
    let opened = false;
    if (down) {
      opened = breakers.failure(lane.origin, down);
      if (res.network) lanes.slowDown(lane);
    } else {
      lanes.speedUp(lane);
      if (res.status !== 429) breakers.success(lane.origin);
    }
    const at = { id: item.id, claim: item.claim };
    if (res.status >= 200 && res.status < 300) {
      results.sent.push(at);
      observe(lane.origin, 'sent');
    } else if (res.status === 404 || res.status === 410) {
      results.removed.push({ ...at, sub: sub.id });
      observe(lane.origin, 'removed');
    } else if ((res.status === 429 || res.status >= 500) && item.attempts < MAX_ATTEMPTS) {
      const rest = breakers.isOpen(lane.origin) ? (breakers.nextProbe() ?? 0) - Date.now() : 0;
      results.retry.push({ ...at, delayMs: Math.max(rest, backoffMs(item.attempts, res.retryAfter)) });
      observe(lane.origin, 'retried');
    } else {
      results.failed.push({ ...at, status: res.status });
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
      // The token an item holds now: the process may have claimed it again since the result was noted.
      const now = <T extends Held>(list: T[]) => list.map((x) => ({ ...x, claim: held.get(x.id)?.item.claim ?? x.claim }));
      const stored: Results = {
        sent: now(r.sent),
        failed: now(r.failed),
        removed: now(r.removed),
        skipped: now(r.skipped),
        retry: now(r.retry),
        release: now(r.release),
      };
      try {
        await writeResults(database, stored);
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
      for (const list of Object.values(stored) as Held[][]) for (const x of list) held.delete(x.id);
    });
    flushing = run.catch(() => undefined);
    return run;
  };

  /** Renews the leases of held items; drops from memory (unsent) those another process has claimed since. */
  const renew = async () => {
    const started = performance.now();
    const mine = [...held.values()];
    const kept = await renewLeases(
      database,
      mine.map((r) => ({ id: r.item.id, claim: r.item.claim })),
      leaseMs,
    );
    lastRenew = started;
    for (const r of mine) {
      if (kept.has(r.item.id)) r.leaseUntil = Math.max(r.leaseUntil, started + leaseMs);
      else if (held.get(r.item.id) === r) {
        // Another process holds it now: its result, if this one is still sending it, will not count.
        r.lost = true;
        held.delete(r.item.id);
      }
    }
  };

  /** Claims the most urgent due items, most severe and newest delivery first; returns how many. */
  async function claimRound(): Promise<number> {
    // Results first, and leases when due: after an outage, nothing this process has sent may look claimable.
    await flush();
    if (performance.now() - lastRenew > leaseMs / 3) await renew();
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
      const priority = d.rank * 1e14 + d.sent;
      // Resting origins, and those with enough of this or more urgent messages queued, wait in the database.
      const exclude = [...new Set([...breakers.openOrigins(), ...lanes.full(priority)])];
      const started = performance.now();
      const items = await claimItems(database, d.deliveryId, budget, leaseMs, exclude);
      if (!items.length) continue;
      budget -= items.length;
      got += items.length;
      const job = live.get(d.deliveryId);
      if (job && job.payload === undefined) {
        const w = await findWarning(database, d.warningId);
        job.payload = w ? await payloadFor(database, w, clock()) : null;
      }
      const payload = job?.payload ?? null;
      // Only what sending needs: the full rows cost more to read than the claim itself.
      const subs = await database.db
        .select({
          id: pushSubscriptions.id,
          endpoint: pushSubscriptions.endpoint,
          p256dh: pushSubscriptions.p256dh,
          auth: pushSubscriptions.auth,
        })
        .from(pushSubscriptions)
        .where(inArray(pushSubscriptions.id, [...new Set(items.map((i) => i.subscriptionId))]));
      const byId = new Map(subs.map((s) => [s.id, s]));
      const touched = new Set<Lane>();
      for (const item of items) touched.add(enqueue(item, byId.get(item.subscriptionId), payload, priority, started + leaseMs));
      for (const lane of touched) {
        lanes.sealAhead(lane);
        pump(lane);
      }
    }
    return got;
  }

  /** Queues a claimed item on its origin's lane. */
  function enqueue(item: Claimed, sub: Ready['sub'], payload: Payload | null, priority: number, leaseUntil: number): Lane {
    const before = held.get(item.id);
    const origin = sub ? splitEndpoint(sub.endpoint).origin : '';
    if (before) {
      // Claimed again by this very process (its lease ran out unrenewed): one copy, under the new token.
      Object.assign(before.item, { claim: item.claim, attempts: item.attempts });
      before.leaseUntil = leaseUntil;
      return lanes.get(before.origin);
    }
    const sendable = Boolean(sub && payload && endpointAllowed(sub.endpoint, allowlist));
    const r: Ready = {
      item,
      sub,
      origin,
      payload,
      priority,
      leaseUntil,
      lost: false,
      sendable,
      sealed: null,
    };
    held.set(item.id, r);
    return lanes.add(r);
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
  const renewer = setInterval(() => void renew().catch(() => undefined), leaseMs / 3);

  /** When the loop last finished a look at the database, and whether that look failed: for health. */
  let lastLook = Date.now();
  let lookFailed = false;
  let lastFinish = 0;
  const done = (async () => {
    let backoff = 1000;
    let downLogged = false;
    while (!stopping) {
      lastLook = Date.now();
      if (wanted) {
        wanted = false;
        try {
          const n = await claimRound();
          // Jobs with nothing left are closed when there is nothing to claim, at most once a poll.
          if (!n && Date.now() - lastFinish > IDLE_POLL_MS / 2) {
            lastFinish = Date.now();
            await finishJobs(database);
          }
          lastLook = Date.now();
          lookFailed = false;
          if (downLogged) logger.info('推送：数据库已恢复，继续推送');
          backoff = 1000;
          downLogged = false;
          if (n > 0) {
            wanted = true;
            continue;
          }
        } catch (err) {
          lastLook = Date.now();
          lookFailed = true;
          wanted = true;
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
      if (wanted) continue;
      await new Promise<void>((resolve) => {
        const probe = breakers.nextProbe();
        const t = setTimeout(
          () => {
            // Retries and other processes' work come due without a signal: look again after the poll.
            wanted = true;
            resolve();
          },
          probe ? Math.min(IDLE_POLL_MS, Math.max(50, probe - Date.now())) : IDLE_POLL_MS,
        );
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
      for (const lane of lanes.all()) releaseLane(lane, 0);
      if (inFlight) await new Promise<void>((resolve) => (idle = resolve));
      clearInterval(ticker);
      clearInterval(renewer);
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
    lanes: () => lanes.all().map((l) => ({ origin: l.origin, queued: l.queue.length, active: l.active, limit: l.limit })),
  };
}
