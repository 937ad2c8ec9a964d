import type { ShownQuestion } from '#api/contests/contract.ts';
import Options from './Options.tsx';
import type { LocalAnswer } from './use-answer-saver.ts';

interface Props {
  question: ShownQuestion;
  total: number;
  answer: LocalAnswer | undefined;
  onChoose(choice: number[]): void;
}

/** One contest question, and whether its answer is saved. */
export default function QuestionCard({ question: q, total, answer, onChoose }: Props) {
  const status = !answer || answer.choice.length === 0 ? '未作答' : answer.saved ? '已保存' : '未保存，正在重试';
  return (
    <Options
      question={q}
      place={`第 ${q.n + 1} 题 / 共 ${total} 题`}
      headingId={`q-heading-${q.n}`}
      name={`q-${q.n}`}
      chosen={answer?.choice ?? []}
      onChoose={onChoose}
      multipleNote="（可选多项，全部选对才得分）"
      describedBy={`q-status-${q.n}`}
    >
      <p id={`q-status-${q.n}`} class={`save-status ${answer && !answer.saved ? 'unsaved' : ''}`}>
        {status}
      </p>
    </Options>
  );
}
