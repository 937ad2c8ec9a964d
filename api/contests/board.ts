import type { Database } from '../db/client.ts';
import type { ContestRow } from '../db/schema.ts';
import { closeDue } from './attempts.ts';
import { maskName } from './names.ts';
import type { Participation, PublicBoard, RankedTeam } from './contract.ts';
import { participation, rankIndividuals, rankTeams, type Ranked } from './ranking.ts';
import { questionsOf, statusOf, teamsOf } from './store.ts';

/** Individual ranks of a contest at `now`. */
export interface Ranking {
  total: number;
  individuals: Ranked[];
}

/** Every ranking of a contest at `now`. */
export interface Standings extends Ranking {
  teams: RankedTeam[];
  participation: Participation;
}

/** Closes expired attempts (only when there are any, to spare a write), then ranks everyone. */
export async function standings(database: Database, c: ContestRow, now: number): Promise<Standings> {
  const { total, individuals, rows } = await ranked(database, c, now);
  return {
    total,
    individuals,
    teams: rankTeams(individuals, c.teamScoring === 'best' ? 'best' : 'average', c.teamBestN),
    participation: participation(
      rows.map((r) => ({ participantKey: r.participantKey, team: r.team, finished: r.submittedAt !== null })),
      c.teamMode === 'list' ? teamsOf(c) : [],
    ),
  };
}

/** The columns ranking reads, in this order (as arrays: a district's contest has thousands of rows). */
const RANKING_ROWS = `SELECT id, participant_key, name, team, correct, started_at, submitted_at
  FROM contest_attempts WHERE contest_id = ?`;
const FINISHED_ROWS = `${RANKING_ROWS} AND submitted_at IS NOT NULL`;

/** Individual and team ranks without participation: only finished attempts are read (the projector's board, every second). */
export async function finishedStandings(database: Database, c: ContestRow, now: number): Promise<Omit<Standings, 'participation'>> {
  const { total, individuals } = await ranked(database, c, now, FINISHED_ROWS);
  return { total, individuals, teams: rankTeams(individuals, c.teamScoring === 'best' ? 'best' : 'average', c.teamBestN) };
}

/** Individual ranks, and the attempt rows they came from. */
async function ranked(database: Database, c: ContestRow, now: number, query = RANKING_ROWS) {
  await closeDue(database, c.id, now);
  const rows = (await database.readRows(query, [c.id])).map(([attemptId, participantKey, name, team, correct, startedAt, submittedAt]) => ({
    attemptId: Number(attemptId),
    participantKey: String(participantKey),
    name: String(name),
    team: String(team),
    correct: correct === null ? null : Number(correct),
    startedAt: Number(startedAt),
    submittedAt: submittedAt === null ? null : Number(submittedAt),
  }));
  const total = (await questionsOf(database, c.id)).length;
  const finished = rows.flatMap((r) =>
    r.submittedAt === null ? [] : [{ ...r, correct: r.correct ?? 0, submittedAt: r.submittedAt, timeUsedMs: r.submittedAt - r.startedAt }],
  );
  return { total, individuals: rankIndividuals(finished, total), rows };
}

/** Most places shown on the public board. */
export const BOARD_SIZE = 100;

/**
 * How long a public board is reused. Every open board polls every 5 s, and once a district's pupils
 * have handed in, thousands of them each ranking every attempt again would take the server's whole
 * time; ranked once a second, the board is as fresh as the projector's.
 */
export const BOARD_MS = 1000;

// Per database and contest: the board ranked at `now` (the app's clock) and `at` (the process's),
// for the contest row as it was then; a changed row (the organiser's settings) is a new object.
const boards = new WeakMap<Database, Map<number, { contest: ContestRow; now: number; at: number; board: Promise<PublicBoard> }>>();

/** The public leaderboard of a contest, ranked at most once per `BOARD_MS` and shared by everyone asking meanwhile. */
export function publicBoard(database: Database, c: ContestRow, now: number): Promise<PublicBoard> {
  const cache = boards.get(database) ?? new Map<number, { contest: ContestRow; now: number; at: number; board: Promise<PublicBoard> }>();
  boards.set(database, cache);
  const fresh = (e: { now: number; at: number }) => now >= e.now && now - e.now < BOARD_MS && Date.now() - e.at < BOARD_MS;
  const hit = cache.get(c.id);
  if (hit?.contest === c && fresh(hit)) return hit.board;
  // Stale entries go first, so the map holds only the contests whose boards were asked for within the time.
  for (const [id, entry] of cache) if (!fresh(entry)) cache.delete(id);
  const board = rankBoard(database, c, now).catch((err: unknown) => {
    cache.delete(c.id);
    throw err;
  });
  cache.set(c.id, { contest: c, now, at: Date.now(), board });
  return board;
}

/** The public leaderboard of a contest, ranked now. */
async function rankBoard(database: Database, c: ContestRow, now: number): Promise<PublicBoard> {
  const s = await standings(database, c, now);
  const status = statusOf(c, now);
  const names = c.nameDisplay;
  return {
    title: c.title,
    unitName: c.unitName,
    status,
    closesAt: c.closesAt,
    final: status === 'closed',
    teamScoring: c.teamScoring === 'best' ? 'best' : 'average',
    teamBestN: c.teamBestN,
    total: s.total,
    namesShown: names !== 'hidden',
    individuals: s.individuals.slice(0, BOARD_SIZE).map((p) => ({
      rank: p.rank,
      name: names === 'full' ? p.name : names === 'hidden' ? '' : maskName(p.name),
      team: p.team,
      score: p.score,
      correct: p.correct,
      timeUsedMs: p.timeUsedMs,
    })),
    teams: c.teamMode === 'none' ? [] : s.teams,
    participation: c.teamMode === 'none' ? [] : s.participation,
    now,
  };
}
