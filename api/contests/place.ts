import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/** Where one participant stands: their rank, how many are ranked, and which attempt counts. */
export interface Place {
  /** Rank of the participant's best attempt (1, 1, 3 for ties), or null before they finish. */
  rank: number | null;
  /** Participants with a finished attempt. */
  ranked: number;
  /** The attempt that counts for them. */
  bestAttemptId: number | null;
}

/**
 * One participant's place, computed inside the database: each participant's best finished attempt
 * (more right answers, then less time, then earlier), and how many of those beat theirs. The same
 * order as `rankIndividuals`, without reading every attempt into the process — a result page
 * costs the same for the 5th and the 500th to hand in.
 */
export async function placeOf(database: Database, contestId: number, participantKey: string): Promise<Place> {
  const rows = await database.db.all<{ ranked: number; best: number | null; rank: number | null }>(sql`
    WITH best AS (
      SELECT id, participant_key, correct, submitted_at - started_at AS used,
        row_number() OVER (PARTITION BY participant_key ORDER BY correct DESC, submitted_at - started_at, submitted_at, id) AS n
      FROM contest_attempts WHERE contest_id = ${contestId} AND submitted_at IS NOT NULL
    ),
    top AS (SELECT * FROM best WHERE n = 1),
    me AS (SELECT * FROM top WHERE participant_key = ${participantKey})
    SELECT (SELECT count(*) FROM top) AS ranked, me.id AS best,
      CASE WHEN me.id IS NULL THEN NULL ELSE 1 + (SELECT count(*) FROM top t WHERE t.correct > me.correct OR (t.correct = me.correct AND t.used < me.used)) END AS rank
    FROM (SELECT 1) LEFT JOIN me`);
  const r = rows[0];
  return {
    rank: r?.rank == null ? null : Number(r.rank),
    ranked: Number(r?.ranked ?? 0),
    bestAttemptId: r?.best == null ? null : Number(r.best),
  };
}
