import type { ReviewItem } from '#api/contests/contract.ts';
import { OPTION_LETTERS, TYPE_NAMES } from '#api/contests/labels.ts';

const letters = (places: number[]) => (places.length ? places.map((p) => OPTION_LETTERS[p]).join('') : '未作答');

/** Each question after the attempt: what was chosen, the right answer, why, and the guide to read. */
export default function Review({ items }: { items: ReviewItem[] }) {
  return (
    <ol class="review">
      {items.map((q) => (
        <li key={q.n} class={q.right ? 'review-right' : 'review-wrong'}>
          <p class="review-head">
            <strong>{q.right ? '✓ 答对了' : '✗ 答错了'}</strong> · {TYPE_NAMES[q.type]}
          </p>
          <p>{q.stem}</p>
          <ol class="review-options" type="A">
            {q.options.map((o, i) => (
              <li key={i}>
                {o}
                {q.answer.includes(i) && <strong>（正确答案）</strong>}
                {q.chosen.includes(i) && <span>（你的选择）</span>}
              </li>
            ))}
          </ol>
          <p>
            你的答案：{letters(q.chosen)}；正确答案：{letters(q.answer)}
          </p>
          <p class="explanation">解析：{q.explanation}</p>
          <p>
            <a href={`/guides/${q.guide}/`}>学习指南：{q.guideTitle}</a>
          </p>
        </li>
      ))}
    </ol>
  );
}
