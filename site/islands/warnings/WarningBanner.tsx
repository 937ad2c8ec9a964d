import { useEffect, useState } from 'preact/hooks';
import type { PublicWarning } from '../../../api/warnings/view.ts';
import { apiFetch } from '../../lib/api-client.ts';
import { ageText, areaText, concerns, isReal } from './format.ts';
import { chosenDistricts, savedSnapshot, saveSnapshot } from './storage.ts';
import './banner.css';

/** `橙色预警` out of `橙色预警（Ⅱ级，严重）`. */
const levelWords = (w: PublicWarning) => w.levelName.replace(/（.*$/, '');

/**
 * The home page's banner: real warnings in force for the resident's districts (all districts when
 * none chosen). Renders nothing at all when there are none, so the page does not move.
 */
export default function WarningBanner() {
  const [list, setList] = useState<PublicWarning[]>([]);
  const [stale, setStale] = useState('');

  useEffect(() => {
    const districts = chosenDistricts();
    const pick = (all: PublicWarning[]) => all.filter(isReal).filter((w) => !districts.length || concerns(w, districts));
    apiFetch<{ warnings: PublicWarning[]; updatedAt: string }>('/api/warnings', { redirectOn401: false })
      .then((r) => {
        saveSnapshot({ warnings: r.warnings, updatedAt: r.updatedAt, savedAt: Date.now() });
        setList(pick(r.warnings));
      })
      .catch(() => {
        // Offline: the last warnings this device saw, unless they have expired since.
        const snap = savedSnapshot();
        const kept = pick(snap?.warnings ?? []).filter((w) => Date.parse(w.expires) > Date.now());
        if (snap && kept.length) {
          setList(kept);
          setStale(`现在无法连接网络，${ageText(snap.savedAt, Date.now())}。`);
        }
      });
  }, []);

  if (!list.length) return null;
  return (
    <section class="warning-banner" aria-labelledby="banner-title">
      <h2 id="banner-title">正在生效的预警</h2>
      {stale && <p class="banner-stale">{stale}</p>}
      <ul>
        {list.slice(0, 3).map((w) => (
          <li key={w.id}>
            <span class={`level level-${w.level}`}>{levelWords(w)}</span>{' '}
            <a href={w.url}>
              {w.hazardName}：{w.headline}
            </a>
            <span class="banner-area">（{areaText(w)}）</span>
          </li>
        ))}
      </ul>
      <p class="banner-links">
        {list.length > 3 && <a href="/warnings/">另有 {list.length - 3} 条，查看全部预警</a>}
        {list.length <= 3 && <a href="/warnings/">查看全部预警</a>}
        <a href="/warnings/#subscribe">订阅预警推送</a>
      </p>
    </section>
  );
}
