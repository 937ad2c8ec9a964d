import { useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_SHELTER_HAZARD, type ShelterHazard } from '#api/domain/shelter-hazards.ts';
import type { LngLat } from '../lib/coords.ts';
import { navLinks } from '../lib/navigation.ts';
import { rankNearest, type Ranked } from '../lib/nearest.ts';
import type { ShelterSummary } from '../lib/shelters.ts';
import type { Lang } from '../lib/ui-strings.ts';
import { HazardSelect } from './HazardSelect.tsx';
import { onHazard, readHazard } from './hazard-choice.ts';
import { nearestWords, type Status } from './nearest-words.ts';

/** Beyond this the resident is probably not in Yangzhou; the list is still shown, with a note. */
const FAR_KM = 30;
const HOW_MANY = 5;

const classOrder = (s: ShelterSummary) => ['Ⅰ', 'Ⅱ', 'Ⅲ'].indexOf(s.class);

/** One shelter in a result list: name, class, where, how far when known, and routes to it. */
function Item({ s, r, from, lang }: { s: ShelterSummary; r?: Ranked<ShelterSummary>; from?: LngLat; lang: Lang }) {
  const t = nearestWords(lang);
  const nav = navLinks(s, from);
  const [before, between, after] = t.howFar;
  return (
    <li>
      <a href={t.url(s)} class="nearest-name" lang={t.chinese}>
        {s.name}
      </a>
      {r && (
        <span class="nearest-distance">
          {before}
          <strong>{t.distance(r.km)}</strong>
          {between}
          <strong>{t.walk(r.minutes)}</strong>
          {after}
        </span>
      )}
      <span class="nearest-meta">{t.classLine(s)}</span>
      <span class="nearest-meta">
        {t.address}
        <span lang={t.chinese}>{s.address}</span>
      </span>
      <span class="nearest-nav">
        {(['amap', 'baidu', 'apple'] as const).map((app) => (
          <a key={app} class="button" href={nav[app]} aria-label={t.routeTo(app, s.name)}>
            {t.route[app]}
          </a>
        ))}
      </span>
    </li>
  );
}

/** 离我最近: ranks shelters by the browser's location, computed on the device; or by a chosen place. */
export default function NearestShelters({ shelters, lang = 'zh-CN' }: { shelters: ShelterSummary[]; lang?: Lang }) {
  const t = nearestWords(lang);
  const [status, setStatus] = useState<Status>('idle');
  const [place, setPlace] = useState('');
  const [hazard, setHazard] = useState<ShelterHazard>(DEFAULT_SHELTER_HAZARD);
  const [from, setFrom] = useState<LngLat | undefined>();

  useEffect(() => {
    setHazard(readHazard());
    return onHazard(setHazard);
  }, []);
  // Only the shelters designated for the chosen hazard: a riverside park is no place to go in a flood.
  const suitable = useMemo(() => shelters.filter((s) => s.hazards.includes(hazard)), [shelters, hazard]);
  const ranked = useMemo(() => (from ? rankNearest(from, suitable, HOW_MANY) : []), [from, suitable]);

  const districts = useMemo(
    () => [...new Map(shelters.map((s) => [s.areaCode, t.district(s.areaCode, s.district)])).entries()],
    [shelters, t],
  );
  const neighbourhoods = useMemo(
    () => (t.placeGroups ? [...new Set(shelters.flatMap((s) => s.serves))].sort(new Intl.Collator('zh-CN').compare) : []),
    [shelters, t],
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
    status === 'done' ? (far ? t.far(t.distance(ranked[0]?.km ?? 0)) : t.nearest(ranked.length, t.hazard(hazard))) : t.messages[status];
  const placeName = place.slice(2) && (place.startsWith('d:') ? districts.find(([c]) => c === place.slice(2))?.[1] : place.slice(2));
  const districtOptions = districts.map(([code, name]) => (
    <option key={code} value={`d:${code}`}>
      {name}
    </option>
  ));

  return (
    <div class="nearest">
      <p class="nojs-only notice">{t.noJs}</p>
      <div class="needs-js">
        <div class="nearest-controls">
          <div class="field">
            <label for="nearest-hazard">{t.hazardLabel}</label>
            <HazardSelect id="nearest-hazard" value={hazard} choices={t.hazardChoices} onChange={setHazard} />
          </div>
          <button type="button" onClick={locate} disabled={status === 'locating'}>
            {t.locate}
          </button>
        </div>
        <p class="nearest-advice">{t.advice(hazard)}</p>
        <p class="nearest-privacy">{t.privacy}</p>
        <p role="status" class="nearest-status">
          {message}
        </p>
        {status === 'done' && ranked.length > 0 && (
          <ol class="nearest-list" aria-label={t.nearestList}>
            {ranked.map((r) => (
              <Item key={r.shelter.id} s={r.shelter} r={r} lang={lang} {...(from ? { from } : {})} />
            ))}
          </ol>
        )}
        <p class="nearest-assumption">{t.assumption}</p>

        <h3>{t.orChoose}</h3>
        <label for="nearest-place">{t.placeLabel}</label>
        <select id="nearest-place" value={place} onChange={(e) => setPlace(e.currentTarget.value)}>
          <option value="">{t.choose}</option>
          {t.placeGroups ? (
            <>
              <optgroup label={t.placeGroups.districts}>{districtOptions}</optgroup>
              <optgroup label={t.placeGroups.neighbourhoods}>
                {neighbourhoods.map((n) => (
                  <option key={n} value={`n:${n}`}>
                    {n}
                  </option>
                ))}
              </optgroup>
            </>
          ) : (
            districtOptions
          )}
        </select>
        <p role="status" class="nearest-status">
          {placeName ? t.inPlace(placeName, byPlace.length, t.hazard(hazard)) : ''}
        </p>
        {byPlace.length > 0 && (
          <ul class="nearest-list" aria-label={t.placeList(placeName ?? '')}>
            {byPlace.map((s) => (
              <Item key={s.id} s={s} lang={lang} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
