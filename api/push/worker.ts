import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deliveries, deliveryItems, pushSubscriptions, type WarningRow } from '../db/schema-warnings.ts';
import { findWarning } from '../warnings/store.ts';
import { endpointAllowed } from './allowlist.ts';
import { payloadFor } from './payload.ts';
import type { PushSender } from './sender.ts';
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
  onDeliveryNotice(() => wake());

  async function runBatch(items: Claimed[]): Promise<void> {
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
    const sent: number[] = [];
    const removed: Array<{ item: number; sub: number }> = [];
    const failed: number[] = [];
    const retry: Array<{ id: number; at: number }> = [];
    let next = 0;
    const unfinished = new Set(items.map((i) => i.id));
    const finish = (id: number) => unfinished.delete(id);
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
              ]
            : []),
          ...(r.length
            ? [
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
    };
    // Finished items are written back every 200 ms, so a crash re-sends at most what was in flight.
    const ticker = setInterval(() => void flush(), 200);
    const lane = async () => {
      while (next < items.length && !stopped) {
        const item = items[next++] as Claimed;
        const sub = byId.get(item.subscriptionId);
        const p = payloads.get(item.deliveryId);
        finish(item.id);
        if (!sub || !p || !endpointAllowed(sub.endpoint, allowlist)) {
          failed.push(item.id);
          continue;
        }
        unfinished.add(item.id);
        const res = await sender.send(sub, p.body, p.options);
        finish(item.id);
        if (res.status >= 200 && res.status < 300) sent.push(item.id);
        else if (res.status === 404 || res.status === 410) removed.push({ item: item.id, sub: sub.id });
        else if ((res.status === 429 || res.status >= 500) && item.attempts < MAX_ATTEMPTS)
          retry.push({ id: item.id, at: clock() + backoffMs(item.attempts, res.retryAfter) });
        else failed.push(item.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
    clearInterval(ticker);
    clearInterval(renew);
    await flush();
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
      const items = await claim(database, clock(), leaseMs).catch((err: unknown) => {
        console.error('[push] claim failed', err);
        return [];
      });
      if (items.length) {
        await runBatch(items).catch((err: unknown) => console.error('[push] batch failed', err));
        continue;
      }
      await finishJobs().catch(() => undefined);
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
