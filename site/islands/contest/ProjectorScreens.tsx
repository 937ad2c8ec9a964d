import type { ContestDetail, LiveSnapshot } from '#api/contests/contract.ts';
import { formatDuration } from '#api/contests/labels.ts';
import { adminFileUrl } from './contest-api.ts';
import TableHead from '../shared/TableHead.tsx';

/** Rows of the board per projector page: large enough to read from the back of a classroom. */
export const BOARD_ROWS = 8;

/** Before the start: the join QR code and the code in very large type, with who has joined. */
export function JoinScreen({ c, live }: { c: ContestDetail; live: LiveSnapshot }) {
  const page = `${new URL(c.joinUrl).origin}/contest/join/`;
  return (
    <section class="pj-join" aria-label="扫码参赛">
      <img class="pj-qr" src={adminFileUrl(c.id, 'qr.svg')} alt={`参赛二维码，打开 ${c.joinUrl}`} width="600" height="600" />
      <div class="pj-join-text">
        <p class="pj-step">手机扫码参加，或打开 {page} 输入竞赛码</p>
        <p class="pj-code" aria-label={`竞赛码 ${c.code.split('').join(' ')}`}>
          {c.code}
        </p>
        <p class="pj-count" aria-live="polite">
          已加入 <strong>{live.joined}</strong> 人
        </p>
        {live.namesShown && (
          <ul class="pj-names" aria-label="刚加入的人">
            {live.names.map((n, i) => (
              <li key={i}>{n.name}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** During: time left and how many have handed in. */
export function ProgressScreen({ live, leftMs }: { live: LiveSnapshot; leftMs: number }) {
  const share = live.joined > 0 ? live.finished / live.joined : 0;
  return (
    <section class="pj-progress" aria-label="竞赛进行中">
      {live.status === 'scheduled' ? (
        <p class="pj-big">还没开始</p>
      ) : (
        <>
          <p class="pj-label">距离结束还有</p>
          <p class="pj-big" role="timer">
            {formatClock(leftMs)}
          </p>
        </>
      )}
      <p class="pj-count">
        已交卷 <strong>{live.finished}</strong> / 已加入 <strong>{live.joined}</strong> 人
      </p>
      <div class="pj-bar" role="img" aria-label={`已交卷 ${Math.round(share * 100)}%`}>
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </section>
  );
}

/** The top three, second–first–third as on a real podium. */
export function PodiumScreen({ places, heading }: { places: Array<{ rank: number; name: string; detail: string }>; heading: string }) {
  const order = [places[1], places[0], places[2]];
  return (
    <section class="pj-podium" aria-label={heading}>
      <h2 class="pj-heading">{heading}</h2>
      {places.length === 0 ? (
        <p class="pj-big">还没有人交卷</p>
      ) : (
        <ol class="pj-steps">
          {order.map((p, i) =>
            p ? (
              <li key={p.rank + p.name} class={`pj-step-${i}`} value={p.rank}>
                <span class="pj-place">第 {p.rank} 名</span>
                <span class="pj-who">{p.name}</span>
                <span class="pj-detail">{p.detail}</span>
              </li>
            ) : (
              <li key={`empty-${i}`} class={`pj-step-${i} pj-empty`} aria-hidden="true" />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

/** The full board, a page of `BOARD_ROWS` at a time. */
export function BoardScreen({ live, page }: { live: LiveSnapshot; page: number }) {
  const pages = Math.max(1, Math.ceil(live.board.length / BOARD_ROWS));
  const rows = live.board.slice(page * BOARD_ROWS, (page + 1) * BOARD_ROWS);
  // Without teams the column would only hold dashes.
  const teams = live.board.some((r) => r.team);
  return (
    <section class="pj-board" aria-label="排行榜">
      <h2 class="pj-heading">
        排行榜{pages > 1 ? `（第 ${page + 1}/${pages} 页）` : ''}
        {live.status !== 'closed' ? ' · 竞赛进行中，名次可能变化' : ''}
      </h2>
      <table>
        <TableHead heads={['名次', live.namesShown && '姓名', teams && '队伍', '得分', '用时']} />
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.rank}-${r.name}-${r.team}`}>
              <td>{r.rank}</td>
              {live.namesShown && <td>{r.name}</td>}
              {teams && <td>{r.team || '—'}</td>}
              <td>{r.score}</td>
              <td>{formatDuration(r.timeUsedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `12:05` (or `1:02:05`) left. */
function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
