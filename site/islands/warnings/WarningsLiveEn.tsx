import { useEffect, useRef, useState } from 'preact/hooks';
import { TIME_ZONE } from '#api/domain/clock.ts';
import type { PublicWarning } from '#api/warnings/contract.ts';
import type { publicWarnings } from '#api/warnings/public.ts';
import { apiClient, call } from '#site/lib/api-client.ts';
import './warnings.css';

const api = apiClient<typeof publicWarnings>('/api/warnings');

/** How often the open page asks for news, as the Chinese list does. */
const REFRESH_MS = 60_000;
const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;

/** `12 May, 09:00`, Beijing time. */
const when = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/** One warning in English: level in colour and words, title, where, until when, and the English text or a note. */
function Card({ w }: { w: PublicWarning }) {
  const en = w.english;
  const drill = w.status !== 'Actual';
  return (
    <li class={`warning-card card${drill ? ' warning-drill' : ''}`}>
      <p class="warning-card-level">
        {drill && <strong class="drill-tag">{en.statusName}</strong>}
        <span class={`level level-${w.level}`}>{en.levelName}</span>
      </p>
      <h3>
        <a href={en.url}>{en.headline ? `${en.title}: ${en.headline}` : en.title}</a>
      </h3>
      {drill && (
        <p class="drill-note">This is a {en.statusName.toLowerCase()} message, not a real warning. You do not need to act on it.</p>
      )}
      <dl class="warning-card-facts">
        <dt>Areas</dt>
        <dd>{en.areas.join(', ')}</dd>
        <dt>Valid until</dt>
        <dd>{when(w.expires)} (Beijing time)</dd>
        <dt>Issued by</dt>
        <dd>{en.senderName}</dd>
      </dl>
      {en.instruction ? (
        <>
          <h4>What you should do now</h4>
          <p class="warning-instruction">{en.instruction}</p>
        </>
      ) : (
        <p>
          No English text was published for this warning. The advice is in Chinese on the{' '}
          <a href={w.url} hreflang="zh-CN">
            Chinese page
          </a>
          .
        </p>
      )}
    </li>
  );
}

/** Warnings in force now, in English; refreshed every minute and when the network returns. */
export default function WarningsLiveEn() {
  const [list, setList] = useState<PublicWarning[] | null>(null);
  const [problem, setProblem] = useState('');
  const seq = useRef(0);
  const refresh = async () => {
    const mine = ++seq.current;
    try {
      const r = await call(api.index.$get({ query: {} }), { redirectOn401: false });
      if (mine !== seq.current) return;
      setList([...r.warnings].sort((a, b) => RANK[b.level] - RANK[a.level] || (b.sent ?? '').localeCompare(a.sent ?? '')));
      setProblem('');
    } catch {
      if (mine === seq.current)
        setProblem(
          'The warnings could not be loaded (no connection to the site). Try again later, and follow 12379 text messages and local radio.',
        );
    }
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
    const onOnline = () => void refresh();
    window.addEventListener('online', onOnline);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, []);
  const real = (list ?? []).filter((w) => w.status === 'Actual');
  const drills = (list ?? []).filter((w) => w.status !== 'Actual');
  return (
    <section aria-labelledby="active-title" class="warnings-live">
      <h2 id="active-title">Warnings in force now</h2>
      <p role="status">
        {problem || (list === null ? 'Loading the warnings…' : real.length ? '' : 'There are no warnings in force in Yangzhou right now.')}
      </p>
      {real.length > 0 && (
        <ul class="warning-list" aria-label="Warnings in force">
          {real.map((w) => (
            <Card key={w.id} w={w} />
          ))}
        </ul>
      )}
      {drills.length > 0 && (
        <>
          <h2>Drills and tests</h2>
          <ul class="warning-list" aria-label="Drills and tests">
            {drills.map((w) => (
              <Card key={w.id} w={w} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
