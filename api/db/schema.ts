import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { rowId } from './columns.ts';

/** Append-only record of consequential actions (问责): who did what, when, from which hashed address. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: rowId(),
    /** Unix milliseconds. */
    at: integer('at').notNull(),
    /** Account id, or null for anonymous and system actions. */
    actorId: integer('actor_id'),
    /** Username at the time of the action, kept even if the account changes. */
    actorName: text('actor_name'),
    /** Stable action code, e.g. `auth.login`, `warning.publish`. */
    action: text('action').notNull(),
    /** What the action touched, e.g. `warning:12`. */
    target: text('target'),
    /** Salted hash of the client address. */
    ipHash: text('ip_hash'),
    /** JSON details. */
    detail: text('detail'),
    /** For aggregated rows (throttled attempts): `action|target|address|window`, one row counting them all. */
    aggregateKey: text('aggregate_key'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action), uniqueIndex('audit_log_aggregate').on(t.aggregateKey)],
);

/** Fixed-window counters for rate limits, shared by every server process. */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    /** `<bucket>:<hashed subject>`. */
    key: text('key').notNull(),
    /** Start of the window, unix milliseconds. */
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [uniqueIndex('rate_limits_key_window').on(t.key, t.windowStart)],
);

/** Small key/value store for server state that must survive restarts (e.g. VAPID keys). */
export const serverState = sqliteTable('server_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

/** A row of the audit log. */
export type AuditEntry = typeof auditLog.$inferSelect;

export * from './schema-accounts.ts';
export * from './schema-warnings.ts';
export * from './schema-contests.ts';
export * from './schema-ideas.ts';
export * from './schema-cap.ts';
