import { useState } from 'preact/hooks';
import type { ContestPublic } from '#api/contests/contract.ts';
import type { NameDisplay } from '#api/contests/labels.ts';
import type { Person } from './storage.ts';
import { submitted } from '../forms/controls.tsx';

/** What the public leaderboard will show of a participant's name. */
const JOIN_NAME_NOTES: Record<NameDisplay, string> = {
  masked: '排行榜上你的名字会部分隐藏（如 张*明）。',
  hidden: '排行榜上不显示姓名，只显示名次、队伍和成绩。',
  full: '排行榜上会显示你的全名。',
};

interface Props {
  contest: ContestPublic;
  busy: boolean;
  /** Details typed on this device last time. */
  initial: Person | null;
  onStart(person: Person): void;
}

/** Name, team and whatever else the organiser asks, then 开始答题. */
export default function JoinForm({ contest, busy, initial, onStart }: Props) {
  const [left] = useState(() => contest.closesAt - contest.now);
  const short = left < contest.timeLimitMs;
  const keepTeam = initial && (contest.teamMode !== 'list' || contest.teams.includes(initial.team));
  const submit = submitted((f) => {
    const value = (k: string) => String(f.get(k) ?? '').trim();
    onStart({ name: value('name'), team: value('team'), className: value('className'), studentNo: value('studentNo') });
  });
  return (
    <form class="stack-form" onSubmit={submit}>
      <h2>填写信息，开始答题</h2>
      <label for="join-name">姓名</label>
      <input id="join-name" name="name" required maxLength={20} autocomplete="name" defaultValue={initial?.name ?? ''} />
      {contest.teamMode === 'list' && (
        <>
          <label for="join-team">班级或社区</label>
          <select
            id="join-team"
            name="team"
            required
            defaultValue={keepTeam ? initial.team : contest.teams.length === 1 ? (contest.teams[0] ?? '') : ''}
          >
            <option value="">请选择</option>
            {contest.teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </>
      )}
      {contest.teamMode === 'free' && (
        <>
          <label for="join-team">队伍（班级或社区）</label>
          <input id="join-team" name="team" required maxLength={30} defaultValue={initial?.team ?? ''} />
        </>
      )}
      {contest.askClass && (
        <>
          <label for="join-class">班级</label>
          <input id="join-class" name="className" required maxLength={20} defaultValue={initial?.className ?? ''} />
        </>
      )}
      {contest.askStudentNo && (
        <>
          <label for="join-number">学号</label>
          <input id="join-number" name="studentNo" required maxLength={20} inputMode="numeric" defaultValue={initial?.studentNo ?? ''} />
        </>
      )}
      <p class="muted">
        {JOIN_NAME_NOTES[contest.nameDisplay]}
        答案随答随存，网络断了也不会丢；刷新页面可以接着答。
      </p>
      {short && (
        <p class="notice">
          距离竞赛结束只剩 {Math.max(1, Math.floor(left / 60_000))} 分钟，你的答题时间会少于 {Math.round(contest.timeLimitMs / 60_000)}{' '}
          分钟。
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? '正在进入……' : '开始答题'}
      </button>
    </form>
  );
}
