import type { ContestPublic } from '#api/contests/contract.ts';
import { formatDate, formatTime } from '#site/lib/dates.ts';

const when = (ms: number) => `${formatDate(new Date(ms))} ${formatTime(new Date(ms))}`;

/** The facts a participant needs before starting: when, how many questions, how long. */
export default function ContestFacts({ contest }: { contest: ContestPublic }) {
  const status = { scheduled: '还没开始', open: '正在进行', closed: '已结束' }[contest.status];
  return (
    <section class="card contest-facts" aria-labelledby="contest-title">
      <h2 id="contest-title">{contest.title}</h2>
      <p class="muted">主办：{contest.unitName}</p>
      {contest.description && <p>{contest.description}</p>}
      <dl>
        <dt>状态</dt>
        <dd>{status}</dd>
        <dt>开放时间</dt>
        <dd>
          {when(contest.opensAt)} 至 {when(contest.closesAt)}
        </dd>
        <dt>题目</dt>
        <dd>
          {contest.questionCount} 道，限时 {Math.round(contest.timeLimitMs / 60_000)} 分钟
          {contest.moreTimeMs > 0 && `；时间快到时，需要的话可以再延长 ${Math.round(contest.moreTimeMs / 60_000)} 分钟（一次）`}
        </dd>
        <dt>次数</dt>
        <dd>每人可答 {contest.attemptsAllowed} 次</dd>
        <dt>答案</dt>
        <dd>{contest.revealAnswers === 'submit' ? '交卷后就能看到正确答案和解析' : '竞赛结束后公布正确答案和解析'}</dd>
      </dl>
    </section>
  );
}
