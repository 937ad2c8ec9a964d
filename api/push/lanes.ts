import type { Claimed } from './delivery-store.ts';
import type { payloadFor } from './payload.ts';
import type { PushTarget, Sealed } from './sender.ts';

/** A warning's push message: its body and options. */
export type Payload = Awaited<ReturnType<typeof payloadFor>>;

/** A claimed item with what sending it needs. */
export interface Ready {
  item: Claimed;
  /** The subscription, gone when it was removed meanwhile. */
  sub: (PushTarget & { id: number }) | undefined;
  origin: string;
  payload: Payload | null;
  /** Most severe, then newest, first. */
  priority: number;
  /** Whether it can be sent at all: a subscription and message, on an allowed push service. */
  sendable: boolean;
  /**
   * Encryption, started once the item is among the next few of its lane, so that it runs ahead of
   * the requests; never for items that wait (a resting origin's go back to the database unsealed).
   */
  sealed: Promise<Sealed> | null;
  /** Until when (this host's monotonic clock) the lease surely holds: measured from before the claim or renewal was sent. */
  leaseUntil: number;
  /** Another process claimed it after this one's lease ran out: it is neither sent nor recorded here. */
  lost: boolean;
}

/** One push service origin: its queue (by priority), its requests in flight and how many it may have. */
export interface Lane {
  origin: string;
  queue: Ready[];
  active: number;
  /**
   * Slow start: a lane begins with a few requests and gains one per answer, up to the concurrency,
   * and halves on a network failure. A dead origin never ties up more than a few sockets, and a live
   * one is not hit with dozens of TLS handshakes at once (on a busy host they time out together).
   */
  limit: number;
  /** Left out of the last claim because it had enough queued: it asks for more when half of that is gone. */
  waiting: boolean;
}

const FIRST_LIMIT = 4;
/**
 * Items a lane keeps queued per request it may have in flight. A lane that answers fast holds enough
 * not to run dry between claims; a dead or slow one (its limit down to one or two) holds only a few,
 * so it never fills memory, and the claims, with messages that cannot go out.
 */
const DEPTH = 16;
/** Fewest items a lane may queue. */
const MIN_QUEUE = 64;
/** Items sealed ahead per request a lane may have in flight. */
const AHEAD = 8;

/** The lanes of one delivery worker, by push service origin; `seal` starts an item's encryption (once). */
export function createLanes(concurrency: number, seal: (r: Ready) => void) {
  const lanes = new Map<string, Lane>();
  const capOf = (lane: Lane) => Math.max(MIN_QUEUE, lane.limit * DEPTH);
  const aheadOf = (lane: Lane) => lane.limit * AHEAD;
  const get = (origin: string): Lane => {
    let lane = lanes.get(origin);
    if (!lane) lanes.set(origin, (lane = { origin, queue: [], active: 0, limit: Math.min(FIRST_LIMIT, concurrency), waiting: false }));
    return lane;
  };
  return {
    get,
    /** Starts an item's encryption (once). */
    seal,
    all: () => [...lanes.values()],
    /** Queues an item on its origin's lane, ahead of anything less urgent; returns the lane. */
    add(r: Ready): Lane {
      const lane = get(r.origin);
      const last = lane.queue[lane.queue.length - 1];
      if (!last || last.priority >= r.priority) lane.queue.push(r);
      else
        lane.queue.splice(
          Math.max(
            0,
            lane.queue.findIndex((q) => q.priority < r.priority),
          ),
          0,
          r,
        );
      return lane;
    },
    /** The next item of a lane with something queued; the one that comes within the window is sealed. */
    take(lane: Lane): Ready {
      const r = lane.queue.shift() as Ready;
      const next = lane.queue[aheadOf(lane) - 1];
      if (next) seal(next);
      return r;
    },
    /** Starts the encryption of a lane's next items (after a claim, and as its limit grows). */
    sealAhead(lane: Lane): void {
      for (const r of lane.queue.slice(0, aheadOf(lane))) seal(r);
    },
    /** Empties a lane's queue, returning what was in it. */
    drain: (lane: Lane): Ready[] => lane.queue.splice(0),
    /**
     * How many more messages at least as urgent as `priority` an origin's lane may take (one not seen
     * yet: a new lane's worth); a full lane is marked as waiting for room.
     */
    room(origin: string, priority: number): number {
      const lane = lanes.get(origin);
      if (!lane) return MIN_QUEUE;
      const less = lane.queue.findIndex((q) => q.priority < priority);
      const room = capOf(lane) - (less < 0 ? lane.queue.length : less);
      if (room <= 0) lane.waiting = true;
      return Math.max(0, room);
    },
    /** Whether a lane left out of a claim has room again (once: it is no longer waiting). */
    hasRoom(lane: Lane): boolean {
      if (!lane.waiting || lane.queue.length > capOf(lane) / 2) return false;
      lane.waiting = false;
      return true;
    },
    /** An answer came: one more request may be in flight. */
    speedUp(lane: Lane): void {
      const from = aheadOf(lane);
      lane.limit = Math.min(concurrency, lane.limit + 1);
      for (const r of lane.queue.slice(from, aheadOf(lane))) seal(r);
    },
    /** No answer came (refused, reset, timed out): half as many. */
    slowDown: (lane: Lane) => void (lane.limit = Math.max(1, Math.floor(lane.limit / 2))),
  };
}
