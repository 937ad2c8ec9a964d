import { useEffect, useRef, useState } from 'preact/hooks';
import { liveSnapshotSchema, type LiveSnapshot } from '#api/contests/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { can } from '../admin/session.ts';
import { useStaffContest } from '../admin/use-staff-contest.ts';
import { adminContestApi, idFromUrl } from './contest-api.ts';
import { BoardScreen, BOARD_ROWS, JoinScreen, PodiumScreen, ProgressScreen } from './ProjectorScreens.tsx';
import './projector.css';

type Screen = 'join' | 'progress' | 'podium' | 'teams' | 'board';
const NAMES: Record<Screen, string> = { join: '扫码参赛', progress: '进行中', podium: '个人前三名', teams: '团体前三名', board: '排行榜' };

/** A short tone for each new participant, only when the organiser has turned sound on. */
function beep(ctx: AudioContext) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.2);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.2);
}

/**
 * Projector mode: a full-screen view for the room, fed by one server-sent event stream. Keys: S
 * starts a scheduled contest, N (→, PageDown, space) and P (←, PageUp) move between screens, E twice
 * ends the contest, F full screen, M sound (off by default).
 */
export default function ContestProjector() {
  const id = idFromUrl();
  const { me, contest: c, error } = useStaffContest(id);
  const [live, setLive] = useState<LiveSnapshot | null>(null);
  const [screen, setScreen] = useState<Screen>('join');
  const [page, setPage] = useState(0);
  const [sound, setSound] = useState(false);
  const [notice, setNotice] = useState('');
  const [clock, setClock] = useState(Date.now());
  const offset = useRef(0);
  const endArmed = useRef(0);
  const audio = useRef<AudioContext | null>(null);

  useEffect(() => {
    document.documentElement.classList.add('projector-mode');
    return () => document.documentElement.classList.remove('projector-mode');
  }, []);
  useEffect(() => {
    if (!can(me, 'organizer')) return;
    const source = new EventSource(`/api/admin/contests/${id}/stream`);
    source.addEventListener('snapshot', (e) => {
      const next = liveSnapshotSchema.parse(JSON.parse((e as MessageEvent<string>).data));
      offset.current = next.now - Date.now();
      setLive((before) => {
        if (before && next.joined > before.joined && audio.current) beep(audio.current);
        // When the contest ends, the room wants the winners.
        if (before && before.status !== 'closed' && next.status === 'closed') setScreen('podium');
        return next;
      });
    });
    source.onerror = () =>
      setNotice(
        source.readyState === EventSource.CLOSED
          ? '与服务器的连接已断开（可能登录已过期）。请刷新本页，必要时重新登录。'
          : '与服务器的连接中断，正在自动重连……',
      );
    source.onopen = () => setNotice('');
    return () => source.close();
  }, [me]);
  useEffect(() => {
    const t = window.setInterval(() => setClock(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);

  const screens: Screen[] = ['join', 'progress', 'podium', ...(live && live.teams.length > 0 ? (['teams'] as const) : []), 'board'];
  const pages = Math.max(1, Math.ceil((live?.board.length ?? 0) / BOARD_ROWS));
  const move = (step: 1 | -1) => {
    if (screen === 'board' && page + step >= 0 && page + step < pages) return setPage(page + step);
    const i = screens.indexOf(screen) + step;
    const next = screens[Math.min(screens.length - 1, Math.max(0, i))] ?? 'join';
    setScreen(next);
    setPage(step === -1 && next === 'board' ? pages - 1 : 0);
  };
  const start = async () => {
    try {
      await call(adminContestApi[':id'].open.$post({ param: { id: String(id) } }));
      setNotice('竞赛已开始。');
    } catch (err) {
      setNotice(err instanceof ApiRequestError ? err.message : '开始失败，请重试。');
    }
  };
  const end = async () => {
    if (Date.now() - endArmed.current > 5000) {
      endArmed.current = Date.now();
      return setNotice('再按一次 E（或再点一次“结束竞赛”）确认提前结束。');
    }
    endArmed.current = 0;
    try {
      await call(adminContestApi[':id'].close.$post({ param: { id: String(id) } }));
      setNotice('竞赛已结束。');
    } catch (err) {
      setNotice(err instanceof ApiRequestError ? err.message : '结束失败，请重试。');
    }
  };
  const toggleSound = () => {
    audio.current ??= new AudioContext();
    setSound((on) => {
      if (on) void audio.current?.suspend();
      else void audio.current?.resume();
      return !on;
    });
  };
  const fullScreen = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.altKey || e.ctrlKey || e.metaKey || target.closest('input, textarea, select')) return;
      const k = e.key.toLowerCase();
      // Space and Enter keep their meaning on a focused button or link (after a click, focus stays there).
      if ((k === ' ' || k === 'enter') && target.closest('button, a')) return;
      const act: Record<string, () => void> = {
        s: () => void start(),
        n: () => move(1),
        arrowright: () => move(1),
        pagedown: () => move(1),
        ' ': () => move(1),
        p: () => move(-1),
        arrowleft: () => move(-1),
        pageup: () => move(-1),
        e: () => void end(),
        f: fullScreen,
        m: toggleSound,
      };
      const run = act[k];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (error) return <p class="form-error">{error}</p>;
  if (!c || !live) return <p aria-live="polite">正在载入……</p>;
  const now = clock + offset.current;
  const teamDetail = (v: number) => (c.teamScoring === 'best' ? `前 ${c.teamBestN} 人总分 ${v}` : `平均 ${v} 分`);
  return (
    <div class={`projector ${sound ? 'sound-on' : ''}`}>
      <header class="pj-top">
        <p class="pj-title">
          <span>{c.unitName}</span> {c.title}
        </p>
        <p class="pj-screen-name">{NAMES[screen]}</p>
      </header>
      <div class="pj-stage">
        {screen === 'join' && <JoinScreen c={c} live={live} />}
        {screen === 'progress' && <ProgressScreen live={live} leftMs={live.closesAt - now} />}
        {screen === 'podium' && (
          <PodiumScreen
            heading="个人前三名"
            places={live.board
              .filter((p) => p.rank <= 3)
              .map((p) => ({ rank: p.rank, name: live.namesShown ? p.name : p.team || '（不显示姓名）', detail: `${p.score} 分` }))}
          />
        )}
        {screen === 'teams' && (
          <PodiumScreen
            heading="团体前三名"
            places={live.teams.filter((t) => t.rank <= 3).map((t) => ({ rank: t.rank, name: t.team, detail: teamDetail(t.value) }))}
          />
        )}
        {screen === 'board' && <BoardScreen live={live} page={Math.min(page, pages - 1)} />}
      </div>
      <footer class="pj-controls" aria-label="投影控制">
        <p class="pj-notice" role="status">
          {notice}
        </p>
        {live.status === 'scheduled' && (
          <button type="button" onClick={() => void start()}>
            开始竞赛（S）
          </button>
        )}
        <button type="button" class="secondary" onClick={() => move(-1)}>
          上一屏（P）
        </button>
        <button type="button" onClick={() => move(1)}>
          下一屏（N）
        </button>
        {live.status !== 'closed' && (
          <button type="button" class="secondary" onClick={() => void end()}>
            结束竞赛（E）
          </button>
        )}
        <button type="button" class="secondary" onClick={fullScreen}>
          全屏（F）
        </button>
        <button type="button" class="secondary" aria-pressed={sound} onClick={toggleSound}>
          声音：{sound ? '开' : '关'}（M）
        </button>
        <a href={`/admin/contests/view/?id=${c.id}`}>返回竞赛</a>
      </footer>
    </div>
  );
}
