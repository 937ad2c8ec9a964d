import {
  CATEGORY_CODES,
  CATEGORY_NAMES,
  DIFFICULTY_CODES,
  DIFFICULTY_NAMES,
  TYPE_CODES,
  TYPE_NAMES,
} from '../../../api/contests/labels.ts';
import { countsFromWeights } from '../../../api/contests/selection.ts';

/** Shares (份) per value of each dimension. */
export interface Weights {
  category: Record<string, number>;
  type: Record<string, number>;
  difficulty: Record<string, number>;
}

/** Sensible defaults: every category, mostly single choice, mostly easy and medium. */
export const DEFAULT_WEIGHTS: Weights = {
  category: { natural: 1, accident: 1, health: 1, social: 1 },
  type: { single: 3, multiple: 1, truefalse: 1 },
  difficulty: { '1': 2, '2': 2, '3': 1 },
};

interface Props {
  count: number;
  weights: Weights;
  onCount(n: number): void;
  onWeights(w: Weights): void;
}

const DIMENSIONS = [
  ['category', '类别', CATEGORY_CODES, CATEGORY_NAMES],
  ['type', '题型', TYPE_CODES, TYPE_NAMES],
  ['difficulty', '难度', DIFFICULTY_CODES, DIFFICULTY_NAMES],
] as const;

/** Number of questions and the mix by category, type and difficulty, with the counts it will draw. */
export default function ContestsMix({ count, weights, onCount, onWeights }: Props) {
  return (
    <div class="mix">
      <label for="c-count">题目数量（5–100）</label>
      <input id="c-count" type="number" min={5} max={100} value={count} onInput={(e) => onCount(Number(e.currentTarget.value))} required />
      {DIMENSIONS.map(([dim, legend, codes, names]) => {
        const counts = countsFromWeights(weights[dim], count > 0 ? count : 0);
        return (
          <fieldset key={dim}>
            <legend>{legend}比例（份数，全部填 0 表示不限）</legend>
            <div class="mix-row">
              {codes.map((k) => (
                <label key={k} class="inline mix-cell">
                  {(names as Record<string, string>)[k]}
                  <input
                    type="number"
                    min={0}
                    max={100}
                    value={weights[dim][k] ?? 0}
                    aria-describedby={`mix-${dim}`}
                    onInput={(e) =>
                      onWeights({ ...weights, [dim]: { ...weights[dim], [k]: Math.max(0, Number(e.currentTarget.value) || 0) } })
                    }
                  />
                </label>
              ))}
            </div>
            <p id={`mix-${dim}`} class="muted">
              {counts
                ? `将抽取：${codes
                    .filter((k) => (counts[k] ?? 0) > 0)
                    .map((k) => `${(names as Record<string, string>)[k]} ${counts[k]} 题`)
                    .join('、')}`
                : '不限'}
            </p>
          </fieldset>
        );
      })}
    </div>
  );
}
