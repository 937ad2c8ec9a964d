import { useState } from 'preact/hooks';
import { CATEGORY_CODES, CATEGORY_NAMES, DIFFICULTY_NAMES, TYPE_NAMES, type DifficultyCode } from '#api/contests/labels.ts';
import type { BankEntry } from '#api/contests/contract.ts';

interface Props {
  audience: string;
  /** The bank for this audience, loaded by the form; null while loading. */
  bank: BankEntry[] | null;
  picked: string[];
  onChange(ids: string[]): void;
}

/** Hand-picking questions from the bank, filtered by category and words in the question. */
export default function ContestsPicker({ audience, bank: loaded, picked, onChange }: Props) {
  const [category, setCategory] = useState('');
  const [words, setWords] = useState('');
  const bank = loaded ?? [];
  const shown = bank.filter(
    (q) => (!category || q.category === category) && (!words || q.stem.includes(words) || q.guideTitle.includes(words)),
  );
  return (
    <fieldset class="picker">
      <legend>手动选题（已选 {picked.length} 题，按选中的先后排序）</legend>
      <div class="inline-row">
        <label for="pick-category">类别</label>
        <select id="pick-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          <option value="">全部</option>
          {CATEGORY_CODES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_NAMES[c]}
            </option>
          ))}
        </select>
        <label for="pick-words">搜索</label>
        <input id="pick-words" type="search" value={words} onInput={(e) => setWords(e.currentTarget.value.trim())} />
      </div>
      <p class="muted">
        {loaded
          ? `适合“${audience}”的题目 ${bank.length} 道，显示 ${shown.length} 道。标着“练一练中公开”的题，答案在练一练里能查到。`
          : '正在载入题库……'}
      </p>
      <ul class="pick-list">
        {shown.map((q) => (
          <li key={q.id}>
            <label class="inline">
              <input
                type="checkbox"
                checked={picked.includes(q.id)}
                onChange={(e) => onChange(e.currentTarget.checked ? [...picked, q.id] : picked.filter((id) => id !== q.id))}
              />
              <span>
                {q.stem}
                <span class="muted">
                  （{TYPE_NAMES[q.type]}·{DIFFICULTY_NAMES[String(q.difficulty) as DifficultyCode]}·{q.guideTitle}
                  {q.reserved ? '·竞赛专用' : '·练一练中公开'}）
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
