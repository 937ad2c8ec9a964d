import type { AwardLevel, Criterion, CriterionScores } from './campaign-contract.ts';

/** A judge's weighted mean on the 1–10 scale: Σ weight × score / Σ weight. */
export function weightedMean(criteria: readonly Criterion[], scores: CriterionScores): number {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    total += c.weight * (scores[c.key] ?? 0);
    weights += c.weight;
  }
  return weights ? total / weights : 0;
}

/** Judges needed before the highest and the lowest score are dropped (as in sports judging). */
const TRIM_FROM = 5;

/** The panel's score for one idea: the mean of the judges' weighted means, trimmed when five or more judged. */
export function panelScore(judgeMeans: readonly number[]): number | null {
  if (judgeMeans.length === 0) return null;
  const sorted = [...judgeMeans].sort((a, b) => a - b);
  const kept = sorted.length >= TRIM_FROM ? sorted.slice(1, -1) : sorted;
  return kept.reduce((s, v) => s + v, 0) / kept.length;
}

/** An idea taking part in the ranking. */
interface RankInput {
  ideaId: number;
  /** Breaks ties between equal scores (more support first). */
  supportCount: number;
  /** Weighted mean of each judge who scored it. */
  judgeMeans: number[];
}

/** One row of the ranking. */
export interface RankRow {
  ideaId: number;
  judgeCount: number;
  /** Rounded to 2 decimals; null when nobody has scored it yet. */
  score: number | null;
  /** 1-based; equal scores share a rank (1, 1, 3); null when unscored. */
  rank: number | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Ranks ideas by panel score, best first; unscored ideas come last. */
export function rankIdeas(inputs: readonly RankInput[]): RankRow[] {
  const rows = inputs.map((i) => ({ ...i, raw: panelScore(i.judgeMeans) }));
  rows.sort((a, b) => (b.raw ?? -1) - (a.raw ?? -1) || b.supportCount - a.supportCount || a.ideaId - b.ideaId);
  let previous: number | null = null;
  let previousRank = 0;
  return rows.map((r, i) => {
    const score = r.raw === null ? null : round2(r.raw);
    const rank = score === null ? null : score === previous ? previousRank : i + 1;
    if (score !== null) [previous, previousRank] = [score, rank ?? i + 1];
    return { ideaId: r.ideaId, judgeCount: r.judgeMeans.length, score, rank };
  });
}

/** The award each idea would get by following the ranking strictly: levels filled best first. */
export function suggestAwards(ranking: readonly RankRow[], awards: readonly AwardLevel[]): Map<number, string> {
  const suggested = new Map<number, string>();
  const slots = awards.flatMap((a) => Array.from({ length: a.count }, () => a.code));
  ranking
    .filter((r) => r.score !== null)
    .slice(0, slots.length)
    .forEach((r, i) => suggested.set(r.ideaId, slots[i] as string));
  return suggested;
}
