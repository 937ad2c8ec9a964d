import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { groupWrite } from './group-commit.ts';

/** How saving one answer went. */
export type SaveOutcome = { kind: 'saved'; deadline: number } | { kind: 'stale'; deadline: number } | { kind: 'closed' };

/**
 * One answer in one statement (committed with others arriving at the same moment). The attempt's own row guards it, so an answer after the deadline or
 * after submitting is never stored, whichever process receives it; a retry carrying an older revision
 * than the stored one changes nothing (PUT is idempotent).
 */
const UPSERT = `
  INSERT INTO contest_answers (attempt_id, position, choice, correct, rev, saved_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6 FROM contest_attempts WHERE id = ?1 AND submitted_at IS NULL AND deadline > ?6 AND started_at <= ?6
  ON CONFLICT (attempt_id, position) DO UPDATE SET
    choice = excluded.choice, correct = excluded.correct, rev = excluded.rev, saved_at = excluded.saved_at
  WHERE excluded.rev >= contest_answers.rev
  RETURNING (SELECT deadline FROM contest_attempts WHERE id = ?1) AS deadline`;

/** Saves one answer; resolves once it is committed (or refused). */
export async function saveAnswer(
  database: Database,
  a: { attemptId: number; position: number; choice: readonly number[]; correct: boolean; rev: number },
  now: number,
): Promise<SaveOutcome> {
  // A raw statement (one group-committed write), so the JSON column gets its text.
  const rows = await groupWrite(database, UPSERT, [a.attemptId, a.position, JSON.stringify(a.choice), a.correct ? 1 : 0, a.rev, now]);
  if (rows[0]) return { kind: 'saved', deadline: Number(rows[0]['deadline']) };
  // Nothing written: the attempt is closed, or a newer answer is already stored.
  const open = await database.db.all<{ deadline: number }>(
    sql`SELECT deadline FROM contest_attempts WHERE id = ${a.attemptId} AND submitted_at IS NULL AND deadline > ${now} AND started_at <= ${now}`,
  );
  return open[0] ? { kind: 'stale', deadline: Number(open[0].deadline) } : { kind: 'closed' };
}
