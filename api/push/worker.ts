import type { Database } from '../db/client.ts';
import { logError, logger } from '../log.ts';
import { createBreakers } from './breaker.ts';
import { createClaimer } from './claim.ts';
import { finishJobs } from './delivery-store.ts';
import { createDispatcher, type DeliveryOutcome } from './dispatch.ts';
import { createLanes, type Ready } from './lanes.ts';
import type { PushSender } from './sender.ts';
import { onDeliveryNotice } from './worker-signal.ts';
import { createWriteBack } from './write-back.ts';

export type { DeliveryOutcome } from './dispatch.ts';

const IDLE_POLL_MS = 2000;
const FLUSH_MS = 200;

/**
 * Works delivery jobs from the database until stopped. Each push service origin is a lane with its
 * own queue, concurrency and circuit breaker, so a service that hangs or refuses holds up only its
 * own messages; claiming goes on while requests are in flight, so a new warning starts at once.
 * Claiming is in claim.ts, sending in dispatch.ts, storing results and leases in write-back.ts.
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
  let stopping = false;
  /** Something may be claimable: a publish, a lane with room again, a circuit to probe. */
  let wanted = true;
  let wake: () => void = () => undefined;
  const want = () => {
    wanted = true;
    wake();
  };
  onDeliveryNotice(want);
  const book = createWriteBack(database, leaseMs, () => dispatcher.inFlight());
  const dispatcher = createDispatcher({
    sender,
    lanes,
    breakers,
    book,
    // Left on an item's lease below which it is not sent: it is given back instead, in case another process takes it over.
    margin: leaseMs / 4,
    stale: (id) => claimer.stale(id),
    observe,
    stopping: () => stopping,
    want,
  });
  const claimer = createClaimer({
    database,
    lanes,
    breakers,
    book,
    pump: dispatcher.pump,
    allowlist,
    leaseMs,
    clock,
    stopping: () => stopping,
  });

  // Finished items are written back every 200 ms, so a crash re-sends at most what was in flight.
  let flushLogged = false;
  const ticker = setInterval(
    () =>
      void book.flush().then(
        () => (flushLogged = false),
        (err: unknown) => {
          if (!flushLogged) logError('[push] 发送结果暂时无法写入数据库，保留在内存中并持续重试', err);
          flushLogged = true;
        },
      ),
    FLUSH_MS,
  );
  const renewer = setInterval(() => void book.renew().catch(() => undefined), leaseMs / 3);

  /** Waits until `ms` have passed or something is wanted. */
  const rest = (ms: number, then: () => void = () => undefined) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        then();
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

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
          const n = await claimer.claimRound();
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
          await rest(backoff);
          backoff = Math.min(backoff * 2, 30_000);
          continue;
        }
      }
      if (wanted) continue;
      const probe = breakers.nextProbe();
      // Retries and other processes' work come due without a signal: look again after the poll.
      await rest(probe ? Math.min(IDLE_POLL_MS, Math.max(50, probe - Date.now())) : IDLE_POLL_MS, () => (wanted = true));
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
      for (const lane of lanes.all()) dispatcher.releaseLane(lane, 0);
      await dispatcher.settled();
      clearInterval(ticker);
      clearInterval(renewer);
      for (;;) {
        try {
          await book.flush();
          return;
        } catch (err) {
          logError('[push] 停止前写入发送结果失败，稍后重试', err);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    },
    /** For health: whether the loop is running and when it last looked at the database, and how that went. */
    state: () => ({ running: !stopping, lastLook, lookFailed, inFlight: dispatcher.inFlight() }),
    /** Requests in flight and items queued, per origin. */
    lanes: () => lanes.all().map((l) => ({ origin: l.origin, queued: l.queue.length, active: l.active, limit: l.limit })),
  };
}
