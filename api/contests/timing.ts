import { eq, sql } from 'drizzle-orm';
import { auditInsert, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { contests, type ContestRow } from '../db/schema.ts';
import { closeExpired } from './attempts.ts';
import { findContest } from './store.ts';

/** Writes changed columns of a contest and returns the row as stored. */
export async function updateContest(
  database: Database,
  id: number,
  set: Partial<typeof contests.$inferInsert>,
  audit?: AuditInput,
): Promise<ContestRow> {
  await database.write((db) =>
    db.batch([db.update(contests).set(set).where(eq(contests.id, id)), ...(audit ? [auditInsert(db, audit)] : [])]),
  );
  const row = await findContest(database, eq(contests.id, id));
  if (!row) throw new Error(`contest ${id} vanished`);
  return row;
}

/**
 * Moves the contest's end and every running attempt's deadline with it, in one batch: closing
 * early ends running attempts now (each keeps its granted extra time off, as the contest is over);
 * extending gives running attempts back the time the old end had cut off, never more than their limit.
 */
export async function moveClose(database: Database, c: ContestRow, closesAt: number, now: number, audit?: AuditInput): Promise<ContestRow> {
  await closeExpired(database, c.id, now);
  await database.write((db) =>
    db.batch([
      db.update(contests).set({ closesAt, updatedAt: now }).where(eq(contests.id, c.id)),
      db.run(sql`
        UPDATE contest_attempts SET deadline = CASE WHEN ${closesAt} <= ${now} THEN ${now}
          ELSE min(started_at + ${c.timeLimitMs}, ${closesAt}) + extra_ms END
        WHERE contest_id = ${c.id} AND submitted_at IS NULL AND deadline > ${now}`),
      ...(audit ? [auditInsert(db, audit)] : []),
    ]),
  );
  await closeExpired(database, c.id, now);
  return (await findContest(database, eq(contests.id, c.id))) ?? c;
}

/**
 * Grants `extraMs` to the participant named by `nameKey` (replacing an earlier grant): applied when
 * they join, and at once to an attempt that is running. Returns how many running attempts changed.
 */
export async function grantExtraTime(
  database: Database,
  c: ContestRow,
  nameKey: string,
  extraMs: number,
  by: number,
  now: number,
  audit?: AuditInput,
): Promise<number> {
  await closeExpired(database, c.id, now);
  const [, changed] = await database.write((db) =>
    db.batch([
      db.run(sql`
        INSERT INTO contest_extra_times (contest_id, name_key, extra_ms, granted_by, granted_at)
        VALUES (${c.id}, ${nameKey}, ${extraMs}, ${by}, ${now})
        ON CONFLICT (contest_id, name_key) DO UPDATE SET extra_ms = excluded.extra_ms, granted_by = excluded.granted_by, granted_at = excluded.granted_at`),
      db.run(sql`
        UPDATE contest_attempts SET deadline = deadline - extra_ms + ${extraMs}, extra_ms = ${extraMs}
        WHERE contest_id = ${c.id} AND name_key = ${nameKey} AND submitted_at IS NULL AND deadline > ${now}`),
      // In the same batch; changes() is the number of running attempts the update above changed.
      ...(audit
        ? [
            db.run(sql`INSERT INTO audit_log (at, actor_id, actor_name, action, target, ip_hash, detail)
              VALUES (${audit.at}, ${audit.actorId ?? null}, ${audit.actorName ?? null}, ${audit.action}, ${audit.target ?? null},
                ${audit.ipHash ?? null}, json_set(${JSON.stringify(audit.detail ?? {})}, '$.runningAttempts', changes()))`),
          ]
        : []),
    ]),
  );
  return changed.rowsAffected;
}
