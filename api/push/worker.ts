import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deliveries, deliveryItems, pushSubscriptions, type WarningRow } from '../db/schema-warnings.ts';
import { findWarning } from '../warnings/store.ts';
import { endpointAllowed } from './allowlist.ts';
import { payloadFor } from './payload.ts';
import type { PushSender, Sealed } from './sender.ts';
import { onDeliveryNotice } from './worker-signal.ts';

/** Items claimed at a time. */
const BATCH = 500;
/** Attempts before an item counts as failed. */
const MAX_ATTEMPTS = 5;
const IDLE_POLL_MS = 2000;

interface Claimed {
  id: number;
  deliveryId: number;
  subscriptionId: number;
  attempts: number;
}

/** Claims due items atomically, so several server processes never take the same one. */
async function claim(database: Database, now: number, leaseMs: number): Promise<Claimed[]> {
  return database.write((db) =>
    db.all<Claimed>(sql`
      UPDATE delivery_items SET state = 'sending', attempts = attempts + 1, not_before = ${now + leaseMs}
      WHERE id IN (
        SELECT i.id FROM delivery_items i JOIN deliveries d ON d.id = i.delivery_id
        WHERE d.state = 'running' AND i.state IN ('pending', 'sending') AND i.not_before <= ${now}
        ORDER BY i.id LIMIT ${BATCH})
      RETURNING id, delivery_id AS deliveryId, subscription_id AS subscriptionId, attempts`),
  );
}

/** Backoff after a 429 or 5xx: Retry-After when given, else 2^attempt seconds. */
const backoffMs = (attempts: number, retryAfter?: number) => (retryAfter !== undefined ? retryAfter * 1000 : 2 ** attempts * 1000);

