import { useMemo, useState } from 'preact/hooks';
import type { ShelterSummary } from '../lib/shelters.ts';
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

/** One shelter in a result list: name, class, where, and how far when known. */
function Item({ s, r }: { s: ShelterSummary; r?: Ranked<ShelterSummary> }) {
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
    </li>
  );
}

/** 离我最近: ranks shelters by the browser's location, computed on the device; or by a chosen place. */
export default function NearestShelters({ shelters }: { shelters: ShelterSummary[] }) {
  const [status, setStatus] = useState<Status>('idle');
  const [ranked, setRanked] = useState<Ranked<ShelterSummary>[]>([]);
  const [place, setPlace] = useState('');

  const districts = useMemo(() => [...new Map(shelters.map((s) => [s.areaCode, s.district])).entries()], [shelters]);
  const neighbourhoods = useMemo(
    () => [...new Set(shelters.flatMap((s) => s.serves))].sort(new Intl.Collator('zh-CN').compare),
    [shelters],
  );
  const byPlace = useMemo(() => {
    if (!place) return [];
    const [kind, value] = [place.slice(0, 2), place.slice(2)];
    const hits = shelters.filter((s) => (kind === 'd:' ? s.areaCode === value : s.serves.includes(value)));
    return hits.sort((a, b) => classOrder(a) - classOrder(b) || b.capacity - a.capacity);
  }, [place, shelters]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setStatus('unsupported');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // The position stays in this function: nothing is stored or sent.
        setRanked(rankNearest({ lat: pos.coords.latitude, lng: pos.coords.longitude }, shelters, HOW_MANY));
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
        : `离你最近的 ${ranked.length} 个避难场所，按直线距离从近到远：`
      : MESSAGES[status];
  const placeName = place.slice(2) && (place.startsWith('d:') ? districts.find(([c]) => c === place.slice(2))?.[1] : place.slice(2));

  return (
    <div class="nearest">
      <p class="nojs-only notice">用位置查找需要浏览器开启 JavaScript。请在下面的列表中按区县查找。</p>
      <div class="needs-js">
        <button type="button" onClick={locate} disabled={status === 'locating'}>
          用我的位置查找
        </button>
        <p class="nearest-privacy">位置只在你这台手机或电脑上用来计算距离，不会发送给本站或任何人。</p>
        <p role="status" class="nearest-status">
          {message}
        </p>
        {status === 'done' && ranked.length > 0 && (
          <ol class="nearest-list" aria-label="离你最近的避难场所">
            {ranked.map((r) => (
              <Item key={r.shelter.id} s={r.shelter} r={r} />
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
          {placeName ? `${placeName}：${byPlace.length} 个避难场所，设施较全的排在前面。` : ''}
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
