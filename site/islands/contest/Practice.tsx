import { useEffect, useState } from 'preact/hooks';
import { AUDIENCE_CODES, CATEGORY_CODES, CATEGORY_NAMES, DIFFICULTY_CODES, DIFFICULTY_NAMES } from '#api/contests/labels.ts';
import './contest.css';
import './contest-play.css';
import PracticeQuestion from './PracticeQuestion.tsx';
import Review from './Review.tsx';
import { practiceBankSchema, type PracticeItem, type ReviewItem } from '#api/contests/contract.ts';
import { isCorrect } from '#api/contests/scoring.ts';
import { RadioGroup, submitted } from '../forms/controls.tsx';

/** A practised question in the form the contest review shows. */
function reviewItemOf(q: PracticeItem, n: number, chosen: number[]): ReviewItem {
  const right = isCorrect(chosen, q.answer);
  return {
    n,
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    chosen,
    right,
    explanation: q.explanation,
    guide: q.guide,
    guideTitle: q.guideTitle,
  };
}

/** Questions per round. */
const ROUND = 10;

interface Filter {
  category: string;
  difficulty: string;
  audience: string;
}

function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** 练一练: choose a category and difficulty, answer, see the explanation at once. No account; works offline. */
export default function Practice() {
  const [bank, setBank] = useState<PracticeItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [filter, setFilter] = useState<Filter>({ category: '', difficulty: '', audience: '' });
  const [round, setRound] = useState<PracticeItem[] | null>(null);
  const [index, setIndex] = useState(0);
  const [right, setRight] = useState(0);
  const [given, setGiven] = useState<number[][]>([]);
  useEffect(() => {
    fetch('/contest/practice/questions.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((b) => setBank(practiceBankSchema.parse(b).questions))
      .catch(() => setFailed(true));
  }, []);
  if (failed) return <p class="form-error">题目加载失败，请检查网络后刷新页面。</p>;
  if (!bank) return <p aria-live="polite">正在载入题目……</p>;

  const matching = bank.filter(
    (q) =>
      (!filter.category || q.category === filter.category) &&
      (!filter.difficulty || String(q.difficulty) === filter.difficulty) &&
      (!filter.audience || q.audience.includes(filter.audience)),
  );
  const start = () => {
    setRound(shuffled(matching).slice(0, ROUND));
    setIndex(0);
    setRight(0);
    setGiven([]);
    requestAnimationFrame(() => document.getElementById('practice-q')?.focus());
  };
  const radios = (name: keyof Filter, legend: string, options: Array<[string, string]>) => (
    <RadioGroup
      class="choice-row"
      legend={legend}
      name={name}
      options={options}
      value={filter[name]}
      onChange={(value) => setFilter({ ...filter, [name]: value })}
    />
  );

  if (round && index < round.length) {
    const q = round[index] as PracticeItem;
    return (
      <PracticeQuestion
        key={`${index}-${q.id}`}
        q={q}
        place={`第 ${index + 1} 题 / 共 ${round.length} 题`}
        last={index === round.length - 1}
        onAnswered={(ok, chosen) => {
          if (ok) setRight((n) => n + 1);
          setGiven((g) => [...g.slice(0, index), chosen]);
        }}
        onNext={() => {
          setIndex(index + 1);
          requestAnimationFrame(() => document.getElementById('practice-q')?.focus());
        }}
      />
    );
  }
  return (
    <div class="practice">
      {round && (
        <section class="card" aria-labelledby="practice-q" aria-live="polite">
          <h2 id="practice-q" tabIndex={-1}>
            本组答对 {right} 题，共 {round.length} 题
          </h2>
          <p>{right === round.length ? '全对，真棒！' : '看看下面的回顾和解析，再练一组吧。'}</p>
        </section>
      )}
      {round && (
        <section aria-labelledby="practice-review">
          <h2 id="practice-review">本组回顾</h2>
          <Review items={round.map((q, n) => reviewItemOf(q, n, given[n] ?? []))} />
        </section>
      )}
      <form class="stack-form" onSubmit={submitted(start)}>
        {radios('category', '类别', [['', '全部'], ...CATEGORY_CODES.map((c): [string, string] => [c, CATEGORY_NAMES[c]])])}
        {radios('difficulty', '难度', [['', '全部'], ...DIFFICULTY_CODES.map((d): [string, string] => [d, DIFFICULTY_NAMES[d]])])}
        {radios('audience', '适合', [['', '全部'], ...AUDIENCE_CODES.map((a): [string, string] => [a, a])])}
        <p aria-live="polite">符合条件的题目：{matching.length} 道</p>
        <button type="submit" disabled={matching.length === 0}>
          {round ? '再练一组' : '开始练习'}（每组最多 {ROUND} 题）
        </button>
      </form>
    </div>
  );
}
