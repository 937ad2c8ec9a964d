import { REVEAL_NAMES, STATUS_NAMES, TEAM_MODE_NAMES } from '#api/contests/labels.ts';
import { formatDateTime as when } from '#site/lib/dates.ts';
import { adminFileUrl, idFromUrl } from '../contest/contest-api.ts';
import ContestsActions from './ContestsActions.tsx';
import ContestsLive from './ContestsLive.tsx';
import ContestsResults from './ContestsResults.tsx';
import '../contest/contest.css';
import '../contest/contest-admin.css';
import { can } from './session.ts';
import { useStaffContest } from './use-staff-contest.ts';

/** One contest for its organiser: code and links, live participation, actions, results. */
export default function ContestsDetail() {
  const { me, contest, error, reload } = useStaffContest(idFromUrl());
  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'organizer')) return <p class="notice">只有竞赛组织者可以管理知识竞赛。</p>;
  if (error) return <p class="form-error">{error}</p>;
  if (!contest) return <p aria-live="polite">正在载入……</p>;
  return (
    <div class="contest-detail">
      <h2>{contest.title}</h2>
      <p>
        状态：<strong>{STATUS_NAMES[contest.status]}</strong>（{when(contest.opensAt)} 至 {when(contest.closesAt)}）
      </p>
      <section class="card join-box" aria-labelledby="join-title">
        <h3 id="join-title">参赛方式</h3>
        <p>
          竞赛码：<strong class="join-code">{contest.code}</strong>
        </p>
        <p>
          参赛链接：<a href={contest.joinUrl}>{contest.joinUrl}</a>
        </p>
        <p class="link-row">
          <a class="button" href={`/admin/contests/poster/?id=${contest.id}`}>
            打印海报（含二维码）
          </a>
          <a class="button" href={`/admin/contests/projector/?id=${contest.id}`}>
            投影模式（教室、礼堂大屏）
          </a>
          <a class="button secondary" href={`/contest/board/?code=${contest.code}`}>
            公开排行榜
          </a>
        </p>
      </section>
      <dl class="settings">
        <dt>参赛对象</dt>
        <dd>{contest.audience}</dd>
        <dt>题目</dt>
        <dd>
          {contest.questions.length} 道，限时 {contest.timeLimitMs / 60_000} 分钟，每人 {contest.attemptsAllowed} 次；
          {contest.openQuestions === 0 ? '全部是竞赛专用题' : `其中 ${contest.openQuestions} 道在“练一练”中公开了答案`}
        </dd>
        <dt>答案公布</dt>
        <dd>{REVEAL_NAMES[contest.revealAnswers]}</dd>
        <dt>队伍</dt>
        <dd>
          {TEAM_MODE_NAMES[contest.teamMode]}
          {contest.teams.length > 0 && `：${contest.teams.join('、')}`}
        </dd>
      </dl>
      {contest.status !== 'scheduled' && <ContestsLive id={contest.id} live={contest.status === 'open'} />}
      <section aria-labelledby="results-title">
        <h2 id="results-title">成绩</h2>
        <p class="link-row">
          <a class="button secondary" href={adminFileUrl(contest.id, 'results.csv')} download>
            导出成绩（CSV，可用 Excel 打开）
          </a>
          <a class="button secondary" href={`/admin/contests/certificates/?id=${contest.id}`}>
            打印证书
          </a>
        </p>
        <ContestsResults id={contest.id} />
      </section>
      <ContestsActions contest={contest} onChanged={() => void reload()} />
    </div>
  );
}
