import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginThrottle } from '../db/schema.ts';

/** Failures within this window count together. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** From this many failures on, each answer is slowed down. */
export const SLOW_AFTER = 3;
/** At this many failures the key is locked. */
export const LOCK_AFTER = 5;
/** How long a lock lasts. */
export const LOCK_MS = 15 * 60 * 1000;

/** The throttle keys for one login attempt: the account name and the client address. */
export const throttleKeys = (username: string, ipHash: string) => [`user:${username.toLowerCase()}`, `addr:${ipHash}`];

/** When the attempt may be made again (ms since epoch) if any key is locked, else null. */
export async function lockedUntil(database: Database, keys: string[], now: number): Promise<number | null> {
  const rows = await database.db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  return until > now ? until : null;
}

/** Records a failure on every key; returns the highest failure count among them. */
export async function recordFailure(database: Database, keys: string[], now: number): Promise<number> {
  const windowStart = now - FAILURE_WINDOW_MS;
  const results = await database.write((db) =>
    db.batch(
      keys.map((key) =>
        db
          .insert(loginThrottle)
          .values({ key, failures: 1, firstFailureAt: now })
          .onConflictDoUpdate({
            target: loginThrottle.key,
            // A run of failures older than the window (or an expired lock) starts again from one.
            set: {
              failures: sql`CASE WHEN ${loginThrottle.firstFailureAt} < ${windowStart} OR coalesce(${loginThrottle.lockedUntil}, 0) BETWEEN 1 AND ${now} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
              firstFailureAt: sql`CASE WHEN ${loginThrottle.firstFailureAt} < ${windowStart} OR coalesce(${loginThrottle.lockedUntil}, 0) BETWEEN 1 AND ${now} THEN ${now} ELSE ${loginThrottle.firstFailureAt} END`,
              lockedUntil: sql`CASE WHEN coalesce(${loginThrottle.lockedUntil}, 0) > ${now} THEN ${loginThrottle.lockedUntil} ELSE NULL END`,
            },
          })
          .returning({ failures: loginThrottle.failures }),
      ) as [never, ...never[]],
    ),
  );
  const worst = Math.max(...(results as Array<Array<{ failures: number }>>).map((r) => r[0]?.failures ?? 0));
  if (worst >= LOCK_AFTER) {
    await database.write((db) =>
      db
        .update(loginThrottle)
        .set({ lockedUntil: now + LOCK_MS })
        .where(sql`${loginThrottle.key} IN ${keys} AND ${loginThrottle.failures} >= ${LOCK_AFTER}`),
    );
  }
  return worst;
}

/** Clears the account's counter after a successful login (the address keeps its history). */
export async function clearFailures(database: Database, username: string): Promise<void> {
  await database.write((db) => db.delete(loginThrottle).where(inArray(loginThrottle.key, [`user:${username.toLowerCase()}`])));
}
