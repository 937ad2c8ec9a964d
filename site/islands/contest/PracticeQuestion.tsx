import { useState } from 'preact/hooks';
import { OPTION_LETTERS, TYPE_NAMES, type TypeCode } from '../../../api/contests/labels.ts';

/** A practice question, with its answer: practice is not a contest. */
export interface PracticeItem {
  id: string;
  type: TypeCode;
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
  difficulty: number;
  audience: string[];
  category: string;
  guide: string;
  guideTitle: string;
}

interface Props {
  q: PracticeItem;
  place: string;
  last: boolean;
  /** The answer was checked: whether it was right, and the options chosen. */
  onAnswered(right: boolean, chosen: number[]): void;
  onNext(): void;
}

/** One practice question: choose, check, and read the explanation straight away. */
export default function PracticeQuestion({ q, place, last, onAnswered, onNext }: Props) {
  const [chosen, setChosen] = useState<number[]>([]);
  const [checked, setChecked] = useState(false);
  const multiple = q.type === 'multiple';
  const right = chosen.length === q.answer.length && q.answer.every((a) => chosen.includes(a));
  const toggle = (i: number, on: boolean) => setChosen(multiple ? (on ? [...chosen, i] : chosen.filter((c) => c !== i)) : [i]);
  const check = () => {
    setChecked(true);
    onAnswered(
      right,
      [...chosen].sort((a, b) => a - b),
    );
  };
  return (
    <div class="practice-question">
      <fieldset class="question" disabled={checked}>
        <legend>
          <span class="question-number" id="practice-q" tabIndex={-1}>
            {place} · {TYPE_NAMES[q.type]}
            {multiple ? '（可选多项）' : ''}
          </span>
          <span class="question-stem">{q.stem}</span>
        </legend>
        <ul class="options">
          {q.options.map((o, i) => (
            <li key={i}>
              <label class={`option${chosen.includes(i) ? ' chosen' : ''}${checked && q.answer.includes(i) ? ' correct' : ''}`}>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name="practice"
                  checked={chosen.includes(i)}
                  onChange={(e) => toggle(i, e.currentTarget.checked)}
                />
                <span class="option-letter">{OPTION_LETTERS[i]}</span>
                <span>{o}</span>
                {checked && q.answer.includes(i) && <strong class="option-flag">正确答案</strong>}
                {checked && chosen.includes(i) && <span class="option-flag option-mine">你的选择</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div aria-live="polite">
        {checked && (
          <div class={`feedback ${right ? 'feedback-right' : 'feedback-wrong'}`}>
            <p>
              <strong>{right ? '✓ 回答正确' : `✗ 回答错误，正确答案是 ${q.answer.map((i) => OPTION_LETTERS[i]).join('')}`}</strong>
            </p>
            <p>{q.explanation}</p>
            <p>
              <a href={`/guides/${q.guide}/`}>学习指南：{q.guideTitle}</a>
            </p>
          </div>
        )}
      </div>
      {checked ? (
        <button type="button" onClick={onNext}>
          {last ? '查看本组成绩' : '下一题'}
        </button>
      ) : (
        <button type="button" disabled={chosen.length === 0} onClick={check}>
          提交答案
        </button>
      )}
    </div>
  );
}
