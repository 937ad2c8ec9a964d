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

/** The participant's best finished attempt: more right answers, then less time, then earlier. */
const BEST = `SELECT id, correct, submitted_at - started_at AS used FROM contest_attempts
  WHERE contest_id = ?1 AND participant_key = ?2 AND submitted_at IS NOT NULL
  ORDER BY correct DESC, used, submitted_at, id LIMIT 1`;

/**
 * How many participants have finished, and how many of them did better than ?3 right answers in ?4 ms
 * (some attempt of theirs did, so their best did too). Ties (same answers, same time) share a rank.
 */
const COUNTS = `SELECT
  (SELECT count(DISTINCT participant_key) FROM contest_attempts WHERE contest_id = ?1 AND submitted_at IS NOT NULL) AS ranked,
  (SELECT count(DISTINCT participant_key) FROM contest_attempts WHERE contest_id = ?1 AND submitted_at IS NOT NULL
    AND (correct > ?2 OR (correct = ?2 AND submitted_at - started_at < ?3))) AS better`;

/**
 * One participant's place, computed inside the database without reading every attempt into the
 * process: their best finished attempt, and how many participants have one that beats it — the
 * same order as `rankIndividuals`. Counting, not ranking everyone with a window function: that
 * cost tens of milliseconds per result page once thousands had handed in.
 */
export async function placeOf(database: Database, contestId: number, participantKey: string): Promise<Place> {
  const [best] = await database.readRows(BEST, [contestId, participantKey]);
  const [id, correct, used] = best ?? [null, -1, 0];
  const [counts] = await database.readRows(COUNTS, [contestId, Number(correct), Number(used)]);
  const [ranked, better] = counts ?? [0, 0];
  return {
    rank: id == null ? null : 1 + Number(better),
    ranked: Number(ranked ?? 0),
    bestAttemptId: id == null ? null : Number(id),
  };
}
