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
 * extending gives running attempts back the time the old end had cut off, never more than their limit
 * (plus the organiser's grant and the more time the participant took).
 */
export async function moveClose(database: Database, c: ContestRow, closesAt: number, now: number, audit?: AuditInput): Promise<ContestRow> {
  await closeExpired(database, c.id, now);
  await database.write((db) =>
    db.batch([
      db.update(contests).set({ closesAt, updatedAt: now }).where(eq(contests.id, c.id)),
      db.run(sql`
        UPDATE contest_attempts SET deadline = CASE WHEN ${closesAt} <= ${now} THEN ${now}
          ELSE min(started_at + ${c.timeLimitMs}, ${closesAt}) + extra_ms + more_time_ms END
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

/** Why a participant could not take more time. */
export type MoreTimeRefusal = 'not_offered' | 'taken' | 'closed';

/**
 * Adds the contest's `moreTimeMs` to a running attempt's deadline, once, in one conditional statement
 * (two taps from two tabs extend it once). Returns the new deadline, or why not.
 */
export async function takeMoreTime(database: Database, attemptId: number, now: number): Promise<number | MoreTimeRefusal> {
  const rows = await database.write((db) =>
    db.all<{ deadline: number }>(sql`
        UPDATE contest_attempts SET
          more_time_ms = (SELECT more_time_ms FROM contests WHERE id = contest_attempts.contest_id),
          deadline = deadline + (SELECT more_time_ms FROM contests WHERE id = contest_attempts.contest_id)
        WHERE id = ${attemptId} AND submitted_at IS NULL AND started_at <= ${now} AND deadline > ${now} AND more_time_ms = 0
          AND (SELECT more_time_ms FROM contests WHERE id = contest_attempts.contest_id) > 0
        RETURNING deadline`),
  );
  const row = rows[0];
  if (row) return Number(row.deadline);
  const [state] = await database.db.all<{ offered: number; taken: number; open: number }>(sql`
    SELECT c.more_time_ms AS offered, a.more_time_ms AS taken,
      (a.submitted_at IS NULL AND a.started_at <= ${now} AND a.deadline > ${now}) AS open
    FROM contest_attempts a JOIN contests c ON c.id = a.contest_id WHERE a.id = ${attemptId}`);
  if (!state || !state.open) return 'closed';
  return state.offered > 0 ? 'taken' : 'not_offered';
}
