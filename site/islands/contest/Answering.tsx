import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttemptRunning } from '#api/contests/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { contestApi, resident } from './contest-api.ts';
import Countdown from './Countdown.tsx';
import QuestionCard from './QuestionCard.tsx';
import QuestionNav from './QuestionNav.tsx';
import SubmitPanel from './SubmitPanel.tsx';
import { useAnswerSaver } from './use-answer-saver.ts';
import { FormError } from '../forms/controls.tsx';

interface Props {
  attempt: AttemptRunning;
  /** `performance.now()` at which the request that brought `attempt` was sent. */
  loadedAt: number;
  /** Fetch the attempt again (after time up, another tab's answer, or to hand in). */
  onRefresh(): Promise<AttemptRunning | null>;
  /** Hand the attempt in. */
  onSubmit(): void;
}

/** Answering one question at a time, with the countdown, the save state, and handing in. */
export default function Answering({ attempt, loadedAt, onRefresh, onSubmit }: Props) {
  const [current, setCurrent] = useState(0);
  const [deadlineAt, setDeadlineAt] = useState(loadedAt + attempt.remainingMs);
  const [moreTimeTaken, setMoreTimeTaken] = useState(attempt.moreTimeTaken);
  const closed = useRef(false);
  const finish = () => {
    if (closed.current) return;
    closed.current = true;
    onSubmit();
  };
  const sync = async () => {
    const sentAt = performance.now();
    const fresh = await onRefresh().catch(() => null);
    if (!fresh) return;
    setDeadlineAt(sentAt + fresh.remainingMs);
    setMoreTimeTaken(fresh.moreTimeTaken);
    saver.merge(fresh.saved);
  };
  const saver = useAnswerSaver(attempt, {
    onRemaining: (ms, sentAt) => setDeadlineAt(sentAt + ms),
    onClosed: finish,
    onStale: () => void sync(),
  });
  // Focus mode while answering: the site's header and footer give way, and leaving asks first
  // (answers are saved as they are given, so leaving loses nothing, but a stray swipe should not end the contest).
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('quiz-focus');
    const ask = (e: BeforeUnloadEvent) => {
      if (closed.current) return;
      e.preventDefault();
      // Chromium before 119 needs returnValue set to show the dialog.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => {
      root.classList.remove('quiz-focus');
      window.removeEventListener('beforeunload', ask);
    };
  }, []);
  // Every 30 s: extra time granted or an early close reaches the page, and answers from another tab.
  useEffect(() => {
    const id = window.setInterval(() => void sync(), 30_000);
    return () => window.clearInterval(id);
  }, []);

  const moreTime = async (): Promise<string | null> => {
    const sentAt = performance.now();
    try {
      const { remainingMs } = await call(contestApi.attempts[':token']['more-time'].$post({ param: { token: attempt.token } }), resident);
      setDeadlineAt(sentAt + remainingMs);
      setMoreTimeTaken(true);
      return null;
    } catch (err) {
      return err instanceof ApiRequestError ? err.message : '没能延长时间，请检查网络后再试。';
    }
  };
  const go = (n: number) => {
    setCurrent(n);
    requestAnimationFrame(() => document.getElementById(`q-heading-${n}`)?.focus());
  };
  const total = attempt.questions.length;
  const q = attempt.questions[current];
  const answered = Object.values(saver.answers).filter((a) => a.choice.length > 0).length;
  return (
    <div class="answering">
      <div class="play-bar" role="region" aria-label="答题状态">
        <Countdown
          deadlineAt={deadlineAt}
          onExpire={finish}
          moreTimeMs={attempt.contest.moreTimeMs}
          moreTimeTaken={moreTimeTaken}
          onMoreTime={moreTime}
        />
        <p class="progress">
          已答 {answered}/{total}
        </p>
        <p class={`save-summary ${saver.unsaved ? 'unsaved' : ''}`} aria-live="polite">
          {saver.unsaved ? `${saver.unsaved} 题未保存，正在重试……` : '答案已全部保存'}
        </p>
      </div>
      <FormError message={saver.problem} />
      {q && <QuestionCard key={q.n} question={q} total={total} answer={saver.answers[q.n]} onChoose={(c) => saver.give(q.n, c)} />}
      <div class="step-buttons">
        <button type="button" class="secondary" disabled={current === 0} onClick={() => go(current - 1)}>
          上一题
        </button>
        <button type="button" disabled={current >= total - 1} onClick={() => go(current + 1)}>
          下一题
        </button>
      </div>
      <QuestionNav total={total} current={current} answers={saver.answers} onGo={go} />
      <SubmitPanel unanswered={total - answered} unsaved={saver.unsaved} onRetry={saver.flush} onSubmit={finish} />
    </div>
  );
}
