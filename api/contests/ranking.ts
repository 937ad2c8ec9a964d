import type { RankedTeam } from './contract.ts';
import { scoreOf } from './labels.ts';

/** A finished attempt, as ranking sees it. */
export interface Finished {
  attemptId: number;
  participantKey: string;
  name: string;
  team: string;
  correct: number;
  timeUsedMs: number;
  submittedAt: number;
}

/** One participant's place: their best attempt. */
export interface Ranked extends Finished {
  rank: number;
  score: number;
}

/** Better first: more right answers, then less time, then earlier. */
const better = (a: Finished, b: Finished) => b.correct - a.correct || a.timeUsedMs - b.timeUsedMs || a.submittedAt - b.submittedAt;

/** Standard competition ranks (1, 1, 3) for a sorted list, by `same`. */
function ranks<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const out: number[] = [];
  sorted.forEach((x, i) => out.push(i > 0 && same(sorted[i - 1] as T, x) ? (out[i - 1] ?? 1) : i + 1));
  return out;
}

/** Each participant's best attempt, ranked by score and then time used. */
export function rankIndividuals(finished: readonly Finished[], total: number): Ranked[] {
  const best = new Map<string, Finished>();
  for (const f of finished) {
    const seen = best.get(f.participantKey);
    if (!seen || better(f, seen) < 0) best.set(f.participantKey, f);
  }
  const sorted = [...best.values()].sort(better);
  const r = ranks(sorted, (a, b) => a.correct === b.correct && a.timeUsedMs === b.timeUsedMs);
  return sorted.map((f, i) => ({ ...f, rank: r[i] ?? i + 1, score: scoreOf(f.correct, total) }));
}

// localeCompare with a locale builds a collator per call; one shared collator is far cheaper.
const chinese = new Intl.Collator('zh-CN');

/** Teams ranked by the average of their members' best scores, or by the sum of their best `bestN`. */
export function rankTeams(individuals: readonly Ranked[], rule: 'average' | 'best', bestN: number): RankedTeam[] {
  const byTeam = new Map<string, number[]>();
  for (const p of individuals) {
    if (!p.team) continue;
    const scores = byTeam.get(p.team);
    if (scores) scores.push(p.score);
    else byTeam.set(p.team, [p.score]);
  }
  const teams = [...byTeam].map(([team, scores]) => {
    const value =
      rule === 'average'
        ? scores.reduce((a, b) => a + b, 0) / scores.length
        : scores
            .sort((a, b) => b - a)
            .slice(0, bestN)
            .reduce((a, b) => a + b, 0);
    return { team, value: Math.round(value * 10) / 10, members: scores.length };
  });
  teams.sort((a, b) => b.value - a.value || b.members - a.members || chinese.compare(a.team, b.team));
  const r = ranks(teams, (a, b) => a.value === b.value);
  return teams.map((t, i) => ({ ...t, rank: r[i] ?? i + 1 }));
}

/** Participation per team: people who joined and people who finished; listed teams appear even with nobody. */
export function participation(
  attempts: ReadonlyArray<{ participantKey: string; team: string; finished: boolean }>,
  listed: readonly string[],
): Array<{ team: string; joined: number; finished: number }> {
  const joined = new Map<string, Set<string>>(listed.map((t) => [t, new Set()]));
  const finished = new Map<string, Set<string>>(listed.map((t) => [t, new Set()]));
  for (const a of attempts) {
    const team = a.team || '（未分队）';
    if (!joined.has(team)) joined.set(team, new Set());
    if (!finished.has(team)) finished.set(team, new Set());
    joined.get(team)?.add(a.participantKey);
    if (a.finished) finished.get(team)?.add(a.participantKey);
  }
  return [...joined].map(([team, people]) => ({ team, joined: people.size, finished: finished.get(team)?.size ?? 0 }));
}
