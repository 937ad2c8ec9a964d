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

/** Every finished attempt of a contest, as the standings need it. */
const FINISHED = `SELECT participant_key, correct, submitted_at - started_at AS used FROM contest_attempts
  WHERE contest_id = ?1 AND submitted_at IS NOT NULL`;

/** A participant's best result: right answers and milliseconds used. */
interface Result {
  correct: number;
  used: number;
}

/** `a` beats `b`: more right answers, or as many in less time (the board's order; equal ones tie). */
const beats = (a: Result, b: Result) => a.correct > b.correct || (a.correct === b.correct && a.used < b.used);

/**
 * How long a process trusts the standings (every participant's best result) it has read. A
 * participant's own result is always read fresh and put into them; a hand-in elsewhere (another
 * participant's, on another server process) shows within this time, as on the projector's board.
 */
export const STANDINGS_MS = 1000;

// Per database and contest: the standings as read at `at`.
const standings = new WeakMap<Database, Map<number, { at: number; bests: Promise<Map<string, Result>> }>>();

/** The contest's standings, read at most once per `STANDINGS_MS` and shared by everyone asking meanwhile. */
function standingsOf(database: Database, contestId: number): Promise<Map<string, Result>> {
  const cache = standings.get(database) ?? new Map<number, { at: number; bests: Promise<Map<string, Result>> }>();
  standings.set(database, cache);
  const hit = cache.get(contestId);
  if (hit && Date.now() - hit.at < STANDINGS_MS) return hit.bests;
  // Expired entries go first, so the map never holds more than the contests asked about within the time.
  for (const [id, entry] of cache) if (Date.now() - entry.at >= STANDINGS_MS) cache.delete(id);
  const bests = database.readRows(FINISHED, [contestId]).then(
    (rows) => {
      const map = new Map<string, Result>();
      for (const [key, correct, used] of rows) {
        const result = { correct: Number(correct), used: Number(used) };
        const known = map.get(String(key));
        if (!known || beats(result, known)) map.set(String(key), result);
      }
      return map;
    },
    (err: unknown) => {
      cache.delete(contestId);
      throw err;
    },
  );
  cache.set(contestId, { at: Date.now(), bests });
  return bests;
}

/** Forgets a contest's standings (after attempts were closed at their deadline here). */
export function forgetStandings(database: Database, contestId: number): void {
  standings.get(database)?.delete(contestId);
}

/**
 * One participant's place: their best finished attempt, read now, and how many participants have
 * a better one — the same order as `rankIndividuals`. The others' results come from the standings
 * this process read within the last second: at the end of a contest thousands hand in within a
 * minute, and counting them all again for each (two scans of every attempt) held every request up.
 */
export async function placeOf(database: Database, contestId: number, participantKey: string): Promise<Place> {
  const [best] = await database.readRows(BEST, [contestId, participantKey]);
  const bests = await standingsOf(database, contestId);
  if (!best) return { rank: null, ranked: bests.size, bestAttemptId: null };
  const [id, correct, used] = best;
  const mine = { correct: Number(correct), used: Number(used) };
  bests.set(participantKey, mine);
  let better = 0;
  for (const [key, other] of bests) if (key !== participantKey && beats(other, mine)) better++;
  return { rank: 1 + better, ranked: bests.size, bestAttemptId: Number(id) };
}
