import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { hasPlaceholders, prefillFor, responseFor, type DraftForm, type Prefill, type WarningOptions } from '../warnings/draft.ts';
import type { Templates } from './warnings-client.ts';
import Field, { type ControlProps } from '../forms/Field.tsx';
import WarningsPreview from './WarningsPreview.tsx';

/** What the form is for: a new draft, an existing draft, or an update of a published warning. */
export type FormMode = { kind: 'new' } | { kind: 'draft'; id: number } | { kind: 'update'; id: number; title: string };

/** Props: starting values, choices, templates, field errors from the server and the actions. */
interface Props {
  mode: FormMode;
  initial: DraftForm;
  options: WarningOptions;
  templates: Templates | null;
  errors: Record<string, string>;
  busy: boolean;
  onSave: (f: DraftForm) => void;
  onPublish: (f: DraftForm) => void;
  onClose: () => void;
}

const URGENCY: Array<[DraftForm['urgency'], string]> = [
  ['Immediate', '立即（马上行动）'],
  ['Expected', '很快（1 小时内）'],
  ['Future', '稍后（近期）'],
  ['Past', '已经过去'],
  ['Unknown', '不确定'],
];
const CERTAINTY: Array<[DraftForm['certainty'], string]> = [
  ['Observed', '已经发生'],
  ['Likely', '很可能（超过五成）'],
  ['Possible', '有可能'],
  ['Unlikely', '不太可能'],
  ['Unknown', '不确定'],
];
const STATUS: Array<[DraftForm['status'], string]> = [
  ['Actual', '实际预警'],
  ['Exercise', '演练'],
  ['Test', '测试'],
];
const TEXTS = ['headline', 'description', 'instruction', 'actions', 'headlineEn', 'descriptionEn', 'instructionEn'] as const;

