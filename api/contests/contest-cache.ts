import type { Database } from '../db/client.ts';
import type { ContestRow } from '../db/schema.ts';

/**
 * How long a process trusts a contest row it has read. A change made here clears it at once; one made
 * by another process on the same libSQL server shows within this time. Joining does not depend on
 * it for anything that matters: the statement that starts an attempt reads the stored contest
 * (open, closing time, time limit, attempts, devices) itself.
 */
export const CONTEST_CACHE_MS = 1000;

// Per database: tests open several in one process, and their ids overlap.
const caches = new WeakMap<Database, Map<string, { row: ContestRow; at: number }>>();

/** The contest with this join code as read less than `CONTEST_CACHE_MS` ago, if any. */
export function cachedContest(database: Database, code: string): ContestRow | undefined {
  const hit = caches.get(database)?.get(code);
  return hit && Date.now() - hit.at < CONTEST_CACHE_MS ? hit.row : undefined;
}

/** Remembers a contest row just read. */
export function rememberContest(database: Database, row: ContestRow): void {
  const cache = caches.get(database) ?? new Map<string, { row: ContestRow; at: number }>();
  caches.set(database, cache);
  // Expired entries go first, so the map never grows beyond the contests joined within a second.
  const now = Date.now();
  for (const [code, entry] of cache) if (now - entry.at >= CONTEST_CACHE_MS) cache.delete(code);
  cache.set(row.code, { row, at: now });
}

/** Forgets every contest row of this database (after an organiser changed one). */
export function forgetContests(database: Database): void {
  caches.get(database)?.clear();
}

/**
 * One at a time per key: a hall's join wave reaches the server in one burst, before the first lookup
 * of its contest has come back, and without this every participant read the contest again (500
 * reads of the same row, a third of the wave's time). The first caller for a key runs `run`;
 * callers that arrive while it is under way get what it found, or, when it failed (an unknown code
 * or an address over its limit, for a join), run their own, which counts for their address as it
 * should. Each use keeps its own keys, so one may run inside another.
 */
export function oneAtATime<T>() {
  // Per database: tests open several in one process, and their ids overlap.
  const under = new WeakMap<Database, Map<string, Promise<T>>>();
  return async (database: Database, key: string, run: () => Promise<T>): Promise<T> => {
    const running = under.get(database) ?? new Map<string, Promise<T>>();
    under.set(database, running);
    const first = running.get(key);
    if (first) return first.catch(run);
    const started = run().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
