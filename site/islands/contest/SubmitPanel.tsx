import { useState } from 'preact/hooks';

interface Props {
  unanswered: number;
  unsaved: number;
  onRetry(): void;
  onSubmit(): void;
}

/** 交卷, with a second step that says what is still open; refuses while answers are unsaved, so none is lost. */
export default function SubmitPanel({ unanswered, unsaved, onRetry, onSubmit }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <p class="submit-row">
        <button type="button" onClick={() => setAsking(true)}>
          交卷
        </button>
      </p>
    );
  return (
    <section class="card submit-confirm" aria-labelledby="submit-title">
      <h2 id="submit-title">确定交卷吗？</h2>
      {unsaved > 0 ? (
        <>
          <p role="alert">还有 {unsaved} 题的答案没有保存到服务器（可能是网络断了）。请等网络恢复、显示“答案已全部保存”后再交卷。</p>
          <button type="button" onClick={onRetry}>
            重新保存
          </button>
        </>
      ) : (
        <>
          <p>{unanswered > 0 ? `还有 ${unanswered} 题没有作答。` : '所有题目都已作答。'}交卷后不能再修改答案。</p>
          <button type="button" onClick={onSubmit}>
            确定交卷
          </button>
        </>
      )}{' '}
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        继续答题
      </button>
    </section>
  );
}
