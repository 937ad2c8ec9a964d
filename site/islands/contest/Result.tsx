import type { AttemptFinished } from '#api/contests/contract.ts';
import { formatDuration } from '#api/contests/labels.ts';
import { formatDate, formatTime } from '#site/lib/dates.ts';
import CertificateCard from './CertificateCard.tsx';
import Review from './Review.tsx';

/** After handing in: score, time, rank, the answers (when the contest allows) and the certificate to print. */
export default function Result({ r, onRetry }: { r: AttemptFinished; onRetry(): void }) {
  const code = r.contest.code;
  return (
    <div class="result">
      <section class="card result-score no-print" aria-labelledby="result-title" tabIndex={-1} id="result">
        <h2 id="result-title">你的成绩</h2>
        {r.finishedBy === 'deadline' && <p class="notice">答题时间到了，系统已按时间到时保存的答案自动交卷。</p>}
        <p class="score">
          <span class="score-number">{r.score}</span> 分
        </p>
        <dl>
          <dt>答对</dt>
          <dd>
            {r.correct} 题（共 {r.total} 题）
          </dd>
          <dt>用时</dt>
          <dd>{formatDuration(r.timeUsedMs)}</dd>
          <dt>排名</dt>
          <dd>
            {r.rank ? `第 ${r.rank} 名（共 ${r.ranked} 人完成）` : '—'}
            {!r.final && '，竞赛结束前排名还会变化'}
          </dd>
        </dl>
        <p>
          <a href={`/contest/board/?code=${code}`}>查看排行榜</a>
        </p>
        {r.canRetry && (
          <button type="button" class="secondary" onClick={onRetry}>
            再答一次
          </button>
        )}
      </section>
      <section aria-labelledby="certificate-title">
        <h2 id="certificate-title" class="no-print">
          证书
        </h2>
        {!r.final && r.certificate.type !== 'honour' && (
          <p class="muted no-print">竞赛结束后，排名靠前且达到合格分的同学可获得荣誉证书，到时再来本页打印。</p>
        )}
        <CertificateCard c={r.certificate} />
        <p class="no-print">
          <button type="button" onClick={() => window.print()}>
            打印证书
          </button>
        </p>
      </section>
      <section class="no-print" aria-labelledby="review-title">
        <h2 id="review-title">正确答案和解析</h2>
        {r.review ? (
          <Review items={r.review} />
        ) : (
          <p class="notice">
            正确答案和解析将在竞赛结束后（{r.reviewAt ? `${formatDate(new Date(r.reviewAt))} ${formatTime(new Date(r.reviewAt))}` : '稍后'}
            ）公布，到时打开本页即可查看。
          </p>
        )}
      </section>
    </div>
  );
}
