import { useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_SHELTER_HAZARD, SHELTER_HAZARDS, type ShelterHazard } from '#api/domain/shelter-hazards.ts';
import type { LngLat } from '../lib/coords.ts';
import { navLinks } from '../lib/navigation.ts';
import type { ShelterSummary } from '../lib/shelters.ts';
import { HazardSelect } from './HazardSelect.tsx';
import { onHazard, readHazard } from './hazard-choice.ts';
import { DETOUR_FACTOR, WALK_SPEED_KMH, formatDistance, formatWalk, rankNearest, type Ranked } from '../lib/nearest.ts';

type Status = 'idle' | 'locating' | 'done' | 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** Beyond this the resident is probably not in Yangzhou; the list is still shown, with a note. */
const FAR_KM = 30;
const HOW_MANY = 5;

const MESSAGES: Record<Exclude<Status, 'done'>, string> = {
  idle: '',
  locating: '正在获取你的位置……浏览器可能会先询问是否允许。',
  denied: '没有获得位置权限。请在下面选择你所在的区县或街道、镇；想用定位时，可在浏览器设置里允许本站使用位置。',
  unavailable: '暂时无法确定你的位置（可能在室内，或手机的定位服务没有打开）。请在下面选择你所在的区县或街道、镇。',
  timeout: '获取位置用时太长。请稍后再试，或在下面选择你所在的区县或街道、镇。',
  unsupported: '这个浏览器不能提供位置。请在下面选择你所在的区县或街道、镇。',
};

const classOrder = (s: ShelterSummary) => ['Ⅰ', 'Ⅱ', 'Ⅲ'].indexOf(s.class);

/** One shelter in a result list: name, class, where, how far when known, and routes to it. */
function Item({ s, r, from }: { s: ShelterSummary; r?: Ranked<ShelterSummary>; from?: LngLat }) {
  const nav = navLinks(s, from);
  return (
    <li>
      <a href={s.url} class="nearest-name">
        {s.name}
      </a>
      {r && (
        <span class="nearest-distance">
          直线距离 <strong>{formatDistance(r.km)}</strong>，步行<strong>{formatWalk(r.minutes)}</strong>
        </span>
      )}
      <span class="nearest-meta">
        {s.classLabel}（{s.classNote}）· {s.open === 'always' ? '常年开放' : '启用后开放'}
        {s.barrierFree ? ' · 有无障碍设施' : ''}
      </span>
      <span class="nearest-meta">地址：{s.address}</span>
      <span class="nearest-nav">
        <a class="button" href={nav.amap} aria-label={`用高德地图导航到${s.name}`}>
          高德导航
        </a>
        <a class="button" href={nav.baidu} aria-label={`用百度地图导航到${s.name}`}>
          百度导航
        </a>
        <a class="button" href={nav.apple} aria-label={`用苹果地图导航到${s.name}`}>
          苹果地图导航
        </a>
      </span>
    </li>
  );
}

