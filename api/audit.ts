import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from './db/client.ts';
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

/** What `auditOf` reads from a request context. */
export interface AuditContext {
  var: { database: Database; now: number; clientHash: string; session: { account: { id: number; username: string } } | null };
}

/**
 * The insert of one audit entry, to put in the same `db.batch([...])` as the action it records, so
 * that an action is either done and audited or neither.
 */
export function auditInsert(db: Db, entry: AuditInput) {
  return db.insert(auditLog).values({
    at: entry.at,
    actorId: entry.actorId ?? null,
    actorName: entry.actorName ?? null,
    action: entry.action,
    target: entry.target ?? null,
    ipHash: entry.ipHash ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  });
}

/**
 * An audit insert for a batch whose row is written only when `when` holds as the statement runs,
 * e.g. `sql\`changes() > 0\`` right after a conditional update (SQLite's `changes()` counts the rows
 * the previous statement of the same connection changed, and a batch runs on one connection).
 * `target` may be SQL too, e.g. `sql\`'warning:' || last_insert_rowid()\`` right after an insert.
 */
export function auditInsertWhen(
  db: Db,
  entry: Omit<AuditInput, 'target'> & { target?: string | SQL | null | undefined },
  when: SQL = sql`1`,
) {
  const detail = entry.detail ? JSON.stringify(entry.detail) : null;
  return db.run(sql`INSERT INTO audit_log (at, actor_id, actor_name, action, target, ip_hash, detail)
    SELECT ${entry.at}, ${entry.actorId ?? null}, ${entry.actorName ?? null}, ${entry.action}, ${entry.target ?? null}, ${entry.ipHash ?? null}, ${detail}
    WHERE ${when}`);
}

/** Appends one entry on its own (for actions that write nothing else); resolves once it is committed. */
export async function recordAudit(database: Database, entry: AuditInput): Promise<void> {
  await database.write((db) => auditInsert(db, entry));
}

/** The audit entry for an action by the signed-in staff member of this request (time, actor and address from the context). */
export function auditOf(c: AuditContext, action: string, target?: string | null, detail?: Record<string, unknown>): AuditInput {
  const me = c.var.session?.account;
  return {
    at: c.var.now,
    actorId: me?.id ?? null,
    actorName: me?.username ?? null,
    action,
    target: target ?? null,
    ipHash: c.var.clientHash,
    ...(detail ? { detail } : {}),
  };
}

/** Records, on its own, an action that wrote nothing else (an export, a sign-out). */
export async function auditAction(
  c: AuditContext,
  action: string,
  target?: string | null,
  detail?: Record<string, unknown>,
): Promise<void> {
  await recordAudit(c.var.database, auditOf(c, action, target, detail));
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
