import { sql } from 'drizzle-orm';
import type { Database } from './db/client.ts';
import { auditLog } from './db/schema.ts';

/** One audited action. */
export interface AuditInput {
  at: number;
  actorId?: number | null;
  actorName?: string | null;
  /** Stable action code, e.g. `auth.login.failed`. */
  action: string;
  target?: string | null;
  ipHash?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one entry to the audit log; resolves once it is committed. */
export async function recordAudit(database: Database, entry: AuditInput): Promise<void> {
  await database.write((db) =>
    db.insert(auditLog).values({
      at: entry.at,
      actorId: entry.actorId ?? null,
      actorName: entry.actorName ?? null,
      action: entry.action,
      target: entry.target ?? null,
      ipHash: entry.ipHash ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    }),
  );
}

/** Records an action by the signed-in staff member of this request (time, actor and address from the context). */
export async function auditAction(
  c: { var: { database: Database; now: number; clientHash: string; session: { account: { id: number; username: string } } | null } },
  action: string,
  target?: string | null,
  detail?: Record<string, unknown>,
): Promise<void> {
  const me = c.var.session?.account;
  await recordAudit(c.var.database, {
    at: c.var.now,
    actorId: me?.id ?? null,
    actorName: me?.username ?? null,
    action,
    target: target ?? null,
    ipHash: c.var.clientHash,
    ...(detail ? { detail } : {}),
  });
}

/**
 * Counts a repeated action (a throttled sign-in) in one row per source and window: the first
 * occurrence inserts it with `{"count":1}`, later ones add to the count, so a flood of refused
 * attempts cannot fill the log.
 */
export async function recordAggregatedAudit(
  database: Database,
  entry: { at: number; action: string; target: string; ipHash: string },
  windowMs: number,
): Promise<void> {
  const windowStart = entry.at - (entry.at % windowMs);
  const aggregateKey = [entry.action, entry.target, entry.ipHash, windowStart].join('|');
  await database.write((db) =>
    db
      .insert(auditLog)
      .values({ ...entry, detail: JSON.stringify({ count: 1, windowStart, windowMs }), aggregateKey })
      .onConflictDoUpdate({
        target: auditLog.aggregateKey,
        set: { detail: sql`json_set(${auditLog.detail}, '$.count', json_extract(${auditLog.detail}, '$.count') + 1)` },
      }),
  );
}
