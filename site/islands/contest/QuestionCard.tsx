import type { ShownQuestion } from '../../../api/contests/contract.ts';
import { OPTION_LETTERS, TYPE_NAMES } from '../../../api/contests/labels.ts';
import type { LocalAnswer } from './use-answer-saver.ts';

interface Props {
  question: ShownQuestion;
  total: number;
  answer: LocalAnswer | undefined;
  onChoose(choice: number[]): void;
}

/** One question: its options as radio buttons (单选, 判断) or checkboxes (多选), and whether the answer is saved. */
export default function QuestionCard({ question: q, total, answer, onChoose }: Props) {
  const multiple = q.type === 'multiple';
  const chosen = answer?.choice ?? [];
  const toggle = (i: number, on: boolean) => {
    if (!multiple) return onChoose([i]);
    onChoose(on ? [...chosen, i].sort((a, b) => a - b) : chosen.filter((c) => c !== i));
  };
  const status = !answer || answer.choice.length === 0 ? '未作答' : answer.saved ? '已保存' : '未保存，正在重试';
  return (
    <fieldset class="question" aria-describedby={`q-status-${q.n}`}>
      <legend>
        <span class="question-number" id={`q-heading-${q.n}`} tabIndex={-1}>
          第 {q.n + 1} 题 / 共 {total} 题 · {TYPE_NAMES[q.type]}
          {multiple ? '（可选多项，全部选对才得分）' : ''}
        </span>
        <span class="question-stem">{q.stem}</span>
      </legend>
      <ul class="options">
        {q.options.map((o, i) => (
          <li key={i}>
            <label class={chosen.includes(i) ? 'option chosen' : 'option'}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`q-${q.n}`}
                value={i}
                checked={chosen.includes(i)}
                onChange={(e) => toggle(i, e.currentTarget.checked)}
              />
              <span class="option-letter">{OPTION_LETTERS[i]}</span>
              <span>{o}</span>
            </label>
          </li>
        ))}
      </ul>
      <p id={`q-status-${q.n}`} class={`save-status ${answer && !answer.saved ? 'unsaved' : ''}`}>
        {status}
      </p>
    </fieldset>
  );
}
