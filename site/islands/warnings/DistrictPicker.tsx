import { useState } from 'preact/hooks';
import { saveDistricts } from './storage.ts';
import { CheckboxList } from '../forms/controls.tsx';

/** A district or county of Yangzhou. */
export interface DistrictOption {
  code: string;
  name: string;
}

/** Props: the six districts, the resident's choice, and what to do when it changes. */
interface Props {
  districts: DistrictOption[];
  chosen: string[];
  onChange: (codes: string[]) => void;
}

/** 我关心的区县: chosen once, kept in this browser (localStorage), changeable at any time. */
export default function DistrictPicker({ districts, chosen, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  const names = districts.filter((d) => chosen.includes(d.code)).map((d) => d.name);
  const toggle = (code: string, on: boolean) => {
    const next = districts.map((d) => d.code).filter((c) => (c === code ? on : chosen.includes(c)));
    // Stay open while the resident is choosing, so the checkbox in focus does not disappear.
    setEditing(true);
    saveDistricts(next);
    onChange(next);
  };

  if (!editing && names.length > 0)
    return (
      <p class="district-summary">
        你关心的区县：<strong>{names.join('、')}</strong>{' '}
        <button type="button" class="secondary" onClick={() => setEditing(true)}>
          更改区县
        </button>
      </p>
    );
  return (
    <fieldset class="district-picker">
      <legend>我关心的区县（可多选，只保存在这台设备上）</legend>
      <p class="hint">选好后，这些区县的预警排在最前面。全市性的预警总会显示。</p>
      <CheckboxList items={districts} chosen={chosen} onToggle={toggle} />
      {names.length > 0 && (
        <button type="button" class="secondary" onClick={() => setEditing(false)}>
          完成
        </button>
      )}
    </fieldset>
  );
}
