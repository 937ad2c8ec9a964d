import { formatDateTime as when } from '#site/lib/dates.ts';
import { adminFileUrl, idFromUrl } from '../contest/contest-api.ts';
import '../contest/contest.css';
import { useStaffContest } from './use-staff-contest.ts';

/** A poster to print and put up: title, the QR code of the join link, the join code in big letters, the times. */
export default function ContestsPoster() {
  const { contest: c, error } = useStaffContest(idFromUrl());
  if (error) return <p class="form-error">{error}</p>;
  if (!c) return <p aria-live="polite">正在载入……</p>;
  const joinPage = `${new URL(c.joinUrl).origin}/contest/join/`;
  return (
    <div>
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          打印海报
        </button>{' '}
        <a href={`/admin/contests/view/?id=${c.id}`}>返回竞赛</a>
      </p>
      <article class="poster" aria-label="竞赛海报">
        <p class="poster-unit">{c.unitName}</p>
        <h2 class="poster-title">{c.title}</h2>
        <p class="poster-when">
          {when(c.opensAt)}
          <br />至 {when(c.closesAt)}
        </p>
        <img class="poster-qr" src={adminFileUrl(c.id, 'qr.svg')} alt={`参赛二维码，打开 ${c.joinUrl}`} width="280" height="280" />
        <p class="poster-step">用手机扫码参加，或打开</p>
        <p class="poster-link">{joinPage}</p>
        <p class="poster-step">输入竞赛码</p>
        <p class="poster-code" aria-label={`竞赛码 ${c.code.split('').join(' ')}`}>
          {c.code}
        </p>
        <p class="poster-facts">
          共 {c.questions.length} 题 · 限时 {c.timeLimitMs / 60_000} 分钟 · 不用注册 · 答案随答随存
        </p>
      </article>
    </div>
  );
}
