import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginThrottle } from '../db/schema.ts';

/** Attempts count together within this window. */
export const WINDOW_MS = 60 * 60 * 1000;
/** Attempts from one address at one account name that are answered at once. */
export const FREE_ATTEMPTS = 5;
/** The first delay after the free attempts; each further attempt doubles it. */
export const FIRST_DELAY_MS = 10_000;
/** The longest delay between two attempts. */
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** From this many attempts on, the address is stopped for this account name until the window ends. */
export const STOP_AFTER = 10;
/**
 * Attempts at one account name from every address together, per window. Past it, only an address
 * the account has signed in from before, or the right password with a valid second factor, gets through.
 */
export const ACCOUNT_CEILING = 20;

/** The counter for one account name at one client address. */
export const pairKey = (username: string, ipHash: string) => `pair:${username.toLowerCase()}:${ipHash}`;
/** The counter for one account name from everywhere. */
export const accountKey = (username: string) => `account:${username.toLowerCase()}`;

/** Whether a password check may go ahead; when not, how many seconds until it may. */
export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt at `username` from `ipHash` before the password is checked, in one statement,
 * so that simultaneous attempts (from any number of processes on one libSQL server) are counted one
 * by one. The row's `locked_until` is when the next attempt may come: at once for the first
 * {@link FREE_ATTEMPTS}, then after a delay that doubles each time, and from {@link STOP_AFTER} on,
 * not before the window ends. An attempt made too early is refused without being counted.
 */
export async function admitAttempt(database: Database, username: string, ipHash: string, now: number): Promise<Admission> {
  const key = pairKey(username, ipHash);
  const expired = sql`${loginThrottle.firstFailureAt} <= ${now - WINDOW_MS}`;
  const count = sql`(CASE WHEN ${expired} THEN 1 ELSE ${loginThrottle.failures} + 1 END)`;
  const start = sql`(CASE WHEN ${expired} THEN ${now} ELSE ${loginThrottle.firstFailureAt} END)`;
  const next = sql`(CASE
    WHEN ${count} < ${FREE_ATTEMPTS} THEN ${now}
    WHEN ${count} >= ${STOP_AFTER} THEN ${start} + ${WINDOW_MS}
    ELSE ${now} + min(${MAX_DELAY_MS}, ${FIRST_DELAY_MS} << (${count} - ${FREE_ATTEMPTS})) END)`;
  const rows = await database.write((db) =>
    db
      .insert(loginThrottle)
      .values({ key, failures: 1, firstFailureAt: now, lockedUntil: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: { failures: count, firstFailureAt: start, lockedUntil: next },
        setWhere: sql`${expired} OR coalesce(${loginThrottle.lockedUntil}, 0) <= ${now}`,
      })
      .returning({ failures: loginThrottle.failures }),
  );
  if (rows.length > 0) return { allowed: true };
  const [row] = await database.db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((row?.lockedUntil ?? now) - now) / 1000)) };
}

/** Counts one attempt at `username` from anywhere; returns the attempts in the current window, this one included. */
export async function countAccountAttempt(database: Database, username: string, now: number): Promise<number> {
  const expired = sql`${loginThrottle.firstFailureAt} <= ${now - WINDOW_MS}`;
  const rows = await database.write((db) =>
    db
      .insert(loginThrottle)
      .values({ key: accountKey(username), failures: 1, firstFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          firstFailureAt: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginThrottle.firstFailureAt} END`,
        },
      })
      .returning({ failures: loginThrottle.failures }),
  );
  return rows[0]?.failures ?? 1;
}

/** After a right password, the address starts afresh for this account name (the account-wide count stays). */
export async function clearAttempts(database: Database, username: string, ipHash: string): Promise<void> {
  await database.write((db) => db.delete(loginThrottle).where(eq(loginThrottle.key, pairKey(username, ipHash))));
}

/** Deletes counters whose window and delay have both run out. */
export async function pruneThrottle(database: Database, now: number): Promise<void> {
  await database.write((db) =>
    db
      .delete(loginThrottle)
      .where(sql`${lt(loginThrottle.firstFailureAt, now - WINDOW_MS)} AND coalesce(${loginThrottle.lockedUntil}, 0) < ${now}`),
  );
}
