import type { Database } from '../db/client.ts';

/** The delivery queue as operators see it: items waiting or being sent, and when the oldest was queued. */
export interface QueueState {
  depth: number;
  /** Unix ms at which the oldest waiting item's warning was queued, or null when none waits. */
  oldestQueuedAt: number | null;
}

/** One look at the queue, for health and metrics alike. */
export async function queueState(database: Database): Promise<QueueState> {
  const r = await database.client.execute(
    "SELECT count(*), min(d.created_at) FROM delivery_items i JOIN deliveries d ON d.id = i.delivery_id WHERE i.state IN ('pending', 'sending')",
  );
  const row = r.rows[0];
  const oldest = row?.[1];
  return { depth: Number(row?.[0] ?? 0), oldestQueuedAt: oldest === null || oldest === undefined ? null : Number(oldest) };
}
