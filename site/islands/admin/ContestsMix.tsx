import { CATEGORY_CODES, CATEGORY_NAMES, DIFFICULTY_CODES, DIFFICULTY_NAMES, TYPE_CODES, TYPE_NAMES } from '#api/contests/labels.ts';
import type { MixSelection } from '#api/contests/contract.ts';
import { countsFromWeights } from '#api/contests/selection.ts';

/** Shares (份) per value of each dimension, as the form edits them (any code of the dimension). */
export type Weights = Record<keyof Pick<MixSelection, 'category' | 'type' | 'difficulty'>, Record<string, number>>;

/** Sensible defaults: every category (mostly natural disasters and accidents), mostly single choice, mostly easy and medium. */
export const DEFAULT_WEIGHTS: Weights = {
  category: { natural: 2, accident: 2, health: 1, social: 1 },
  type: { single: 3, multiple: 1, truefalse: 1 },
  difficulty: { '1': 2, '2': 2, '3': 1 },
};

/** Where a drawn contest's questions come from. */
export type Source = MixSelection['source'];

interface Props {
  count: number;
  weights: Weights;
  source: Source;
  /** Questions available per category for the chosen audience and source; null while loading. */
  available: Record<string, number> | null;
  onCount(n: number): void;
  onWeights(w: Weights): void;
  onSource(s: Source): void;
}

const SOURCES: Array<[Source, string, string]> = [
  [
    'reserved',
    '竞赛专用题（推荐）',
    '从 100 道不在“练一练”中公开的题目里抽取，答题时无法对照练习题找答案。题目较少，题量大或只选某一类时可能不够。',
  ],
  ['all', '全部题库', '从全部题目中抽取，包括“练一练”里公开了答案的题。适合鼓励赛前练习、以学为主的竞赛。'],
];

const DIMENSIONS = [
  ['category', '类别', CATEGORY_CODES, CATEGORY_NAMES],
  ['type', '题型', TYPE_CODES, TYPE_NAMES],
  ['difficulty', '难度', DIFFICULTY_CODES, DIFFICULTY_NAMES],
] as const;

/** What the bank cannot supply for this mix, in words; empty when it can. */
function short(counts: Record<string, number> | null, available: Record<string, number>, count: number): string {
  const total = Object.values(available).reduce((a, b) => a + b, 0);
  if (total < count) return `可用的题目一共只有 ${total} 道，请减少题目数量或改变题目来源。`;
  const missing = Object.entries(counts ?? {}).filter(([k, n]) => n > (available[k] ?? 0));
  return missing.length
    ? `${missing.map(([k]) => CATEGORY_NAMES[k as keyof typeof CATEGORY_NAMES]).join('、')}的题目不够，请调整比例、减少题目数量或改变题目来源。`
    : '';
}

/** Number of questions and the mix by category, type and difficulty, with the counts it will draw. */
export default function ContestsMix({ count, weights, source, available, onCount, onWeights, onSource }: Props) {
  return (
    <div class="mix">
      <fieldset>
        <legend>题目来源</legend>
        {SOURCES.map(([value, label, hint]) => (
          <div key={value} class="choice-with-hint">
            <label class="inline">
              <input type="radio" name="source" value={value} checked={source === value} onChange={() => onSource(value)} />
              {label}
            </label>
            <p class="muted">{hint}</p>
          </div>
        ))}
      </fieldset>
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
              {dim === 'category' &&
                available &&
                `。可用：${codes.map((k) => `${(names as Record<string, string>)[k]} ${available[k] ?? 0} 题`).join('、')}`}
            </p>
            {dim === 'category' && available && short(counts, available, count) && (
              <p class="form-error" role="status">
                {short(counts, available, count)}
              </p>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
