import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SHELTER_HAZARD, SHELTER_HAZARDS, type ShelterHazard } from '#api/domain/shelter-hazards.ts';
import { ChoiceSelect, HazardSelect } from './HazardSelect.tsx';
import { chooseHazard, onHazard, readHazard } from './hazard-choice.ts';

/** The filter values, as they appear in the page's query string. */
interface Filter {
  hazard: ShelterHazard;
  district: string;
  cls: string;
  facility: string;
  barrierFree: boolean;
}

const EMPTY: Filter = { hazard: DEFAULT_SHELTER_HAZARD, district: '', cls: '', facility: '', barrierFree: false };

/** Fired on window after each filtering, so the map (ShelterMap.tsx) can show the same shelters. */
const FILTERED_EVENT = 'yzready:shelters-filtered';

function fromQuery(q: URLSearchParams): Filter {
  return {
    hazard: readHazard(),
    district: q.get('district') ?? '',
    cls: q.get('class') ?? '',
    facility: q.get('facility') ?? '',
    barrierFree: q.get('barrierFree') === '1',
  };
}

function toQuery(f: Filter): string {
  const q = new URLSearchParams();
  if (f.hazard !== DEFAULT_SHELTER_HAZARD) q.set('hazard', SHELTER_HAZARDS[f.hazard].slug);
  if (f.district) q.set('district', f.district);
  if (f.cls) q.set('class', f.cls);
  if (f.facility) q.set('facility', f.facility);
  if (f.barrierFree) q.set('barrierFree', '1');
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Shows or hides the server-rendered shelter cards (`[data-shelter]`) and their district groups; returns how many show. */
function apply(f: Filter): number {
  let shown = 0;
  for (const el of document.querySelectorAll<HTMLElement>('[data-shelter]')) {
    const d = el.dataset;
    const ok =
      (d['hazards'] ?? '').includes(`|${f.hazard}|`) &&
      (!f.district || d['district'] === f.district) &&
      (!f.cls || d['class'] === f.cls) &&
      (!f.facility || (d['facilities'] ?? '').includes(`|${f.facility}|`)) &&
      (!f.barrierFree || d['barrierFree'] === '1');
    el.hidden = !ok;
    if (ok) shown++;
  }
  for (const group of document.querySelectorAll<HTMLElement>('[data-district-group]')) {
    group.hidden = !group.querySelector('[data-shelter]:not([hidden])');
  }
  window.dispatchEvent(new CustomEvent(FILTERED_EVENT));
  return shown;
}

/** Props: the choices offered, from the same collection as the list. */
interface Props {
  districts: Array<{ code: string; name: string }>;
  classes: Array<{ value: string; label: string }>;
  facilities: string[];
  total: number;
}

/** Filters the full shelter list in place; without JavaScript the list stays whole and this form is hidden. */
export default function ShelterFilters({ districts, classes, facilities, total }: Props) {
  const [f, setF] = useState<Filter>(EMPTY);
  const [shown, setShown] = useState(total);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    setF(fromQuery(new URLSearchParams(location.search)));
    setReady(true);
    return onHazard((hazard) => setF((old) => (old.hazard === hazard ? old : { ...old, hazard })));
  }, []);

  useEffect(() => {
    if (!ready) return;
    setShown(apply(f));
    const url = new URL(location.href);
    url.search = toQuery(f);
    history.replaceState(history.state, '', url);
  }, [f, ready]);

  const set = (patch: Partial<Filter>) => setF({ ...f, ...patch });
  const active = f.hazard !== DEFAULT_SHELTER_HAZARD || f.district || f.cls || f.facility || f.barrierFree;

  return (
    <form class="shelter-filters" method="get" action="/shelters/" onSubmit={(e) => e.preventDefault()} aria-labelledby="filters-title">
      <h3 id="filters-title" class="filters-title">
        筛选
      </h3>
      <div class="filters-row">
        <div class="field">
          <label for="f-hazard">要躲避的灾害</label>
          <HazardSelect id="f-hazard" name="hazard" value={f.hazard} onChange={(hazard) => set({ hazard })} />
        </div>
        <div class="field">
          <label for="f-district">区县</label>
          <ChoiceSelect
            id="f-district"
            name="district"
            value={f.district}
            any="全部区县"
            choices={districts.map((d) => ({ value: d.code, label: d.name }))}
            onChange={(district) => set({ district })}
          />
        </div>
        <div class="field">
          <label for="f-class">类别</label>
          <ChoiceSelect id="f-class" name="class" value={f.cls} any="全部类别" choices={classes} onChange={(cls) => set({ cls })} />
        </div>
        <div class="field">
          <label for="f-facility">需要的设施</label>
          <ChoiceSelect
            id="f-facility"
            name="facility"
            value={f.facility}
            any="不限"
            choices={facilities.map((x) => ({ value: x, label: x }))}
            onChange={(facility) => set({ facility })}
          />
        </div>
        <div class="field check">
          <input
            id="f-barrier-free"
            type="checkbox"
            name="barrierFree"
            value="1"
            checked={f.barrierFree}
            onChange={(e) => set({ barrierFree: e.currentTarget.checked })}
          />
          <label for="f-barrier-free">只看有无障碍设施的</label>
        </div>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setF(EMPTY);
            chooseHazard(EMPTY.hazard);
          }}
          disabled={!active}
        >
          清除筛选
        </button>
      </div>
      <p role="status" class="filters-status">
        {shown === 0
          ? '没有符合条件的避难场所，请减少筛选条件。'
          : `适用于${SHELTER_HAZARDS[f.hazard].label}的：显示 ${shown} 个避难场所（共 ${total} 个）。`}
      </p>
    </form>
  );
}
