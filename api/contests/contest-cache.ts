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

// Lookups under way, by join code, per database.
const lookups = new WeakMap<Database, Map<string, Promise<ContestRow>>>();

/**
 * One lookup of a join code at a time: a hall's join wave reaches the server in one burst, before the
 * first lookup has come back, and without this every participant read the contest again (500 reads
 * of the same row, a third of the wave's time). The first caller runs `lookup`; callers that arrive
 * while it is under way get its contest, or, when it failed (an unknown code, an address over its
 * limit), run their own, which counts for their address as it should.
 */
export async function sharedLookup(database: Database, code: string, lookup: () => Promise<ContestRow>): Promise<ContestRow> {
  const running = lookups.get(database) ?? new Map<string, Promise<ContestRow>>();
  lookups.set(database, running);
  const under = running.get(code);
  if (under) return (await under.catch(() => undefined)) ?? lookup();
  const started = lookup().finally(() => running.delete(code));
  running.set(code, started);
  return started;
}
