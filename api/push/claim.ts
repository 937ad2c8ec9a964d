import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pushSubscriptions } from '../db/schema-warnings.ts';
import { findWarning } from '../warnings/store.ts';
import { endpointAllowed } from './allowlist.ts';
import type { Breakers } from './breaker.ts';
import {
  claimItems,
  dbNow,
  deliveryOrigins,
  runningDeliveries,
  skipDelivery,
  type Claimed,
  type OriginAsk,
  type RunningDelivery,
} from './delivery-store.ts';
import type { createLanes, Lane, Payload, Ready } from './lanes.ts';
import { payloadFor } from './payload.ts';
import type { WriteBack } from './write-back.ts';

/** Items claimed at a time. */
const BATCH = 500;

/**
 * Claims due items from the database onto the lanes: the running deliveries most severe and newest
 * first, leaving in the database the items of origins that rest or have enough queued.
 */
export function createClaimer(opts: {
  database: Database;
  lanes: ReturnType<typeof createLanes>;
  breakers: Breakers;
  book: WriteBack;
  /** Starts a lane's requests after its queue grew. */
  pump: (lane: Lane) => void;
  allowlist: readonly string[];
  leaseMs: number;
  /** The host clock, used only for the push message's TTL. */
  clock: () => number;
  stopping: () => boolean;
}) {
  const { database, lanes, breakers, book, pump, allowlist, leaseMs, clock, stopping } = opts;
  /** The running deliveries as of the last claim, with their message and push service origins once read. */
  const live = new Map<number, RunningDelivery & { payload?: Payload | null | undefined; origins?: string[] | undefined }>();
  /** Database time minus this host's monotonic time, measured at each claim. */
  let offset = 0;
  const dbTime = () => performance.now() + offset;

  /** Queues a claimed item on its origin's lane. */
  function enqueue(item: Claimed, sub: Ready['sub'], payload: Payload | null, priority: number, leaseUntil: number): Lane {
    const before = book.held.get(item.id);
    const { origin } = item;
    if (before) {
      // Claimed again by this very process (its lease ran out unrenewed): one copy, under the new token.
      Object.assign(before.item, { claim: item.claim, attempts: item.attempts });
      before.leaseUntil = leaseUntil;
      return lanes.get(before.origin);
    }
    const sendable = Boolean(sub && payload && endpointAllowed(sub.endpoint, allowlist));
    const r: Ready = { item, sub, origin, payload, priority, leaseUntil, lost: false, sendable, sealed: null };
    book.held.set(item.id, r);
    return lanes.add(r);
  }

  /** Claims the most urgent due items, most severe and newest delivery first; returns how many. */
  async function claimRound(): Promise<number> {
    // Results first, and leases when due: after an outage, nothing this process has sent may look claimable.
    await book.flush();
    if (book.renewDue()) await book.renew();
    const running = await runningDeliveries(database);
    offset = (await dbNow(database)) - performance.now();
    for (const d of running) {
      const known = live.get(d.deliveryId);
      live.set(d.deliveryId, { ...d, payload: known?.payload, origins: known?.origins });
    }
    for (const id of live.keys()) if (!running.some((d) => d.deliveryId === id)) live.delete(id);
    let budget = BATCH;
    let got = 0;
    for (const d of running) {
      if (budget <= 0 || stopping()) break;
      if (d.supersededBy !== null || d.expires <= dbTime()) {
        await skipDelivery(database, d.deliveryId);
        continue;
      }
      const priority = d.rank * 1e14 + d.sent;
      const job = live.get(d.deliveryId);
      // A delivery's origins are fixed at publish: read once, then each claim asks each origin for its lane's room.
      const origins = job?.origins ?? (await deliveryOrigins(database, d.deliveryId));
      if (job) job.origins = origins;
      // Resting origins, and those on probation with their probe taken, wait in the database.
      const probing = lanes.all().filter((l) => (l.queue.length || l.active) && !breakers.isClosed(l.origin));
      const resting = new Set([...breakers.openOrigins(), ...probing.map((l) => l.origin)]);
      // Each origin no more than its lane has room for, of this or less urgent messages: a dead or slow
      // origin's lane is small, so its messages wait in the database and never crowd out a fast one's.
      // The small asks first, so that a fast lane's large one does not take every origin's share.
      const rooms = origins
        .filter((origin) => !resting.has(origin))
        .map((origin) => ({ origin, limit: lanes.room(origin, priority) }))
        .filter((a) => a.limit > 0)
        .sort((a, b) => a.limit - b.limit);
      const asks: OriginAsk[] = [];
      let asked = 0;
      for (const a of rooms) {
        const limit = Math.min(budget - asked, a.limit);
        if (limit <= 0) break;
        asks.push({ origin: a.origin, limit });
        asked += limit;
      }
      const started = performance.now();
      const items = await claimItems(database, d.deliveryId, asks, leaseMs);
      if (!items.length) continue;
      budget -= items.length;
      got += items.length;
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

  return {
    claimRound,
    /** Whether a delivery's message has expired or been superseded (by the database's clock). */
    stale(deliveryId: number): boolean {
      const job = live.get(deliveryId);
      return Boolean(job && (job.supersededBy !== null || job.expires <= dbTime()));
    },
  };
}
