import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  /** `performance.now()` value at which the server's deadline falls. */
  deadlineAt: number;
  /** Called once when the time is up. */
  onExpire(): void;
  /** More time the organiser lets a participant take once (0: none). */
  moreTimeMs: number;
  /** Whether it has been taken already. */
  moreTimeTaken: boolean;
  /** Asks the server for the more time; resolves with a message to show when it could not. */
  onMoreTime(): Promise<string | null>;
}

const WARN_AT = [5 * 60_000, 60_000];
// The visible warning: two minutes before the end, five in 长辈模式 (time to read it and decide).
// WCAG 2.2.1 asks for at least 20 s to react; the 适老化 rules ask that older people get enough time.
const NOTICE_MS = 2 * 60_000;
const NOTICE_ELDER_MS = 5 * 60_000;

/** `12:05` for a duration in ms, rounded up so 0:00 shows only when time is really up. */
function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * The server's remaining time, counted down on this device. Screen readers hear it only at five
 * minutes and one minute left, not every second. Near the end a notice says that answers are saved
 * and, where the organiser allows it, offers 我需要更多时间 (once).
 */
export default function Countdown({ deadlineAt, onExpire, moreTimeMs, moreTimeTaken, onMoreTime }: Props) {
  const [left, setLeft] = useState(() => deadlineAt - performance.now());
  const [said, setSaid] = useState('');
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState('');
  const expired = useRef(false);
  const warned = useRef(new Set<number>());
  const offered = useRef(false);
  const elder = typeof document !== 'undefined' && document.documentElement.hasAttribute('data-elder');
  const noticeMs = elder ? NOTICE_ELDER_MS : NOTICE_MS;
  useEffect(() => {
    const tick = () => {
      const ms = deadlineAt - performance.now();
      setLeft(ms);
      for (const w of WARN_AT)
        if (ms <= w && ms > w - 5000 && !warned.current.has(w)) {
          warned.current.add(w);
          setSaid(`还剩 ${w / 60_000} 分钟。${offered.current && w <= noticeMs ? '需要更多时间，可以按页面底部的“我需要更多时间”。' : ''}`);
        }
      if (ms <= 0 && !expired.current) {
        expired.current = true;
        setSaid('时间到，正在交卷。');
        onExpire();
      }
    };
    tick();
    const id = window.setInterval(tick, 500);
    return () => window.clearInterval(id);
  }, [deadlineAt]);
  const notice = left > 0 && left <= noticeMs;
  const canAsk = moreTimeMs > 0 && !moreTimeTaken && !refused;
  offered.current = canAsk;
  const ask = async () => {
    setAsking(true);
    const problem = await onMoreTime();
    setAsking(false);
    if (problem) setRefused(problem);
    else setSaid(`已延长 ${minutes(moreTimeMs)} 分钟。`);
  };
  return (
    <div class={`countdown${left < 60_000 ? ' urgent' : ''}`}>
      <span class="countdown-label">剩余时间</span>{' '}
      <span role="timer" aria-live="off" class="countdown-time">
        {clock(left)}
      </span>
      <span class="visually-hidden" aria-live="assertive">
        {said}
      </span>
      {notice && (
        <div class="time-notice" role="region" aria-label="时间提醒">
          <p>
            时间快到了。已答的题目都已保存，时间到会自动交卷。
            {canAsk && `如果还需要时间，可以延长 ${minutes(moreTimeMs)} 分钟（只能延长一次）。`}
          </p>
          {canAsk && (
            <button type="button" disabled={asking} onClick={() => void ask()}>
              {asking ? '正在延长……' : '我需要更多时间'}
            </button>
          )}
          {refused && (
            <p>
              <strong>{refused}</strong>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
