import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  /** `performance.now()` value at which the server's deadline falls. */
  deadlineAt: number;
  /** Called once when the time is up. */
  onExpire(): void;
}

const WARN_AT = [5 * 60_000, 60_000];

/** `12:05` for a duration in ms, rounded up so 0:00 shows only when time is really up. */
function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The server's remaining time, counted down on this device. Screen readers hear it only at five
 * minutes and one minute left, not every second.
 */
export default function Countdown({ deadlineAt, onExpire }: Props) {
  const [left, setLeft] = useState(() => deadlineAt - performance.now());
  const [said, setSaid] = useState('');
  const expired = useRef(false);
  const warned = useRef(new Set<number>());
  useEffect(() => {
    const tick = () => {
      const ms = deadlineAt - performance.now();
      setLeft(ms);
      for (const w of WARN_AT)
        if (ms <= w && ms > w - 5000 && !warned.current.has(w)) {
          warned.current.add(w);
          setSaid(`还剩 ${w / 60_000} 分钟。`);
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
  return (
    <div class={`countdown${left < 60_000 ? ' urgent' : ''}`}>
      <span class="countdown-label">剩余时间</span>{' '}
      <span role="timer" aria-live="off" class="countdown-time">
        {clock(left)}
      </span>
      <span class="visually-hidden" aria-live="assertive">
        {said}
      </span>
    </div>
  );
}
