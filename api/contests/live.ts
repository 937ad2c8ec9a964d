import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { ContestRow } from '../db/schema.ts';
import { finishedStandings } from './board.ts';
import { nameDisplayOf } from './labels.ts';
import { maskName } from './names.ts';
import type { RankedTeam } from './ranking.ts';
import { statusOf, type ContestStatus } from './store.ts';

/** Most names of joined participants a projector lists (the newest). */
export const LIVE_NAMES = 60;
/** Most places on the projector's board. */
export const LIVE_BOARD = 100;

/** What the projector shows, as one server-sent event: joins, hand-ins and the board. */
export interface LiveSnapshot {
  status: ContestStatus;
  opensAt: number;
  closesAt: number;
  /** Server time of the snapshot, so the projector's clock can follow the server's. */
  now: number;
  /** Questions in the contest. */
  total: number;
  /** Participants who have started (each person once). */
  joined: number;
  /** Participants who have handed in (or whose time ran out). */
  finished: number;
  /** The newest joined, as the organiser's name rule shows them (empty when names are hidden). */
  names: Array<{ name: string; team: string }>;
  /** False when the organiser chose not to show names at all. */
  namesShown: boolean;
  /** Individual places, best first. */
  board: Array<{ rank: number; name: string; team: string; score: number; timeUsedMs: number }>;
  /** Team places (empty when the contest has no teams). */
  teams: RankedTeam[];
}

/** The projector's snapshot of a contest at `now`. */
export async function liveSnapshot(database: Database, c: ContestRow, now: number): Promise<LiveSnapshot> {
  const s = await finishedStandings(database, c, now);
  const rule = nameDisplayOf(c.nameDisplay);
  const shown = (name: string) => (rule === 'full' ? name : rule === 'hidden' ? '' : maskName(name));
  // The newest first attempts: one line per person, in the order they joined.
  const newest = await database.db.all<{ name: string; team: string; joined: number }>(sql`
    SELECT name, team, (SELECT count(DISTINCT participant_key) FROM contest_attempts WHERE contest_id = ${c.id}) AS joined
    FROM contest_attempts WHERE contest_id = ${c.id} AND attempt_no = 1 ORDER BY id DESC LIMIT ${LIVE_NAMES}`);
  return {
    status: statusOf(c, now),
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    now,
    total: s.total,
    joined: Number(newest[0]?.joined ?? 0),
    finished: s.individuals.length,
    names: newest.map((r) => ({ name: shown(r.name), team: r.team })).reverse(),
    namesShown: rule !== 'hidden',
    board: s.individuals.slice(0, LIVE_BOARD).map((p) => ({
      rank: p.rank,
      name: shown(p.name),
      team: p.team,
      score: p.score,
      timeUsedMs: p.timeUsedMs,
    })),
    teams: c.teamMode === 'none' ? [] : s.teams,
  };
}
