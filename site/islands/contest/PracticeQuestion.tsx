import { useState } from 'preact/hooks';
import type { PracticeItem } from '#api/contests/contract.ts';
import { OPTION_LETTERS } from '#api/contests/labels.ts';
import { isCorrect } from '#api/contests/scoring.ts';
import Options from './Options.tsx';

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
  const right = isCorrect(chosen, q.answer);
  const check = () => {
    setChecked(true);
    onAnswered(right, chosen);
  };
  return (
    <div class="practice-question">
      <Options
        question={q}
        place={place}
        headingId="practice-q"
        name="practice"
        chosen={chosen}
        onChoose={setChosen}
        answer={checked ? q.answer : undefined}
        multipleNote="（可选多项）"
      />
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
