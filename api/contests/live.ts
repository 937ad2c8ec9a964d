import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { ContestRow } from '../db/schema.ts';
import { finishedStandings } from './board.ts';
import { maskName } from './names.ts';
import type { LiveSnapshot } from './contract.ts';
import { statusOf } from './store.ts';

/** Most names of joined participants a projector lists (the newest). */
export const LIVE_NAMES = 60;
/** Most places on the projector's board. */
export const LIVE_BOARD = 100;

/** The projector's snapshot of a contest at `now`. */
export async function liveSnapshot(database: Database, c: ContestRow, now: number): Promise<LiveSnapshot> {
  const s = await finishedStandings(database, c, now);
  const rule = c.nameDisplay;
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
