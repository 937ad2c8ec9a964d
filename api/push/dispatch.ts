import { logError } from '../log.ts';
import type { Breakers } from './breaker.ts';
import type { createLanes, Lane, Ready } from './lanes.ts';
import type { PushSender } from './sender.ts';
import type { WriteBack } from './write-back.ts';

/** Attempts before an item counts as failed. */
const MAX_ATTEMPTS = 5;

/** What became of one delivery item: sent, failed for good, to be retried, skipped as expired or superseded, or its subscription removed. */
export type DeliveryOutcome = 'sent' | 'failed' | 'retried' | 'expired' | 'removed';

/** Backoff after a 429, 5xx or network failure: Retry-After when given, else 2^attempt seconds. */
const backoffMs = (attempts: number, retryAfter?: number) => (retryAfter !== undefined ? retryAfter * 1000 : 2 ** attempts * 1000);

/**
 * Sends the lanes' queued items: as many requests per lane as its concurrency and circuit allow,
 * each result noted for the write-back. An item whose lease may have run out is given back, never
 * sent; one of an expired or superseded message is skipped.
 */
export function createDispatcher(opts: {
  sender: PushSender;
  lanes: ReturnType<typeof createLanes>;
  breakers: Breakers;
  book: WriteBack;
  /** Left on an item's lease below which it is not sent. */
  margin: number;
  /** Whether the item's message has expired or been superseded since it was claimed. */
  stale: (deliveryId: number) => boolean;
  observe: (origin: string, outcome: DeliveryOutcome) => void;
  stopping: () => boolean;
  /** A lane left out of a claim has room again. */
  want: () => void;
}) {
  const { sender, lanes, breakers, book, margin, stale, observe, stopping, want } = opts;
  let inFlight = 0;
  let idle: () => void = () => undefined;

  /** Gives a resting origin's queued items back to the database until its circuit may be tried again. */
  const releaseLane = (lane: Lane, delayMs: number) => {
    for (const r of lanes.drain(lane)) book.note('release', { id: r.item.id, claim: r.item.claim, delayMs });
  };
  /** Until the origin's circuit may be probed again (at least a second). */
  const restOf = () => Math.max(1000, (breakers.nextProbe() ?? 0) - Date.now());

  /** Starts as many of the lane's requests as its concurrency and circuit allow. */
  const pump = (lane: Lane) => {
    while (!stopping() && lane.queue.length && lane.active < lane.limit) {
      if (!breakers.allows(lane.origin, lane.active)) {
        if (breakers.isOpen(lane.origin)) releaseLane(lane, restOf());
        break;
      }
      const r = lanes.take(lane);
      if (r.lost) continue;
      // A lease that may have run out (this process was paused, or could not renew): another process
      // may own the item by now, so it is not sent; giving it back only counts if it is still ours.
      if (performance.now() > r.leaseUntil - margin) {
        book.note('release', { id: r.item.id, claim: r.item.claim, delayMs: 0 });
        continue;
      }
      if (stale(r.item.deliveryId)) {
        book.note('skipped', { id: r.item.id, claim: r.item.claim });
        observe(lane.origin, 'expired');
        continue;
      }
      lane.active++;
      inFlight++;
      void send(r, lane)
        .catch((err: unknown) => {
          logError('[push] send failed', err);
          book.note('retry', { id: r.item.id, claim: r.item.claim, delayMs: backoffMs(r.item.attempts) });
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

  /** Sends one item and notes what became of it. */
  async function send(r: Ready, lane: Lane): Promise<void> {
    const { item, sub, payload } = r;
    lanes.seal(r);
    const sealed = await r.sealed;
    // Checked again after the wait for encryption: the process may have been paused meanwhile.
    if (r.lost || performance.now() > r.leaseUntil - margin) {
      if (!r.lost) book.note('release', { id: item.id, claim: item.claim, delayMs: 0 });
      return;
    }
    if (!sub || !payload || sealed === null || sealed === undefined) {
      book.note('failed', { id: item.id, claim: item.claim, status: 0 });
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
      book.note('sent', at);
      observe(lane.origin, 'sent');
    } else if (res.status === 404 || res.status === 410) {
      book.note('removed', { ...at, sub: sub.id });
      observe(lane.origin, 'removed');
    } else if ((res.status === 429 || res.status >= 500) && item.attempts < MAX_ATTEMPTS) {
      const rest = breakers.isOpen(lane.origin) ? (breakers.nextProbe() ?? 0) - Date.now() : 0;
      book.note('retry', { ...at, delayMs: Math.max(rest, backoffMs(item.attempts, res.retryAfter)) });
      observe(lane.origin, 'retried');
    } else {
      book.note('failed', { ...at, status: res.status });
      observe(lane.origin, 'failed');
    }
    if (opened) releaseLane(lane, restOf());
  }

  return {
    pump,
    releaseLane,
    /** Requests in flight, over all lanes. */
    inFlight: () => inFlight,
    /** Resolves once no request is in flight. */
    settled: (): Promise<void> => (inFlight ? new Promise<void>((resolve) => (idle = resolve)) : Promise.resolve()),
  };
}

/** The dispatcher's type. */
export type Dispatcher = ReturnType<typeof createDispatcher>;