/** Works delivery jobs from the database with bounded concurrency until stopped. */
export function startDeliveryWorker(opts: {
  database: Database;
  sender: PushSender;
  concurrency: number;
  allowlist: readonly string[];
  /** A claimed item not finished within its lease (its process died) is claimed again; live workers renew it. */
  leaseMs?: number;
  clock?: () => number;
}) {
  const { database, sender, concurrency, allowlist, leaseMs = 30_000, clock = Date.now } = opts;
  let stopped = false;
  let wake: () => void = () => undefined;
  /** A delivery was published since the last look: look again at once rather than after the idle poll. */
  let noticed = false;
  onDeliveryNotice(() => {
    noticed = true;
    wake();
  });

  /** A claimed item with what sending it needs. */
  interface Ready {
    item: Claimed;
    sub: typeof pushSubscriptions.$inferSelect | undefined;
    payload: Awaited<ReturnType<typeof payloadFor>> | null;
    /** Encryption, started when the item is loaded so that it runs ahead of the requests. */
    sealed: Promise<Sealed> | null;
  }

  /** Claims a batch and loads its subscriptions and payloads; an empty list when nothing is due. */
  async function load(): Promise<Ready[]> {
    const items = await claim(database, clock(), leaseMs);
    if (!items.length) return [];
    const subs = await database.db
      .select()
      .from(pushSubscriptions)
      .where(inArray(pushSubscriptions.id, [...new Set(items.map((i) => i.subscriptionId))]));
    const byId = new Map(subs.map((s) => [s.id, s]));
    const payloads = new Map<number, Awaited<ReturnType<typeof payloadFor>> | null>();
    for (const deliveryId of new Set(items.map((i) => i.deliveryId))) {
      const job = await database.db.query.deliveries.findFirst({ where: eq(deliveries.id, deliveryId) });
      const w: WarningRow | undefined = job && (await findWarning(database, job.warningId));
      payloads.set(deliveryId, w ? await payloadFor(database, w, clock()) : null);
    }
    return items.map((item) => {
      const sub = byId.get(item.subscriptionId);
      const payload = payloads.get(item.deliveryId) ?? null;
      const sendable = sub && payload && endpointAllowed(sub.endpoint, allowlist);
      return { item, sub, payload, sealed: sendable ? sender.seal(sub, payload.body) : null };
    });
  }

  /**
   * Sends everything that is due, then returns. The next batch is claimed while the current one is
   * still going out, so the lanes never wait for each other at a batch's end.
   */
  async function drain(): Promise<void> {
    const queue: Ready[] = [];
    let head = 0;
    let loading: Promise<number> | null = null;
    let exhausted = false;
    const sent: number[] = [];
    const removed: Array<{ item: number; sub: number }> = [];
    const failed: number[] = [];
    const retry: Array<{ id: number; at: number }> = [];
    /** Claimed and not yet finished: their leases are renewed while this process lives. */
    const unfinished = new Set<number>();
    const refill = (): Promise<number> =>
      (loading ??= load()
        .then((batch) => {
          if (!batch.length) exhausted = true;
          for (const r of batch) unfinished.add(r.item.id);
          queue.push(...batch);
          return batch.length;
        })
        .catch((err: unknown) => {
          console.error('[push] claim failed', err);
          exhausted = true;
          return 0;
        })
        .finally(() => (loading = null)));
    const renew = setInterval(() => {
      const ids = [...unfinished];
      if (ids.length)
        void database
          .write((db) =>
            db
              .update(deliveryItems)
              .set({ notBefore: clock() + leaseMs })
              .where(and(inArray(deliveryItems.id, ids), eq(deliveryItems.state, 'sending'))),
          )
          .catch(() => undefined);
    }, leaseMs / 3);
    const flush = async () => {
      const s = sent.splice(0);
      const f = failed.splice(0);
      const r = removed.splice(0);
      const again = retry.splice(0);
      if (!s.length && !f.length && !r.length && !again.length) return;
      await database.write(async (db) => {
        const ops = [
          ...(s.length ? [db.update(deliveryItems).set({ state: 'sent', lastStatus: 201 }).where(inArray(deliveryItems.id, s))] : []),
          ...(f.length ? [db.update(deliveryItems).set({ state: 'failed' }).where(inArray(deliveryItems.id, f))] : []),
          ...(r.length
            ? [
                db
                  .update(deliveryItems)
                  .set({ state: 'removed' })
                  .where(
                    inArray(
                      deliveryItems.id,
                      r.map((x) => x.item),
                    ),
                  ),
                db.delete(pushSubscriptions).where(
                  inArray(
                    pushSubscriptions.id,
                    r.map((x) => x.sub),
                  ),
                ),
              ]
            : []),
          ...again.map((x) => db.update(deliveryItems).set({ state: 'pending', notBefore: x.at }).where(eq(deliveryItems.id, x.id))),
        ];
        const [first, ...rest] = ops;
        if (first) await db.batch([first, ...rest]);
      });
      for (const id of [...s, ...f, ...r.map((x) => x.item), ...again.map((x) => x.id)]) unfinished.delete(id);
    };
    // Finished items are written back every 200 ms, so a crash re-sends at most what was in flight.
    const ticker = setInterval(() => void flush().catch((err: unknown) => console.error('[push] write-back failed', err)), 200);
    const lane = async () => {
      while (!stopped) {
        // Top up before running dry, so the next batch is ready when this one ends.
        if (!exhausted && queue.length - head < concurrency * 2) void refill();
        if (head >= queue.length) {
          if (exhausted && !loading) return;
          await (loading ?? refill());
          continue;
        }
        const { item, sub, payload, sealed } = queue[head++] as Ready;
        if (head > 4 * BATCH) {
          queue.splice(0, head);
          head = 0;
        }
        if (!sub || !payload || !sealed) {
          failed.push(item.id);
          continue;
        }
        const res = await sender.post(sub, await sealed, payload.options);
        if (res.status >= 200 && res.status < 300) sent.push(item.id);
        else if (res.status === 404 || res.status === 410) removed.push({ item: item.id, sub: sub.id });
        else if ((res.status === 429 || res.status >= 500) && item.attempts < MAX_ATTEMPTS)
          retry.push({ id: item.id, at: clock() + backoffMs(item.attempts, res.retryAfter) });
        else failed.push(item.id);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, lane));
      await loading;
    } finally {
      clearInterval(ticker);
      clearInterval(renew);
      await flush();
    }
  }

  /** Marks jobs with nothing left to do as done. */
  async function finishJobs(): Promise<void> {
    const open = database.db
      .select({ id: deliveryItems.deliveryId })
      .from(deliveryItems)
      .where(inArray(deliveryItems.state, ['pending', 'sending']));
    await database.write((db) =>
      db
        .update(deliveries)
        .set({ state: 'done', finishedAt: clock() })
        .where(and(eq(deliveries.state, 'running'), notInArray(deliveries.id, open))),
    );
  }

  const done = (async () => {
    while (!stopped) {
      noticed = false;
      await drain().catch((err: unknown) => console.error('[push] delivery failed', err));
      if (stopped) break;
      await finishJobs().catch(() => undefined);
      if (noticed) {
        noticed = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, IDLE_POLL_MS);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}
