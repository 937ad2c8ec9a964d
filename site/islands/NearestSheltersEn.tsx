import { useEffect, useMemo, useState } from 'preact/hooks';
import { SHELTER_HAZARDS_EN } from '#api/domain/english.ts';
import { DEFAULT_SHELTER_HAZARD, SHELTER_HAZARD_NAMES, type ShelterHazard } from '#api/domain/shelter-hazards.ts';
import type { LngLat } from '../lib/coords.ts';
import { navLinks } from '../lib/navigation.ts';
import { DETOUR_FACTOR, WALK_SPEED_KMH, rankNearest, type Ranked } from '../lib/nearest.ts';
import { CLASS_EN, districtEn, formatDistanceEn, formatWalkEn } from '../lib/shelters-en.ts';
import type { ShelterSummary } from '../lib/shelters.ts';
import { HazardSelect } from './HazardSelect.tsx';
import { onHazard, readHazard } from './hazard-choice.ts';

type Status = 'idle' | 'locating' | 'done' | 'denied' | 'unavailable' | 'timeout' | 'unsupported';

const FAR_KM = 30;
/** The hazards in English, for the select. */
const HAZARD_CHOICES_EN = SHELTER_HAZARD_NAMES.map((h) => ({ value: h, label: SHELTER_HAZARDS_EN[h].label }));
const HOW_MANY = 5;
const MESSAGES: Record<Exclude<Status, 'done'>, string> = {
  idle: '',
  locating: 'Finding your location… your browser may ask for permission first.',
  denied:
    'No permission to use your location. Choose your district below instead, or allow this site to use your location in the browser settings.',
  unavailable:
    'Your location is not available right now (you may be indoors, or location services may be off). Choose your district below.',
  timeout: 'Finding your location took too long. Try again, or choose your district below.',
  unsupported: 'This browser cannot give a location. Choose your district below.',
};
const classOrder = (s: ShelterSummary) => ['Ⅰ', 'Ⅱ', 'Ⅲ'].indexOf(s.class);

/** One shelter: name (in Chinese, as on signs and maps), distance, class, address and route links. */
function Item({ s, r, from }: { s: ShelterSummary; r?: Ranked<ShelterSummary>; from?: LngLat }) {
  const nav = navLinks(s, from);
  return (
    <li>
      <a href={`/en${s.url}`} class="nearest-name" lang="zh-CN">
        {s.name}
      </a>
      {r && (
        <span class="nearest-distance">
          <strong>{formatDistanceEn(r.km)}</strong> in a straight line, a walk of <strong>{formatWalkEn(r.minutes)}</strong>
        </span>
      )}
      <span class="nearest-meta">
        {CLASS_EN[s.class].label} ({CLASS_EN[s.class].note}) · {s.open === 'always' ? 'open all year' : 'opened when needed'}
        {s.barrierFree ? ' · step-free access' : ''}
      </span>
      <span class="nearest-meta">
        Address: <span lang="zh-CN">{s.address}</span>
      </span>
      <span class="nearest-nav">
        <a class="button" href={nav.amap} aria-label={`Directions to ${s.name} in Amap`}>
          Amap
        </a>
        <a class="button" href={nav.baidu} aria-label={`Directions to ${s.name} in Baidu Maps`}>
          Baidu Maps
        </a>
        <a class="button" href={nav.apple} aria-label={`Directions to ${s.name} in Apple Maps`}>
          Apple Maps
        </a>
      </span>
    </li>
  );
}

/** The nearest shelters for a hazard, by the device's location (computed on the device) or by district. */
export default function NearestSheltersEn({ shelters }: { shelters: ShelterSummary[] }) {
  const [status, setStatus] = useState<Status>('idle');
  const [hazard, setHazard] = useState<ShelterHazard>(DEFAULT_SHELTER_HAZARD);
  const [from, setFrom] = useState<LngLat | undefined>();
  const [district, setDistrict] = useState('');
  useEffect(() => {
    setHazard(readHazard());
    return onHazard(setHazard);
  }, []);
  // Only the shelters designated for the chosen hazard: a riverside park is no place to go in a flood.
  const suitable = useMemo(() => shelters.filter((s) => s.hazards.includes(hazard)), [shelters, hazard]);
  const ranked = useMemo(() => (from ? rankNearest(from, suitable, HOW_MANY) : []), [from, suitable]);
  const districts = useMemo(() => [...new Set(shelters.map((s) => s.areaCode))], [shelters]);
  const inDistrict = useMemo(
    () => suitable.filter((s) => s.areaCode === district).sort((a, b) => classOrder(a) - classOrder(b) || b.capacity - a.capacity),
    [district, suitable],
  );
  const locate = () => {
    if (!('geolocation' in navigator)) return setStatus('unsupported');
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // The position stays on this device: it is used for distances and only put into the route links the user taps.
        setFrom({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        setStatus('done');
      },
      (err) => setStatus(err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const label = SHELTER_HAZARDS_EN[hazard].label.toLowerCase();
  const far = status === 'done' && (ranked[0]?.km ?? 0) > FAR_KM;
  const message =
    status === 'done'
      ? far
        ? `You seem to be outside Yangzhou: the nearest shelter is ${formatDistanceEn(ranked[0]?.km ?? 0)} away. They are still listed by distance below.`
        : `The ${ranked.length} nearest shelters for ${label}, closest first (straight-line distance):`
      : MESSAGES[status];
  return (
    <div class="nearest">
      <p class="nojs-only notice">Finding shelters by location needs JavaScript. Use the list by district further down this page.</p>
      <div class="needs-js">
        <div class="nearest-controls">
          <div class="field">
            <label for="nearest-hazard">Hazard</label>
            <HazardSelect id="nearest-hazard" value={hazard} choices={HAZARD_CHOICES_EN} onChange={setHazard} />
          </div>
          <button type="button" onClick={locate} disabled={status === 'locating'}>
            Use my location
          </button>
        </div>
        <p class="nearest-advice">{SHELTER_HAZARDS_EN[hazard].advice}</p>
        <p class="nearest-privacy">
          Only shelters designated for the chosen hazard are listed. Your location is used on this phone or computer to work out distances
          and is not sent to this site; when you tap a map app, it is handed to that app as the start of the route.
        </p>
        <p role="status" class="nearest-status">
          {message}
        </p>
        {status === 'done' && ranked.length > 0 && (
          <ol class="nearest-list" aria-label="Nearest shelters">
            {ranked.map((r) => (
              <Item key={r.shelter.id} s={r.shelter} r={r} {...(from ? { from } : {})} />
            ))}
          </ol>
        )}
        <p class="nearest-assumption">
          Walking times assume the route is {DETOUR_FACTOR} times the straight-line distance and a pace of {WALK_SPEED_KMH} km an hour. Real
          routes may be longer; allow more time for older people, children and anyone who walks slowly.
        </p>
        <h3>Or choose your district</h3>
        <label for="nearest-district">District or county</label>
        <select id="nearest-district" value={district} onChange={(e) => setDistrict(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {districts.map((code) => (
            <option key={code} value={code}>
              {districtEn(code)}
            </option>
          ))}
        </select>
        <p role="status" class="nearest-status">
          {district ? `${districtEn(district)}: ${inDistrict.length} shelters for ${label}, best equipped first.` : ''}
        </p>
        {inDistrict.length > 0 && (
          <ul class="nearest-list" aria-label={`Shelters in ${districtEn(district)}`}>
            {inDistrict.map((s) => (
              <Item key={s.id} s={s} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
