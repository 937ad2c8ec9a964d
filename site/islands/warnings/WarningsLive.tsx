import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicWarning } from '../../../api/warnings/view.ts';
import { ApiRequestError, apiFetch } from '../../lib/api-client.ts';
import DistrictPicker, { type DistrictOption } from './DistrictPicker.tsx';
import { ageText, concerns, hhmm, isReal } from './format.ts';
import { chosenDistricts, DISTRICTS_EVENT, savedSnapshot, saveSnapshot, type WarningSnapshot } from './storage.ts';
import WarningCard from './WarningCard.tsx';
import WarningHistory from './WarningHistory.tsx';
import './warnings.css';

/** How often the open page asks for news. */
const REFRESH_MS = 60_000;
const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;
const byLevelThenTime = (a: PublicWarning, b: PublicWarning) => RANK[b.level] - RANK[a.level] || (b.sent ?? '').localeCompare(a.sent ?? '');

/** Props: the six districts to choose from. */
interface Props {
  districts: DistrictOption[];
}

function List({ items, empty, label }: { items: PublicWarning[]; empty: string; label: string }) {
  if (!items.length) return <p class="warning-none">{empty}</p>;
  return (
    <ul class="warning-list" aria-label={label}>
      {items.map((w) => (
        <WarningCard key={w.id} w={w} />
      ))}
    </ul>
  );
}

/**
 * 预警信息, live: the resident's districts first, then the rest, drills apart; refreshed every
 * minute, when the tab comes back and when the network returns; the last copy kept for when it fails.
 */
export default function WarningsLive({ districts }: Props) {
  const [mounted, setMounted] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [snap, setSnap] = useState<WarningSnapshot | null>(null);
  const [live, setLive] = useState(false);
  const [problem, setProblem] = useState('');
  const [now, setNow] = useState(0);
  const seq = useRef(0);

  const refresh = async () => {
    const mine = ++seq.current;
    try {
      const r = await apiFetch<{ warnings: PublicWarning[]; updatedAt: string }>('/api/warnings', { redirectOn401: false });
      if (mine !== seq.current) return;
      const next = { warnings: r.warnings, updatedAt: r.updatedAt, savedAt: Date.now() };
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

  useEffect(() => {
    setMounted(true);
    setChosen(chosenDistricts());
    setSnap(savedSnapshot());
    setNow(Date.now());
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

  // Rendered on the server too: without JavaScript the page's own text explains and links the feeds.
  if (!mounted) return <div class="warnings-live" />;

  // A saved copy can outlive its warnings: never show one past its expiry.
  const current = (snap?.warnings ?? []).filter((w) => live || Date.parse(w.expires) > now).sort(byLevelThenTime);
  const real = current.filter(isReal);
  const drills = current.filter((w) => !isReal(w));
  const mine = real.filter((w) => concerns(w, chosen));
  const others = real.filter((w) => !concerns(w, chosen));
  const loading = !snap && !problem;

  return (
    <div class="warnings-live">
      <div class="live-bar">
        <p>
          {loading ? '正在获取最新预警……' : snap ? `最后更新：${hhmm(snap.updatedAt)}` : '还没有取得预警信息'}
          {live && <span class="live-note">（打开本页时每分钟自动刷新）</span>}
        </p>
        <button type="button" class="secondary" onClick={() => void refresh()}>
          立即刷新
        </button>
      </div>
      {problem && (
        <div class="notice warning-offline" role="alert">
          <p>
            <strong>无法连接预警服务</strong>（{problem}），下面的信息可能不是最新的。
          </p>
          <p>
            请留意 12379 发来的预警短信，拨打 <a href="tel:12121">12121</a>{' '}
            收听天气预报和气象预警，或收听扬州本地广播电台。有危险时先按当地政府和社区的通知行动。
          </p>
          <p>
            {snap
              ? `下面是这台设备上次收到的预警。${ageText(snap.savedAt, now)}（最后更新：${hhmm(snap.updatedAt)}）。已过有效期的不再显示。`
              : '这台设备还没有保存过预警信息。'}
          </p>
        </div>
      )}
      <DistrictPicker districts={districts} chosen={chosen} onChange={setChosen} />
      {chosen.length > 0 ? (
        <>
          <h2 id="mine-title">你关心的区县的预警</h2>
          <List items={mine} label="你关心的区县的预警" empty={loading ? '正在载入……' : '你关心的区县现在没有正在生效的预警。'} />
          <h2 id="others-title">其他地区的预警</h2>
          <List items={others} label="其他地区的预警" empty={loading ? '正在载入……' : '其他地区现在没有正在生效的预警。'} />
        </>
      ) : (
        <>
          <h2 id="all-title">正在生效的预警</h2>
          <List items={real} label="正在生效的预警" empty={loading ? '正在载入……' : '扬州市现在没有正在生效的预警。'} />
        </>
      )}
      {drills.length > 0 && (
        <section class="warning-drills" aria-labelledby="drills-title">
          <h2 id="drills-title">演练和测试信息</h2>
          <p>以下是演练或测试用的信息，不是真实预警，不需要按它行动。</p>
          <List items={drills} label="演练和测试信息" empty="" />
        </section>
      )}
      <WarningHistory />
    </div>
  );
}
