import type { ComponentChildren } from 'preact';
import type { ShownQuestion } from '#api/contests/contract.ts';
import { OPTION_LETTERS, TYPE_NAMES } from '#api/contests/labels.ts';

/** The choice after ticking or unticking option `i`: one option for 单选 and 判断, a sorted set for 多选. */
export function toggled(chosen: readonly number[], i: number, on: boolean, multiple: boolean): number[] {
  if (!multiple) return [i];
  return on ? [...new Set([...chosen, i])].sort((a, b) => a - b) : chosen.filter((c) => c !== i);
}

interface Props {
  question: Pick<ShownQuestion, 'type' | 'stem' | 'options'>;
  /** Where the question stands (`第 3 题 / 共 20 题`); its element takes focus when the page moves here. */
  place: string;
  headingId: string;
  /** Radio or checkbox group name. */
  name: string;
  chosen: readonly number[];
  onChoose(choice: number[]): void;
  /** After checking a practice answer: the right options are marked, and nothing can change. */
  answer?: readonly number[] | undefined;
  /** Extra words after the type for 多选 (how it is scored). */
  multipleNote: string;
  describedBy?: string;
  children?: ComponentChildren;
}

/**
 * One question as a group of radio buttons (单选, 判断) or checkboxes (多选) with letters A, B, C…,
 * for the contest and for 练一练 alike.
 */
export default function Options({
  question: q,
  place,
  headingId,
  name,
  chosen,
  onChoose,
  answer,
  multipleNote,
  describedBy,
  children,
}: Props) {
  const multiple = q.type === 'multiple';
  const done = answer !== undefined;
  return (
    <fieldset class="question" disabled={done} {...(describedBy ? { 'aria-describedby': describedBy } : {})}>
      <legend>
        <span class="question-number" id={headingId} tabIndex={-1}>
          {place} · {TYPE_NAMES[q.type]}
          {multiple ? multipleNote : ''}
        </span>
        <span class="question-stem">{q.stem}</span>
      </legend>
      <ul class="options">
        {q.options.map((o, i) => (
          <li key={i}>
            <label class={`option${chosen.includes(i) ? ' chosen' : ''}${done && answer.includes(i) ? ' correct' : ''}`}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                value={i}
                checked={chosen.includes(i)}
                onChange={(e) => onChoose(toggled(chosen, i, e.currentTarget.checked, multiple))}
              />
              <span class="option-letter">{OPTION_LETTERS[i]}</span>
              <span>{o}</span>
              {done && answer.includes(i) && <strong class="option-flag">正确答案</strong>}
              {done && chosen.includes(i) && <span class="option-flag option-mine">你的选择</span>}
            </label>
          </li>
        ))}
      </ul>
      {children}
    </fieldset>
  );
}
