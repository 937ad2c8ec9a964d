import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import type { Database } from './db/client.ts';
import { apiError } from './errors.ts';

/** A fixed-window limit: at most `limit` hits per `windowMs`. */
export interface Limit {
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts one hit for `subject` in the database (so every server process shares the count) and
 * returns the count in the current window, including this hit.
 */
export async function countHit(database: Database, rule: Limit, subject: string, now: number): Promise<number> {
  const windowStart = now - (now % rule.windowMs);
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
    if (count > rule.limit) {
      const retryAfter = Math.ceil((rule.windowMs - (now % rule.windowMs)) / 1000);
      throw apiError(429, 'rate_limited', `操作太频繁，请 ${retryAfter} 秒后再试。`, undefined, { 'retry-after': String(retryAfter) });
    }
    await next();
  };
}
