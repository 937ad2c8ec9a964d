import { lt } from 'drizzle-orm';
import { pruneSessions } from './accounts/sessions.ts';
import { pruneThrottle } from './accounts/throttle.ts';
import type { Database } from './db/client.ts';
import { logError } from './log.ts';
import { rateLimits } from './db/schema.ts';

/** Rate-limit windows are at most an hour long; a day-old window is never read again. */
export const RATE_LIMIT_RETENTION_MS = 24 * 3600_000;
/** How often the server prunes. */
export const PRUNE_EVERY_MS = 3600_000;

/** Deletes ended sessions, spent sign-in counters and old rate-limit windows, so the tables stay small over years. */
export async function pruneOldRows(database: Database, now: number): Promise<void> {
  await pruneSessions(database, now);
  await pruneThrottle(database, now);
  await database.write((db) => db.delete(rateLimits).where(lt(rateLimits.windowStart, now - RATE_LIMIT_RETENTION_MS)));
}

/** Prunes now and then every hour; returns a function that stops it. */
export function schedulePruning(database: Database, clock: () => number = Date.now, everyMs = PRUNE_EVERY_MS): () => void {
  const run = () => pruneOldRows(database, clock()).catch((err: unknown) => logError('housekeeping: pruning failed', err));
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
