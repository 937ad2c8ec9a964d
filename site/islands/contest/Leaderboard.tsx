import { useEffect, useState } from 'preact/hooks';
import type { PublicBoard } from '#api/contests/contract.ts';
import { formatDuration } from '#api/contests/labels.ts';
import { wallTime } from '#api/domain/clock.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { codeFromUrl, codeParam, contestApi, resident } from './contest-api.ts';
import './contest.css';
import { ParticipationTable, Table, TeamTable } from './Table.tsx';
import { FormError } from '../forms/controls.tsx';

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
        const { board: b } = await call(contestApi.board[':code'].$get({ param: codeParam(code) }), resident);
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
      <FormError message={error} />
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
                : `竞赛进行中，排行榜每 5 秒自动更新（最近更新 ${wallTime(board.now)}）。`}
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
      <Table
        caption={`个人排名（按得分，同分时用时少者在前${board.namesShown ? '' : '；组织者设置为不公开姓名'}）`}
        rows={board.individuals}
        rowKey={(_, i) => i}
        columns={[
          { head: '名次', cell: (p) => p.rank },
          board.namesShown && { head: '姓名', cell: (p) => p.name },
          { head: '队伍', cell: (p) => p.team || '—' },
          { head: '得分', cell: (p) => p.score },
          { head: '用时', cell: (p) => formatDuration(p.timeUsedMs) },
        ]}
      />
      {board.individuals.length === 0 && <p>还没有人交卷。</p>}
      {board.teams.length > 0 && <TeamTable teams={board.teams} rule={teamRule} />}
      {board.participation.length > 0 && <ParticipationTable rows={board.participation} />}
    </>
  );
}