/** The draft form with its live preview; templates prefill the texts for the chosen hazard and level. */
export default function WarningsForm(p: Props) {
  const [f, setF] = useState<DraftForm>(p.initial);
  const applied = useRef<Prefill | null>(null);
  const o = p.options;
  const suggestion = p.templates ? prefillFor(f, p.templates, o) : null;

  const withPrefill = (next: DraftForm, pre: Prefill | null): DraftForm => {
    applied.current = pre;
    return pre ? { ...next, ...pre, responseType: pre.responseType ?? next.responseType } : next;
  };
  const set = <K extends keyof DraftForm>(key: K, value: DraftForm[K]) => {
    const next = { ...f, [key]: value };
    // Level drives the defaults: orange and red mean act now (Immediate, Shelter/Evacuate/…), lower levels get ready.
    if ((key === 'hazard' || key === 'level') && next.hazard) Object.assign(next, responseFor(next.hazard, next.level));
    if ((key === 'hazard' || key === 'level') && p.templates) {
      // Texts still as a template left them (or empty) follow the new choice; the publisher's own words stay.
      const untouched = TEXTS.every((k) => f[k] === '' || f[k] === applied.current?.[k]);
      const pre = prefillFor(next, p.templates, o);
      if (untouched && pre) return setF(withPrefill(next, pre));
    }
    setF(next);
  };
  // Templates that arrive after the hazard and level were chosen (a slow connection) still fill empty texts.
  useEffect(() => {
    if (!p.templates) return;
    const pre = prefillFor(f, p.templates, o);
    if (pre && TEXTS.every((k) => f[k] === '')) setF(withPrefill(f, pre));
    // Only when the templates themselves change: later edits are the publisher's own.
  }, [p.templates]);
  const differs = suggestion && TEXTS.some((k) => f[k] !== suggestion[k]);
  // The API names an action by its line (`actions.2`): the error shows at the actions field.
  const err = (key: string) => p.errors[key] ?? Object.entries(p.errors).find(([k]) => k.startsWith(`${key}.`))?.[1];
  const field = (key: string, label: string, control: (c: ControlProps) => ComponentChildren, hint?: string) => (
    <Field id={`wf-${key}`} label={label} hint={hint} error={err(key)}>
      {control}
    </Field>
  );
  const text = (key: (typeof TEXTS)[number] | 'polygon') => ({
    value: f[key],
    onInput: (e: Event) => set(key, (e.currentTarget as HTMLInputElement).value),
  });
  const isUpdate = p.mode.kind === 'update';

  return (
    <div class="warning-editor">
      <form
        class="admin-form warning-form"
        aria-labelledby="editor-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!isUpdate) p.onSave(f);
        }}
      >
        <fieldset>
          <legend>信息类型</legend>
          {STATUS.map(([code, name]) => (
            <label key={code} class="inline">
              <input type="radio" name="wf-status" checked={f.status === code} onChange={() => set('status', code)} /> {name}
            </label>
          ))}
          {f.status !== 'Actual' && <p class="hint">演练和测试信息会标明“演练”“测试”，只推送给选择接收演练信息的居民。</p>}
        </fieldset>
        {field('hazard', '灾种', (c) => (
          <select {...c} value={f.hazard} onChange={(e) => set('hazard', e.currentTarget.value)} required>
            <option value="">请选择</option>
            <optgroup label="气象预警信号（扬州市气象台）">
              {choices(o.hazards.filter((h) => h.meteorological).map((h) => [h.code, h.name]))}
            </optgroup>
            <optgroup label="其他部门的预警">{choices(o.hazards.filter((h) => !h.meteorological).map((h) => [h.code, h.name]))}</optgroup>
          </select>
        ))}
        {field('level', '预警级别', (c) => (
          <select {...c} value={f.level} onChange={(e) => set('level', e.currentTarget.value as DraftForm['level'])}>
            {choices(o.levels.map((l) => [l.code, `${l.colour}预警（${l.level}，${l.name}）`]))}
          </select>
        ))}
        {p.templates && f.hazard && !suggestion && (
          <p class="hint">气象预警信号标准中没有这个灾种的这一级别，请核对级别，或自己填写说明。</p>
        )}
        <fieldset aria-describedby={err('areas') ? 'wf-areas-error' : undefined}>
          <legend>影响区域</legend>
          {o.areas.map((a) => (
            <label key={a.code} class="inline">
              <input
                type="checkbox"
                name="wf-areas"
                value={a.code}
                checked={f.areas.includes(a.code)}
                onChange={(e) => set('areas', e.currentTarget.checked ? [...f.areas, a.code] : f.areas.filter((c) => c !== a.code))}
              />{' '}
              {a.code === '321000' ? '全市' : a.name}
            </label>
          ))}
          {err('areas') && (
            <p class="field-error" id="wf-areas-error">
              {err('areas')}
            </p>
          )}
        </fieldset>
        {field('effective', '生效时间（北京时间）', (c) => (
          <input type="datetime-local" {...c} {...timeProps(f.effective, (v) => set('effective', v))} />
        ))}
        {field('onset', '预计开始时间（可不填）', (c) => (
          <input type="datetime-local" {...c} {...timeProps(f.onset, (v) => set('onset', v))} />
        ))}
        {field('expires', '失效时间（北京时间）', (c) => (
          <input type="datetime-local" {...c} {...timeProps(f.expires, (v) => set('expires', v))} />
        ))}
        {field('urgency', '紧急程度', (c) => (
          <select {...c} value={f.urgency} onChange={(e) => set('urgency', e.currentTarget.value as DraftForm['urgency'])}>
            {choices(URGENCY)}
          </select>
        ))}
        {field('certainty', '确定程度', (c) => (
          <select {...c} value={f.certainty} onChange={(e) => set('certainty', e.currentTarget.value as DraftForm['certainty'])}>
            {choices(CERTAINTY)}
          </select>
        ))}
        {field('responseType', '建议居民采取的行动', (c) => (
          <select {...c} value={f.responseType} onChange={(e) => set('responseType', e.currentTarget.value)}>
            {choices(Object.entries(o.responseNames).filter(([v]) => v !== 'AllClear'))}
          </select>
        ))}
        {differs && (
          <p>
            <button type="button" class="secondary" onClick={() => setF(withPrefill(f, suggestion))}>
              套用模板文字（替换标题、情况说明、居民行动和防御指南）
            </button>
          </p>
        )}
        {hasPlaceholders(f) && (
          <p class="notice" role="status">
            模板中［ ］里的内容是占位符，发布前必须换成具体信息（地点、时间、安置点等），并删去不适用的条目。
          </p>
        )}
        {field('headline', '标题（6–80 字）', (c) => (
          <input {...c} {...text('headline')} maxLength={80} required />
        ))}
        {field('description', '情况说明：发生了什么、在哪里', (c) => (
          <textarea {...c} {...text('description')} rows={4} required />
        ))}
        {field(
          'actions',
          '你现在应该做什么（居民行动，每行一条，最多 5 条）',
          (c) => (
            <textarea {...c} {...text('actions')} rows={5} />
          ),
          '放在预警最前面：3–5 条具体、马上能做的事，用大白话写，想到老人、孩子和行动不便的人。',
        )}
        {field('instruction', '官方防御指南（完整版）', (c) => (
          <textarea {...c} {...text('instruction')} rows={7} required />
        ))}
        <fieldset class="wf-english" lang="en">
          <legend lang="zh-CN">英文版本（供外籍居民、留学生和游客阅读；可不填）</legend>
          <p class="hint" lang="zh-CN">
            模板已预先填入英文，请和中文一样替换 [ ] 中的内容。三项都填才会作为第二个 CAP
            信息块（en-US）发出；全部留空时，英文页面只显示级别、灾种、区域和时间，并提示居民查看中文。
          </p>
          {field('headlineEn', 'English headline', (c) => (
            <input {...c} {...text('headlineEn')} maxLength={160} />
          ))}
          {field('descriptionEn', 'What is happening', (c) => (
            <textarea {...c} {...text('descriptionEn')} rows={4} />
          ))}
          {field('instructionEn', 'What residents should do now', (c) => (
            <textarea {...c} {...text('instructionEn')} rows={7} />
          ))}
        </fieldset>
        {field(
          'polygon',
          '影响范围多边形（可不填）',
          (c) => (
            <input {...c} {...text('polygon')} inputMode="decimal" autocomplete="off" />
          ),
          '格式：纬度,经度 纬度,经度 …，至少 4 个点，首尾相同（WGS-84）。',
        )}
        <div class="wf-actions">
          {!isUpdate && (
            <button type="submit" class="secondary" disabled={p.busy}>
              保存草稿
            </button>
          )}
          <button type="button" disabled={p.busy} onClick={() => p.onPublish(f)}>
            {isUpdate ? '发布更新' : '发布'}
          </button>
          {p.mode.kind !== 'new' && (
            <button type="button" class="secondary" disabled={p.busy} onClick={p.onClose}>
              {isUpdate ? '放弃更新' : '关闭草稿'}
            </button>
          )}
        </div>
      </form>
      <WarningsPreview f={f} options={o} />
    </div>
  );
}

function timeProps(value: string, onChange: (v: string) => void) {
  return { value, onInput: (e: Event) => onChange((e.currentTarget as HTMLInputElement).value) };
}

/** The options of a select: each value with the words publishers read. */
function choices(pairs: Array<[string, string]>) {
  return pairs.map(([value, name]) => (
    <option key={value} value={value}>
      {name}
    </option>
  ));
}
