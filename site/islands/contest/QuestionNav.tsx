import type { LocalAnswer } from './use-answer-saver.ts';

interface Props {
  total: number;
  current: number;
  answers: Record<number, LocalAnswer>;
  onGo(n: number): void;
}

/** Every question's number and state (answered, unsaved, not yet) in text, not colour alone. */
export default function QuestionNav({ total, current, answers, onGo }: Props) {
  return (
    <nav aria-label="题目导航" class="question-nav">
      <ol>
        {Array.from({ length: total }, (_, n) => {
          const a = answers[n];
          const state = !a || a.choice.length === 0 ? 'todo' : a.saved ? 'done' : 'unsaved';
          const words = { todo: '未答', done: '已答', unsaved: '未保存' }[state];
          return (
            <li key={n}>
              <button
                type="button"
                class={`nav-${state}`}
                aria-current={n === current ? 'step' : undefined}
                aria-label={`第 ${n + 1} 题，${words}`}
                onClick={() => onGo(n)}
              >
                {n + 1}
                <span aria-hidden="true" class="nav-mark">
                  {state === 'done' ? '✓' : state === 'unsaved' ? '!' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
