import { createPortal } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PublicWarning } from '#api/warnings/view.ts';
import type { publicWarnings } from '#api/warnings/public.ts';
import { ApiRequestError, apiClient, call } from '#site/lib/api-client.ts';
import DistrictPicker, { type DistrictOption } from './DistrictPicker.tsx';
import { ageText, concerns, hhmm, isReal } from './format.ts';
import { announcementOf } from './announce.ts';
import { chosenDistricts, DISTRICTS_EVENT, savedSnapshot, saveSnapshot, type WarningSnapshot } from './storage.ts';
import WarningCard from './WarningCard.tsx';
import WarningHistory from './WarningHistory.tsx';
import './warnings.css';

const api = apiClient<typeof publicWarnings>('/api/warnings');

/** How often the open page asks for news. */
const REFRESH_MS = 60_000;
const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;
const byLevelThenTime = (a: PublicWarning, b: PublicWarning) => RANK[b.level] - RANK[a.level] || (b.sent ?? '').localeCompare(a.sent ?? '');

/** Props: the six districts to choose from. */
interface Props {
  districts: DistrictOption[];
}

/** The list the server wrote into the page (api/warnings/list-page.ts), if it did. */
function serverSnapshot(): WarningSnapshot | null {
  try {
    const data = JSON.parse(document.getElementById('warnings-data')?.textContent ?? 'null') as Omit<WarningSnapshot, 'savedAt'> | null;
    // Its age is the server's time of writing: an offline copy of this page (the service worker's) may be old.
    return data && Array.isArray(data.warnings) ? { ...data, savedAt: Date.parse(data.updatedAt) || Date.now() } : null;
  } catch {
    return null;
  }
}

function List({ items, empty }: { items: PublicWarning[]; empty: string }) {
  if (!items.length) return <p class="warning-none">{empty}</p>;
  return (
    <ul class="warning-list" aria-label="正在生效的预警">
      {items.map((w) => (
        <WarningCard key={w.id} w={w} />
      ))}
    </ul>
  );
}

/**
 * 预警信息, live. The warnings in force are drawn into the page's own list under the title (which
 * the server already filled, so nothing moves), the resident's districts first; the refresh line,
 * the district picker, drills and history follow. Refreshed every minute, when the tab comes back
 * and when the network returns; the last copy is kept for when it fails. New, updated and ended
 * warnings are announced to screen readers (assertively for red).
 */
export default function WarningsLive({ districts }: Props) {
  const [target, setTarget] = useState<HTMLElement | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [snap, setSnap] = useState<WarningSnapshot | null>(null);
  const [live, setLive] = useState(false);
  const [problem, setProblem] = useState('');
  const [now, setNow] = useState(0);
  const [said, setSaid] = useState({ polite: '', assertive: '' });
  const seq = useRef(0);
  const shown = useRef<PublicWarning[] | null>(null);

  const refresh = async () => {
    const mine = ++seq.current;
    try {
      const r = await call(api.index.$get({ query: {} }), { redirectOn401: false });
      if (mine !== seq.current) return;
      const next = { warnings: r.warnings, updatedAt: r.updatedAt, savedAt: Date.now() };
      if (shown.current) {
        const a = announcementOf(shown.current.filter(isReal), r.warnings.filter(isReal));
        if (a) setSaid(a);
      }
      shown.current = r.warnings;
      saveSnapshot(next);
      setSnap(next);
      setLive(true);
      setProblem('');
    } catch (err) {
      if (mine !== seq.current) return;
      setLive(false);
      setProblem(err instanceof ApiRequestError && err.status > 0 ? `服务器暂时出错（${err.status}）` : '网络连接不上');
    } finally {
      setNow(Date.now());
    }
  };

  // Before the first paint: take over the server's list with the very same list, so nothing moves.
  useLayoutEffect(() => {
    const fromServer = serverSnapshot();
    const saved = savedSnapshot();
    // The newer of the page's own list and the one this device kept (an offline copy of the page is older).
    const start = fromServer && (!saved || fromServer.updatedAt >= saved.updatedAt) ? fromServer : (saved ?? fromServer);
    shown.current = start?.warnings ?? null;
    setChosen(chosenDistricts());
    setSnap(start);
    setNow(Date.now());
    const list = document.getElementById('active-list');
    list?.replaceChildren();
    setTarget(list);
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
      else setNow(Date.now());
    }, REFRESH_MS);
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    const onOnline = () => void refresh();
    // The browser knows before any request fails: say so at once.
    const onOffline = () => {
      seq.current++;
      setLive(false);
      setProblem('这台设备现在没有网络');
      setNow(Date.now());
    };
    const onDistricts = () => setChosen(chosenDistricts());
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener(DISTRICTS_EVENT, onDistricts);
    return () => {
      clearInterval(timer);
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener(DISTRICTS_EVENT, onDistricts);
    };
  }, []);

  // A saved copy can outlive its warnings: never show one past its expiry.
  const current = (snap?.warnings ?? []).filter((w) => live || Date.parse(w.expires) > now).sort(byLevelThenTime);
  const real = current.filter(isReal);
  const drills = current.filter((w) => !isReal(w));
  // The resident's districts first (a whole-city warning concerns everyone), then the rest.
  const ordered = [...real.filter((w) => concerns(w, chosen)), ...real.filter((w) => !concerns(w, chosen))];
  const loading = !snap && !problem;
  const empty = loading ? '正在获取最新预警……' : '扬州市现在没有正在生效的预警。';

  return (
    <div class="warnings-live">
      {target && createPortal(<List items={ordered} empty={empty} />, target)}
      <div class="visually-hidden" aria-live="polite">
        {said.polite}
      </div>
      <div class="visually-hidden" aria-live="assertive">
        {said.assertive}
      </div>
      {problem && (
        <div class="notice warning-offline" role="alert">
          <p>
            <strong>无法连接预警服务</strong>（{problem}），上面的信息可能不是最新的。
          </p>
          <p>
            请留意 12379 发来的预警短信，拨打 <a href="tel:12121">12121</a>{' '}
            收听天气预报和气象预警，或收听扬州本地广播电台。有危险时先按当地政府和社区的通知行动。
          </p>
          <p>
            {snap
              ? `上面是这台设备上次收到的预警。${ageText(snap.savedAt, now)}（最后更新：${hhmm(snap.updatedAt)}）。已过有效期的不再显示。`
              : '这台设备还没有保存过预警信息。'}
          </p>
        </div>
      )}
      <div class="live-bar">
        <p>
          {snap ? `最后更新：${hhmm(snap.updatedAt)}` : loading ? '正在获取最新预警……' : '还没有取得预警信息'}
          <span class="live-note">（打开本页时每分钟自动刷新）</span>
        </p>
        <button type="button" class="secondary" onClick={() => void refresh()}>
          立即刷新
        </button>
      </div>
      <DistrictPicker districts={districts} chosen={chosen} onChange={setChosen} />
      {drills.length > 0 && (
        <section class="warning-drills" aria-labelledby="drills-title">
          <h2 id="drills-title">演练和测试信息</h2>
          <p>以下是演练或测试用的信息，不是真实预警，不需要按它行动。</p>
          <ul class="warning-list" aria-label="演练和测试信息">
            {drills.map((w) => (
              <WarningCard key={w.id} w={w} />
            ))}
          </ul>
        </section>
      )}
      <WarningHistory version={snap?.updatedAt ?? ''} />
    </div>
  );
}
