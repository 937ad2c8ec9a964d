import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context.ts';
import type { Database } from './db/client.ts';
import { apiError } from './errors.ts';

/** A fixed-window limit: at most `limit` hits per `windowMs`. */
export interface Limit {
  bucket: string;
  limit: number;
  windowMs: number;
}

/** Start of the window of `rule` that `now` falls in (windows are aligned to the epoch, so every process agrees). */
export const windowStartOf = (rule: Pick<Limit, 'windowMs'>, now: number): number => now - (now % rule.windowMs);

/** Whole seconds until that window ends: how long a refused client waits (Retry-After). */
export const secondsLeftOf = (rule: Pick<Limit, 'windowMs'>, now: number): number =>
  Math.ceil((rule.windowMs - (now % rule.windowMs)) / 1000);

/** 429 with Retry-After for a limit whose window has not ended; `message` says how long to wait, in seconds given. */
export function tooManyFor(rule: Pick<Limit, 'windowMs'>, now: number, message: (seconds: number) => string): HTTPException {
  const retry = secondsLeftOf(rule, now);
  return apiError(429, 'rate_limited', message(retry), undefined, { 'retry-after': String(retry) });
}

/**
 * Counts one hit for `subject` in the database (so every server process shares the count) and
 * returns the count in the current window, including this hit.
 */
export async function countHit(database: Database, rule: Limit, subject: string, now: number): Promise<number> {
  const windowStart = windowStartOf(rule, now);
  const key = `${rule.bucket}:${subject}`;
  const rows = await database.write((db) =>
    db.all<{ count: number }>(sql`
      INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
      RETURNING count`),
  );
  return rows[0]?.count ?? 1;
}

/** Middleware refusing with 429 (and Retry-After) once the client's address exceeds `rule`. */
export function rateLimit(rule: Limit): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const now = c.var.now;
    const count = await countHit(c.var.database, rule, c.var.clientHash, now);
    if (count > rule.limit) throw tooManyFor(rule, now, (s) => `操作太频繁，请 ${s} 秒后再试。`);
    await next();
  };
}
