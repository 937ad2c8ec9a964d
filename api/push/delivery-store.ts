import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deliveries, deliveryItems, pushSubscriptions } from '../db/schema-warnings.ts';

/**
 * The database's own clock in unix ms. Leases and backoff are reckoned by it, never by a host's
 * clock, so processes on hosts whose clocks disagree still agree on when a lease has run out.
 */
export const DB_NOW = sql`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;

/** A claimed item, with the fencing token it was claimed with. */
export interface Claimed {
  id: number;
  deliveryId: number;
  subscriptionId: number;
  attempts: number;
  /** The item's claim count after this claim: results and renewals count only while it is unchanged. */
  claim: number;
  /** Its push service origin. */
  origin: string;
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
 * The push service origin of an endpoint in SQL: up to the first '/' after '//', as `splitEndpoint`
 * does (migration 0016 backfills with the same expression).
 */
export const endpointOrigin = (endpoint: SQL) => {
  const rest = sql`instr(substr(${endpoint}, instr(${endpoint}, '//') + 2), '/')`;
  return sql`CASE WHEN ${rest} = 0 THEN ${endpoint} ELSE substr(${endpoint}, 1, instr(${endpoint}, '//') + ${rest}) END`;
};

/** How many due items to claim from one push service origin. */
export interface OriginAsk {
  origin: string;
  limit: number;
}

/**
 * Claims due items of one delivery atomically, at most `limit` from each origin asked for, so several
 * processes never take the same one. Each origin's share is one range of the index (delivery, origin,
 * state, due time): items of origins not asked for (resting, or with enough queued) are never read.
 */
export async function claimItems(database: Database, deliveryId: number, asks: readonly OriginAsk[], leaseMs: number): Promise<Claimed[]> {
  const shares = asks.map(
    (a) => sql`SELECT id FROM (SELECT id FROM delivery_items
      WHERE delivery_id = ${deliveryId} AND origin = ${a.origin} AND state IN ('pending', 'sending') AND not_before <= ${DB_NOW}
      LIMIT ${a.limit})`,
  );
  if (!shares.length) return [];
  return database.write((db) =>
    db.all<Claimed>(sql`
      UPDATE delivery_items SET state = 'sending', attempts = attempts + 1, claim = claim + 1, not_before = ${DB_NOW} + ${leaseMs}
      WHERE id IN (${sql.join(shares, sql` UNION ALL `)})
      RETURNING id, delivery_id AS deliveryId, subscription_id AS subscriptionId, attempts, claim, origin`),
  );
}

/** The push service origins of a delivery's items (fixed at publish). */
export async function deliveryOrigins(database: Database, deliveryId: number): Promise<string[]> {
  const rows = await database.db.all<{ origin: string }>(sql`SELECT DISTINCT origin FROM delivery_items WHERE delivery_id = ${deliveryId}`);
  return rows.map((r) => r.origin);
}

/** Marks the due items of an expired or superseded message skipped: sending them now would only mislead. */
export async function skipDelivery(database: Database, deliveryId: number): Promise<void> {
  await database.write((db) =>
    db.run(sql`UPDATE delivery_items SET state = 'skipped'
      WHERE delivery_id = ${deliveryId} AND (state = 'pending' OR (state = 'sending' AND not_before <= ${DB_NOW}))`),
  );
}

/** A claimed item as results name it: its id and the fencing token it was claimed with. */
export interface Held {
  id: number;
  claim: number;
}

/** What became of claimed items, waiting to be stored. */
export interface Results {
  sent: Held[];
  failed: Array<Held & { status: number }>;
  removed: Array<Held & { sub: number }>;
  skipped: Held[];
  /** Back to pending after a delay (ms, by the database's clock); `release` also gives back the attempt. */
  retry: Array<Held & { delayMs: number }>;
  release: Array<Held & { delayMs: number }>;
}

/** An empty set of results. */
export const noResults = (): Results => ({ sent: [], failed: [], removed: [], skipped: [], retry: [], release: [] });

/**
 * Groups items by the fencing token and by `extra` (a status, a delay rounded to the second), in
 * chunks: one statement covers each group, however many items it has.
 */
function groups<T extends Held>(
  list: T[],
  extra: (x: T) => number = () => 0,
  size = 2000,
): Array<{ claim: number; extra: number; items: T[] }> {
  const open = new Map<string, { claim: number; extra: number; items: T[] }>();
  const out: Array<{ claim: number; extra: number; items: T[] }> = [];
  for (const x of list) {
    const e = extra(x);
    const key = `${x.claim}:${e}`;
    let g = open.get(key);
    if (!g || g.items.length >= size) {
      open.set(key, (g = { claim: x.claim, extra: e, items: [] }));
      out.push(g);
    }
    g.items.push(x);
  }
  return out;
}

/** Rounds a delay up to whole seconds, so one statement covers many items. */
const seconds = (x: { delayMs: number }) => Math.ceil(x.delayMs / 1000) * 1000;

/** Items still `sending` under the token they were claimed with: one another process has claimed since is its to record. */
const fenced = (items: Held[], claim: number) =>
  and(
    inArray(
      deliveryItems.id,
      items.map((x) => x.id),
    ),
    eq(deliveryItems.state, 'sending'),
    eq(deliveryItems.claim, claim),
  );

/**
 * Stores results in one batch (one statement per kind of result and token, not per item). Only
 * items still `sending` under the token this process claimed them with are changed, except that
 * a message sent is recorded as sent while its item is `sending` at all.
 */
export async function writeResults(database: Database, r: Results): Promise<void> {
  await database.write(async (db) => {
    const ops = [
      // A message that went out is recorded whoever holds the item now: the truth keeps a later holder
      // from sending it again, and covers a claim of this process's own whose answer was lost (a libSQL
      // server frozen mid-claim commits it on waking, raising the token this process does not know).
      ...groups(r.sent.map((x) => ({ ...x, claim: 0 }))).map((g) =>
        db
          .update(deliveryItems)
          .set({ state: 'sent', lastStatus: 201 })
          .where(
            and(
              inArray(
                deliveryItems.id,
                g.items.map((x) => x.id),
              ),
              eq(deliveryItems.state, 'sending'),
            ),
          ),
      ),
      ...groups(r.failed, (f) => f.status).map((g) =>
        db.update(deliveryItems).set({ state: 'failed', lastStatus: g.extra }).where(fenced(g.items, g.claim)),
      ),
      ...groups(r.skipped).map((g) => db.update(deliveryItems).set({ state: 'skipped' }).where(fenced(g.items, g.claim))),
      ...groups(r.removed).flatMap((g) => [
        db.update(deliveryItems).set({ state: 'removed' }).where(fenced(g.items, g.claim)),
        // The push service said the subscription is gone, whoever holds the item now.
        db.delete(pushSubscriptions).where(
          inArray(
            pushSubscriptions.id,
            g.items.map((x) => x.sub),
          ),
        ),
      ]),
      ...groups(r.retry, seconds).map((g) =>
        db
          .update(deliveryItems)
          .set({ state: 'pending', notBefore: sql`${DB_NOW} + ${g.extra}` })
          .where(fenced(g.items, g.claim)),
      ),
      ...groups(r.release, seconds).map((g) =>
        db
          .update(deliveryItems)
          .set({ state: 'pending', attempts: sql`max(0, ${deliveryItems.attempts} - 1)`, notBefore: sql`${DB_NOW} + ${g.extra}` })
          .where(fenced(g.items, g.claim)),
      ),
    ];
    const [first, ...rest] = ops;
    if (first) await db.batch([first, ...rest]);
  });
}

/**
 * Extends the lease of items this process holds; returns the ids whose lease it extended. An item
 * missing from the answer is no longer this process's: another one claimed it after its lease ran out.
 */
export async function renewLeases(database: Database, items: Held[], leaseMs: number): Promise<Set<number>> {
  const kept = new Set<number>();
  const all = groups(items, () => 0, 5000);
  for (const g of all) {
    const rows = await database.write((db) =>
      db
        .update(deliveryItems)
        .set({ notBefore: sql`${DB_NOW} + ${leaseMs}` })
        .where(fenced(g.items, g.claim))
        .returning({ id: deliveryItems.id }),
    );
    for (const row of rows) kept.add(row.id);
  }
  return kept;
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