/** 离我最近: ranks shelters by the browser's location, computed on the device; or by a chosen place. */
export default function NearestShelters({ shelters }: { shelters: ShelterSummary[] }) {
  const [status, setStatus] = useState<Status>('idle');
  const [ranked, setRanked] = useState<Ranked<ShelterSummary>[]>([]);
  const [place, setPlace] = useState('');
  const [hazard, setHazard] = useState<ShelterHazard>(DEFAULT_SHELTER_HAZARD);
  const [from, setFrom] = useState<LngLat | undefined>();

  useEffect(() => {
    setHazard(readHazard());
    return onHazard(setHazard);
  }, []);
  // Only the shelters designated for the chosen hazard: a riverside park is no place to go in a flood.
  const suitable = useMemo(() => shelters.filter((s) => s.hazards.includes(hazard)), [shelters, hazard]);
  useEffect(() => {
    if (from) setRanked(rankNearest(from, suitable, HOW_MANY));
  }, [suitable, from]);

  const districts = useMemo(() => [...new Map(shelters.map((s) => [s.areaCode, s.district])).entries()], [shelters]);
  const neighbourhoods = useMemo(
    () => [...new Set(shelters.flatMap((s) => s.serves))].sort(new Intl.Collator('zh-CN').compare),
    [shelters],
  );
  const byPlace = useMemo(() => {
    if (!place) return [];
    const [kind, value] = [place.slice(0, 2), place.slice(2)];
    const hits = suitable.filter((s) => (kind === 'd:' ? s.areaCode === value : s.serves.includes(value)));
    return hits.sort((a, b) => classOrder(a) - classOrder(b) || b.capacity - a.capacity);
  }, [place, suitable]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setStatus('unsupported');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // The position stays on this device: it is used for distances and put only into the route links the resident taps.
        setFrom({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        setStatus('done');
      },
      (err) => setStatus(err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const far = status === 'done' && (ranked[0]?.km ?? 0) > FAR_KM;
  const message =
    status === 'done'
      ? far
        ? `你现在似乎不在扬州市内：最近的避难场所也在 ${formatDistance(ranked[0]?.km ?? 0)} 外。下面仍按距离列出，也可以在下面选择区县。`
        : `适用于${SHELTER_HAZARDS[hazard].label}、离你最近的 ${ranked.length} 个避难场所，按直线距离从近到远：`
      : MESSAGES[status];
  const placeName = place.slice(2) && (place.startsWith('d:') ? districts.find(([c]) => c === place.slice(2))?.[1] : place.slice(2));

  return (
    <div class="nearest">
      <p class="nojs-only notice">用位置查找需要浏览器开启 JavaScript。请在下面的列表中按区县查找。</p>
      <div class="needs-js">
        <div class="nearest-controls">
          <div class="field">
            <label for="nearest-hazard">要躲避的灾害</label>
            <HazardSelect id="nearest-hazard" value={hazard} onChange={setHazard} />
          </div>
          <button type="button" onClick={locate} disabled={status === 'locating'}>
            用我的位置查找
          </button>
        </div>
        <p class="nearest-advice">{SHELTER_HAZARDS[hazard].advice}</p>
        <p class="nearest-privacy">
          只列出适用于所选灾害的场所。位置只在你这台手机或电脑上用来计算距离，不会发送给本站；点“导航”时，它作为路线起点交给你选的地图应用。
        </p>
        <p role="status" class="nearest-status">
          {message}
        </p>
        {status === 'done' && ranked.length > 0 && (
          <ol class="nearest-list" aria-label="离你最近的避难场所">
            {ranked.map((r) => (
              <Item key={r.shelter.id} s={r.shelter} r={r} {...(from ? { from } : {})} />
            ))}
          </ol>
        )}
        <p class="nearest-assumption">
          距离是两点之间的直线距离。步行时间按直线距离 × {DETOUR_FACTOR}（道路绕行）、每小时走 {WALK_SPEED_KMH}{' '}
          公里估算，实际路线可能更长；老人、孩子和行动不便的人请多留时间。
        </p>

        <h3>或者选择你所在的地方</h3>
        <label for="nearest-place">区县或街道、镇</label>
        <select id="nearest-place" value={place} onChange={(e) => setPlace(e.currentTarget.value)}>
          <option value="">请选择</option>
          <optgroup label="区县">
            {districts.map(([code, name]) => (
              <option key={code} value={`d:${code}`}>
                {name}
              </option>
            ))}
          </optgroup>
          <optgroup label="街道、镇">
            {neighbourhoods.map((n) => (
              <option key={n} value={`n:${n}`}>
                {n}
              </option>
            ))}
          </optgroup>
        </select>
        <p role="status" class="nearest-status">
          {placeName ? `${placeName}：${byPlace.length} 个适用于${SHELTER_HAZARDS[hazard].label}的避难场所，设施较全的排在前面。` : ''}
        </p>
        {byPlace.length > 0 && (
          <ul class="nearest-list" aria-label={`${placeName ?? ''}的避难场所`}>
            {byPlace.map((s) => (
              <Item key={s.id} s={s} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
