import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deliveries, deliveryItems, pushSubscriptions } from '../db/schema-warnings.ts';

/**
 * The database's own clock in unix ms. Leases and backoff are reckoned by it, never by a host's
 * clock, so processes on hosts whose clocks disagree still agree on when a lease has run out.
 */
export const DB_NOW = sql`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;

/** A claimed item with its subscription's endpoint. */
export interface Claimed {
  id: number;
  deliveryId: number;
  subscriptionId: number;
  attempts: number;
}

/** A running delivery and what decides its turn: most severe first, then newest. */
export interface RunningDelivery {
  deliveryId: number;
  warningId: number;
  rank: number;
  sent: number;
  expires: number;
  supersededBy: number | null;
}

/** The database's time now. */
export async function dbNow(database: Database): Promise<number> {
  const [row] = await database.db.all<{ now: number }>(sql`SELECT ${DB_NOW} AS now`);
  return Number(row?.now);
}

/** Running deliveries, most severe then newest first. */
export async function runningDeliveries(database: Database): Promise<RunningDelivery[]> {
  const rows = await database.db.all<RunningDelivery>(sql`
    SELECT d.id AS deliveryId, w.id AS warningId, w.sent AS sent, w.expires AS expires, w.superseded_by AS supersededBy,
      CASE w.level WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 ELSE 1 END AS rank
    FROM deliveries d JOIN warnings w ON w.id = d.warning_id
    WHERE d.state = 'running'
    ORDER BY rank DESC, w.sent DESC, d.id DESC`);
  return rows.map((r) => ({ ...r, sent: Number(r.sent ?? 0), expires: Number(r.expires), rank: Number(r.rank) }));
}

/**
 * Claims up to `limit` due items of one delivery atomically, so several processes never take the
 * same one; items on push service origins that are resting (`exclude`) stay in the database.
 */
export async function claimItems(
  database: Database,
  deliveryId: number,
  limit: number,
  leaseMs: number,
  exclude: readonly string[],
): Promise<Claimed[]> {
  // One excluded origin per NOT EXISTS keeps the query simple for any number of resting origins.
  const notResting: SQL = exclude.length
    ? sql`AND (s.endpoint IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(${JSON.stringify(exclude.map((o) => `${o}/`))}) o
        WHERE substr(s.endpoint, 1, length(o.value)) = o.value))`
    : sql``;
  return database.write((db) =>
    db.all<Claimed>(sql`
      UPDATE delivery_items SET state = 'sending', attempts = attempts + 1, not_before = ${DB_NOW} + ${leaseMs}
      WHERE id IN (
        SELECT i.id FROM delivery_items i LEFT JOIN push_subscriptions s ON s.id = i.subscription_id
        WHERE i.delivery_id = ${deliveryId} AND i.state IN ('pending', 'sending') AND i.not_before <= ${DB_NOW} ${notResting}
        LIMIT ${limit})
      RETURNING id, delivery_id AS deliveryId, subscription_id AS subscriptionId, attempts`),
  );
}

/** Marks the due items of an expired or superseded message skipped: sending them now would only mislead. */
export async function skipDelivery(database: Database, deliveryId: number): Promise<void> {
  await database.write((db) =>
    db.run(sql`UPDATE delivery_items SET state = 'skipped'
      WHERE delivery_id = ${deliveryId} AND (state = 'pending' OR (state = 'sending' AND not_before <= ${DB_NOW}))`),
  );
}

/** What became of claimed items, waiting to be stored. */
export interface Results {
  sent: number[];
  failed: Array<{ id: number; status: number }>;
  removed: Array<{ item: number; sub: number }>;
  skipped: number[];
  /** Back to pending after a delay (ms, by the database's clock); `release` also gives back the attempt. */
  retry: Array<{ id: number; delayMs: number }>;
  release: Array<{ id: number; delayMs: number }>;
}

/** An empty set of results. */
export const noResults = (): Results => ({ sent: [], failed: [], removed: [], skipped: [], retry: [], release: [] });

const chunks = <T>(list: T[], size = 2000): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Groups ids by delay, so one statement covers each distinct delay. */
function byDelay(list: Array<{ id: number; delayMs: number }>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const { id, delayMs } of list) {
    const key = Math.ceil(delayMs / 1000) * 1000;
    out.set(key, [...(out.get(key) ?? []), id]);
  }
  return out;
}

/**
 * Stores results in one batch. Only items still `sending` are changed: one whose lease another
 * process took over is that process's to record.
 */
export async function writeResults(database: Database, r: Results): Promise<void> {
  await database.write(async (db) => {
    const sending = eq(deliveryItems.state, 'sending');
    const ops = [
      ...chunks(r.sent).map((ids) =>
        db
          .update(deliveryItems)
          .set({ state: 'sent', lastStatus: 201 })
          .where(and(inArray(deliveryItems.id, ids), sending)),
      ),
      ...r.failed.map((f) =>
        db
          .update(deliveryItems)
          .set({ state: 'failed', lastStatus: f.status })
          .where(and(eq(deliveryItems.id, f.id), sending)),
      ),
      ...chunks(r.skipped).map((ids) =>
        db
          .update(deliveryItems)
          .set({ state: 'skipped' })
          .where(and(inArray(deliveryItems.id, ids), sending)),
      ),
      ...chunks(r.removed).flatMap((list) => [
        db
          .update(deliveryItems)
          .set({ state: 'removed' })
          .where(
            and(
              inArray(
                deliveryItems.id,
                list.map((x) => x.item),
              ),
              sending,
            ),
          ),
        db.delete(pushSubscriptions).where(
          inArray(
            pushSubscriptions.id,
            list.map((x) => x.sub),
          ),
        ),
      ]),
      ...[...byDelay(r.retry)].flatMap(([delay, all]) =>
        chunks(all).map((ids) =>
          db
            .update(deliveryItems)
            .set({ state: 'pending', notBefore: sql`${DB_NOW} + ${delay}` })
            .where(and(inArray(deliveryItems.id, ids), sending)),
        ),
      ),
      ...[...byDelay(r.release)].flatMap(([delay, all]) =>
        chunks(all).map((ids) =>
          db
            .update(deliveryItems)
            .set({ state: 'pending', attempts: sql`max(0, ${deliveryItems.attempts} - 1)`, notBefore: sql`${DB_NOW} + ${delay}` })
            .where(and(inArray(deliveryItems.id, ids), sending)),
        ),
      ),
    ];
    const [first, ...rest] = ops;
    if (first) await db.batch([first, ...rest]);
  });
}

/** Extends the lease of items this process still holds. */
export async function renewLeases(database: Database, ids: number[], leaseMs: number): Promise<void> {
  for (const part of chunks(ids, 5000))
    await database.write((db) =>
      db
        .update(deliveryItems)
        .set({ notBefore: sql`${DB_NOW} + ${leaseMs}` })
        .where(and(inArray(deliveryItems.id, part), eq(deliveryItems.state, 'sending'))),
    );
}

/** Marks jobs with nothing left to do as done. */
export async function finishJobs(database: Database): Promise<void> {
  const open = database.db
    .select({ id: deliveryItems.deliveryId })
    .from(deliveryItems)
    .where(inArray(deliveryItems.state, ['pending', 'sending']));
  await database.write((db) =>
    db
      .update(deliveries)
      .set({ state: 'done', finishedAt: DB_NOW })
      .where(and(eq(deliveries.state, 'running'), notInArray(deliveries.id, open))),
  );
}
