import { useState } from 'preact/hooks';
import type { DistrictOption } from './DistrictPicker.tsx';
import type { PushPrefs } from '#api/push/contract.ts';
import type { HazardCode } from '#api/domain/hazards.ts';
import { CheckboxList, FormError, OptionList, RadioGroup } from '../forms/controls.tsx';

/** Props: the choices, the starting preferences, the subscription state and the actions. */
interface Props {
  districts: DistrictOption[];
  hazards: Array<{ code: HazardCode; name: string }>;
  levels: Array<{ code: PushPrefs['minLevel']; name: string }>;
  initial: PushPrefs;
  subscribed: boolean;
  busy: boolean;
  onSave: (prefs: PushPrefs) => void;
  onTest: () => void;
  onUnsubscribe: () => void;
}

/** What to receive by push: districts, hazard types, lowest level, drills. */
export default function PushPrefsForm(p: Props) {
  const [chosen, setChosen] = useState<string[]>(p.initial.districts);
  const [allHazards, setAllHazards] = useState(p.initial.hazards === null);
  const [hazards, setHazards] = useState<HazardCode[]>(p.initial.hazards ?? []);
  const [minLevel, setMinLevel] = useState<PushPrefs['minLevel']>(p.initial.minLevel);
  const [exercises, setExercises] = useState(p.initial.exercises);
  const [problem, setProblem] = useState('');

  const toggle = <T extends string>(list: T[], code: T, on: boolean) => (on ? [...list, code] : list.filter((c) => c !== code));
  const submit = (e: Event) => {
    e.preventDefault();
    if (!chosen.length) return setProblem('请至少选择一个区县。');
    if (!allHazards && !hazards.length) return setProblem('请至少选择一种灾种，或选择“全部灾种”。');
    setProblem('');
    p.onSave({ districts: chosen, hazards: allHazards ? null : hazards, minLevel, exercises });
  };

  return (
    <form class="push-form" onSubmit={submit} aria-label="预警推送设置">
      <fieldset>
        <legend>推送哪些区县的预警</legend>
        <p class="hint">发往全市的预警总会推送。</p>
        <CheckboxList
          name="push-district"
          items={p.districts}
          chosen={chosen}
          onToggle={(code, on) => setChosen(toggle(chosen, code, on))}
        />
      </fieldset>
      <RadioGroup
        legend="哪些灾种"
        name="push-hazard-mode"
        labelClass="choice"
        options={[
          [true, '全部灾种'],
          [false, '只要选中的灾种'],
        ]}
        value={allHazards}
        onChange={setAllHazards}
      >
        {!allHazards && (
          <CheckboxList
            name="push-hazard"
            class="hazard-choices"
            items={p.hazards}
            chosen={hazards}
            onToggle={(code, on) => setHazards(toggle(hazards, code, on))}
          />
        )}
      </RadioGroup>
      <label for="push-min-level">最低预警级别</label>
      <select id="push-min-level" value={minLevel} onChange={(e) => setMinLevel(e.currentTarget.value as PushPrefs['minLevel'])}>
        <OptionList options={p.levels.map((l) => [l.code, l.name])} />
      </select>
      <label class="choice">
        <input type="checkbox" checked={exercises} onChange={(e) => setExercises(e.currentTarget.checked)} />
        也接收演练和测试信息（会标明“演练”或“测试”）
      </label>
      <FormError message={problem} />
      <div class="push-actions">
        <button type="submit" disabled={p.busy}>
          {p.subscribed ? '保存推送设置' : '订阅预警推送'}
        </button>
        {p.subscribed && (
          <>
            <button type="button" class="secondary" disabled={p.busy} onClick={p.onTest}>
              发送测试通知
            </button>
            <button type="button" class="secondary" disabled={p.busy} onClick={p.onUnsubscribe}>
              取消订阅
            </button>
          </>
        )}
      </div>
    </form>
  );
}
