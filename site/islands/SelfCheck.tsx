import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { selfCheckSchema } from '../schemas/training.ts';

/** A self-check question, as written in the lesson's frontmatter. */
export type Question = z.output<typeof selfCheckSchema>;

interface Props {
  /** The lesson's questions in order. */
  questions: Question[];
  /** localStorage key of the course's completed lesson ids (`yzready:training:<course>`). */
  progressKey: string;
  /** This lesson's id (`<course>/<NN>-<slug>`). */
  lessonId: string;
}

type Result = 'right' | 'wrong' | 'unanswered';

const TYPE_LABELS: Record<Question['type'], string> = { single: '单选题', multiple: '多选题，可选多项', truefalse: '判断题' };
const LETTERS = ['A', 'B', 'C', 'D', 'E'];

/** Ids of the course's completed lessons; empty when nothing is kept or storage is blocked. */
export function readCompleted(key: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds `id` to the course's completed lessons; false when the browser will not keep it. */
function markCompleted(key: string, id: string): boolean {
  try {
    const done = readCompleted(key);
    if (!done.includes(id)) localStorage.setItem(key, JSON.stringify([...done, id]));
    return true;
  } catch {
    return false;
  }
}

function grade(q: Question, chosen: readonly number[]): Result {
  if (chosen.length === 0) return 'unanswered';
  return chosen.length === q.answer.length && q.answer.every((i) => chosen.includes(i)) ? 'right' : 'wrong';
}

/** The right answer in words: `B 当本地通信拥堵时…`, or just 正确/错误 for a true-or-false question. */
function answerText(q: Question): string {
  if (q.type === 'truefalse') return q.answer.map((i) => q.options[i]).join('');
  return q.answer.map((i) => `${LETTERS[i]} ${q.options[i]}`).join('；');
}

/** Numbers of the questions with result `r`, e.g. `1、3`. */
function numbersWith(results: readonly Result[], r: Result): string {
  return results
    .map((x, i) => (x === r ? i + 1 : 0))
    .filter((n) => n > 0)
    .join('、');
}

/** Before hydration and without JavaScript: the questions with their answers folded away, so it still teaches. */
function QuestionsWithAnswers({ questions }: { questions: Question[] }) {
  return (
    <ol class="sc-static">
      {questions.map((q) => (
        <li>
          <p class="sc-stem">
            {q.stem}
            <span class="sc-type">（{TYPE_LABELS[q.type]}）</span>
          </p>
          <ol class="sc-options" type="A">
            {q.options.map((o) => (
              <li>{o}</li>
            ))}
          </ol>
          <details>
            <summary>查看答案</summary>
            <p>
              <strong>答案：</strong>
              {answerText(q)}
            </p>
            <p>{q.explanation}</p>
          </details>
        </li>
      ))}
    </ol>
  );
}

/** The lesson's self-check: answer, check in the browser, read why; all right marks the lesson complete. */
export default function SelfCheck({ questions, progressKey, lessonId }: Props) {
  const [enhanced, setEnhanced] = useState(false);
  const [chosen, setChosen] = useState<number[][]>(() => questions.map(() => []));
  const [results, setResults] = useState<(Result | null)[]>(() => questions.map(() => null));
  const [status, setStatus] = useState('');
  const [completed, setCompleted] = useState(false);

  useEffect(() => {
    setEnhanced(true);
    setCompleted(readCompleted(progressKey).includes(lessonId));
  }, [progressKey, lessonId]);

  if (!enhanced) return <QuestionsWithAnswers questions={questions} />;

  const base = `sc-${lessonId.replace(/[^a-z0-9]+/gi, '-')}`;

  function choose(qi: number, oi: number, multiple: boolean) {
    setChosen((prev) =>
      prev.map((c, i) => {
        if (i !== qi) return c;
        if (!multiple) return [oi];
        return c.includes(oi) ? c.filter((x) => x !== oi) : [...c, oi].sort((a, b) => a - b);
      }),
    );
    // A changed answer has not been checked yet: drop its old verdict.
    setResults((prev) => prev.map((r, i) => (i === qi ? null : r)));
  }

  function check(ev: Event) {
    ev.preventDefault();
    const next = questions.map((q, i) => grade(q, chosen[i] ?? []));
    setResults(next);
    const right = next.filter((r) => r === 'right').length;
    const total = questions.length;
    if (right === total) {
      const kept = markCompleted(progressKey, lessonId);
      setCompleted(kept);
      setStatus(
        kept
          ? `全部答对（${right}/${total}）！本课已记为完成。`
          : `全部答对（${right}/${total}）！不过浏览器不允许保存，学习进度不会被记住。`,
      );
      return;
    }
    const wrong = numbersWith(next, 'wrong');
    const unanswered = numbersWith(next, 'unanswered');
    setStatus(
      [
        `答对 ${right} 题，共 ${total} 题。`,
        wrong && `第 ${wrong} 题答错了，看看题目下的解释，再试一次。`,
        unanswered && `第 ${unanswered} 题还没有作答。`,
      ]
        .filter(Boolean)
        .join(''),
    );
  }

  return (
    <form class="sc-form" onSubmit={check} noValidate>
      {completed ? (
        <p class="sc-completed">✓ 你已经完成本课：自测全部答对。可以再做一遍巩固。</p>
      ) : (
        <p class="sc-hint">选好答案后点“检查答案”。全部答对，本课就记为完成。</p>
      )}
      {questions.map((q, qi) => {
        const name = `${base}-q${qi + 1}`;
        const result = results[qi];
        const multiple = q.type === 'multiple';
        return (
          <fieldset class={`sc-question${result ? ` sc-${result}` : ''}`} key={name}>
            <legend>
              <span class="sc-number">第 {qi + 1} 题</span> {q.stem}
              <span class="sc-type">（{TYPE_LABELS[q.type]}）</span>
            </legend>
            {q.options.map((o, oi) => (
              <label class="sc-option" key={`${name}-${oi}`}>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  value={String(oi)}
                  checked={chosen[qi]?.includes(oi) ?? false}
                  onChange={() => choose(qi, oi, multiple)}
                />
                <span>{o}</span>
                {result === 'wrong' && q.answer.includes(oi) && (
                  // The verdict below says it in words; the name of the option stays the option.
                  <strong class="sc-flag" aria-hidden="true">
                    （正确答案）
                  </strong>
                )}
              </label>
            ))}
            {result && (
              <div class="sc-feedback">
                <p class="sc-verdict">{result === 'right' ? '✓ 正确' : result === 'wrong' ? '✗ 错误' : '未作答'}</p>
                {result === 'wrong' && <p class="sc-answer">正确答案：{answerText(q)}</p>}
                {result !== 'unanswered' && <p>{q.explanation}</p>}
              </div>
            )}
          </fieldset>
        );
      })}
      <button type="submit">检查答案</button>
      <p class="sc-status" role="status">
        {status}
      </p>
    </form>
  );
}
