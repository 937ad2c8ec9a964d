import { useEffect, useState } from 'preact/hooks';
import type { PublicBoard } from '../../../api/contests/contract.ts';
import { formatDuration } from '../../../api/contests/labels.ts';
import { ApiRequestError } from '../../lib/api-client.ts';
import { codeFromUrl, loadBoard } from './contest-api.ts';
import './contest.css';

/** Poll often enough that the board is never more than 10 s behind. */
const POLL_MS = 5000;

/** /contest/board/?code=…: individual and team rankings and participation; live while open, final once closed. */
export default function Leaderboard() {
  // null until read after hydration: the page is built once, without a query string.
  const [code, setCode] = useState<string | null>(null);
  const [board, setBoard] = useState<PublicBoard | null>(null);
  const [error, setError] = useState('');
  useEffect(() => setCode(codeFromUrl()), []);
  useEffect(() => {
    if (!code) return;
    let stop = false;
    let timer = 0;
    const poll = async () => {
      try {
        const { board: b } = await loadBoard(code);
        setBoard(b);
        setError('');
        if (b.final) stop = true;
      } catch (err) {
        setError(err instanceof ApiRequestError ? err.message : '排行榜暂时无法更新。');
        if (err instanceof ApiRequestError && err.status === 404) stop = true;
      }
      if (!stop) timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [code]);

  if (code === null) return <p aria-live="polite">正在载入……</p>;
  if (!code)
    return (
      <form method="get" class="code-form">
        <label for="board-code">竞赛码</label>
        <div class="inline-row">
          <input id="board-code" name="code" required maxLength={8} autocomplete="off" autocapitalize="characters" class="code-input" />
          <button type="submit">查看排行榜</button>
        </div>
      </form>
    );
  return (
    <div class="board">
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!board && !error && <p aria-live="polite">正在载入排行榜……</p>}
      {board && (
        <>
          <h2>{board.title}</h2>
          <p class="muted">主办：{board.unitName}</p>
          <p class={board.final ? 'notice' : 'live-note'}>
            {board.final
              ? '竞赛已结束，这是最终排名。'
              : board.status === 'scheduled'
                ? '竞赛还没开始。'
                : `竞赛进行中，排行榜每 5 秒自动更新（最近更新 ${new Date(board.now).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}）。`}
          </p>
          <BoardTables board={board} />
        </>
      )}
    </div>
  );
}

function BoardTables({ board }: { board: PublicBoard }) {
  const teamRule = board.teamScoring === 'best' ? `最好的 ${board.teamBestN} 人总分` : '平均分';
  return (
    <>
      <table class="contest-table">
        <caption>个人排名（按得分，同分时用时少者在前{board.namesShown ? '' : '；组织者设置为不公开姓名'}）</caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            {board.namesShown && <th scope="col">姓名</th>}
            <th scope="col">队伍</th>
            <th scope="col">得分</th>
            <th scope="col">用时</th>
          </tr>
        </thead>
        <tbody>
          {board.individuals.map((p, i) => (
            <tr key={i}>
              <td>{p.rank}</td>
              {board.namesShown && <td>{p.name}</td>}
              <td>{p.team || '—'}</td>
              <td>{p.score}</td>
              <td>{formatDuration(p.timeUsedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {board.individuals.length === 0 && <p>还没有人交卷。</p>}
      {board.teams.length > 0 && (
        <table class="contest-table">
          <caption>队伍排名（{teamRule}）</caption>
          <thead>
            <tr>
              <th scope="col">名次</th>
              <th scope="col">队伍</th>
              <th scope="col">{teamRule}</th>
              <th scope="col">完成人数</th>
            </tr>
          </thead>
          <tbody>
            {board.teams.map((t) => (
              <tr key={t.team}>
                <td>{t.rank}</td>
                <td>{t.team}</td>
                <td>{t.value}</td>
                <td>{t.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {board.participation.length > 0 && (
        <table class="contest-table">
          <caption>各队参与情况</caption>
          <thead>
            <tr>
              <th scope="col">队伍</th>
              <th scope="col">已加入</th>
              <th scope="col">已交卷</th>
            </tr>
          </thead>
          <tbody>
            {board.participation.map((p) => (
              <tr key={p.team}>
                <td>{p.team}</td>
                <td>{p.joined}</td>
                <td>{p.finished}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
