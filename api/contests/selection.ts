import { AUDIENCE_CODES, CATEGORY_CODES, CATEGORY_NAMES, DIFFICULTY_CODES, TYPE_CODES, type AudienceCode } from './labels.ts';
import type { MixSelection } from './contract.ts';

/** What selection needs to know about a question. */
export interface Selectable {
  id: string;
  reserved: boolean;
  type: string;
  difficulty: number;
  category: string;
  audience: readonly string[];
}

/** Counts per value of one dimension. */
export type Counts = Record<string, number>;

/** Why questions could not be chosen, in words an organiser can act on. */
export class SelectionError extends Error {}

/** Whole counts summing to `n`, proportional to `weights` (largest remainder); null when every weight is 0. */
export function countsFromWeights(weights: Record<string, number>, n: number): Counts | null {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const exact = Object.entries(weights).map(([k, w]) => [k, (w * n) / total] as const);
  const counts: Counts = Object.fromEntries(exact.map(([k, x]) => [k, Math.floor(x)]));
  let left = n - Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [k] of [...exact].sort((a, b) => b[1] - Math.floor(b[1]) - (a[1] - Math.floor(a[1])))) {
    if (left-- <= 0) break;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

const keyOf = {
  category: (q: Selectable) => q.category,
  type: (q: Selectable) => q.type,
  difficulty: (q: Selectable) => String(q.difficulty),
};
type Dimension = keyof typeof keyOf;
const DIMENSIONS: Array<[Dimension, number]> = [
  ['category', 4],
  ['type', 2],
  ['difficulty', 1],
];

/**
 * Greedy choice can paint itself into a corner on type and difficulty; swapping a picked question
 * for one of the same category that brings both closer to their targets fixes that. `need` holds
 * what is still missing per value (negative: too many). Each swap lowers the total miss, so it ends.
 */
function improveBySwaps<Q extends Selectable>(picked: Q[], rest: Q[], need: Partial<Record<Dimension, Counts>>): void {
  const gain = (q: Q, r: Q) =>
    (['type', 'difficulty'] as const).reduce((g, d) => {
      const counts = need[d];
      const out = keyOf[d](q);
      const into = keyOf[d](r);
      if (!counts || out === into) return g;
      const a = counts[out] ?? 0;
      const b = counts[into] ?? 0;
      return g + Math.abs(a) - Math.abs(a + 1) + Math.abs(b) - Math.abs(b - 1);
    }, 0);
  for (let improved = true; improved;) {
    improved = false;
    for (let i = 0; i < picked.length && !improved; i++) {
      const q = picked[i] as Q;
      const j = rest.findIndex((r) => r.category === q.category && gain(q, r) > 0);
      if (j < 0) continue;
      const r = rest[j] as Q;
      for (const d of ['type', 'difficulty'] as const) {
        const counts = need[d];
        if (counts) {
          counts[keyOf[d](q)] = (counts[keyOf[d](q)] ?? 0) + 1;
          counts[keyOf[d](r)] = (counts[keyOf[d](r)] ?? 0) - 1;
        }
      }
      picked[i] = r;
      rest[j] = q;
      improved = true;
    }
  }
}

/** How many of `list` fall under each value of each dimension. */
export function tally(list: readonly Selectable[]): Record<Dimension, Counts> {
  const out: Record<Dimension, Counts> = {
    category: Object.fromEntries(CATEGORY_CODES.map((k) => [k, 0])),
    type: Object.fromEntries(TYPE_CODES.map((k) => [k, 0])),
    difficulty: Object.fromEntries(DIFFICULTY_CODES.map((k) => [k, 0])),
  };
  for (const q of list) for (const [d] of DIMENSIONS) out[d][keyOf[d](q)] = (out[d][keyOf[d](q)] ?? 0) + 1;
  return out;
}

/**
 * Draws `mix.count` questions for `audience`. Category shares are met exactly (or it fails with the
 * shortfall); type and difficulty shares as closely as the bank allows. `random(n)` is an integer in [0, n).
 */
export function pickQuestions<Q extends Selectable>(
  bank: readonly Q[],
  mix: MixSelection,
  audience: AudienceCode,
  random: (n: number) => number,
): Q[] {
  if (!AUDIENCE_CODES.includes(audience)) throw new SelectionError('参赛对象不正确');
  const reservedOnly = mix.source === 'reserved';
  const pool = bank.filter((q) => q.audience.includes(audience) && (!reservedOnly || q.reserved));
  const which = reservedOnly ? '竞赛专用题' : '题库';
  const orAll = reservedOnly ? '，或把题目来源改为“全部题库”' : '';
  if (pool.length < mix.count) throw new SelectionError(`${which}中适合${audience}的题目只有 ${pool.length} 道，请减少题目数量${orAll}。`);
  const need: Partial<Record<Dimension, Counts>> = {};
  for (const [d] of DIMENSIONS) {
    const counts = countsFromWeights(mix[d], mix.count);
    if (counts) need[d] = counts;
  }
  const available = tally(pool).category;
  for (const [k, n] of Object.entries(need.category ?? {})) {
    if ((available[k] ?? 0) < n)
      throw new SelectionError(
        `${which}中适合${audience}的“${CATEGORY_NAMES[k as keyof typeof CATEGORY_NAMES]}”题目只有 ${available[k] ?? 0} 道，少于所需的 ${n} 道，请调整比例${orAll}。`,
      );
  }
  // Shuffle first, so ties between equally good questions are broken at random.
  const rest = [...pool];
  for (let i = rest.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [rest[i], rest[j]] = [rest[j] as Q, rest[i] as Q];
  }
  const fit = (q: Q) => DIMENSIONS.reduce((s, [d, w]) => s + ((need[d]?.[keyOf[d](q)] ?? 1) > 0 ? w : 0), 0);
  const picked: Q[] = [];
  while (picked.length < mix.count) {
    let best = 0;
    for (let i = 1; i < rest.length && fit(rest[best] as Q) < 7; i++) if (fit(rest[i] as Q) > fit(rest[best] as Q)) best = i;
    const [q] = rest.splice(best, 1) as [Q];
    for (const [d] of DIMENSIONS) {
      const counts = need[d];
      if (counts) counts[keyOf[d](q)] = (counts[keyOf[d](q)] ?? 0) - 1;
    }
    picked.push(q);
  }
  improveBySwaps(picked, rest, need);
  return picked.sort(
    (a, b) => a.difficulty - b.difficulty || CATEGORY_CODES.indexOf(a.category as never) - CATEGORY_CODES.indexOf(b.category as never),
  );
}
