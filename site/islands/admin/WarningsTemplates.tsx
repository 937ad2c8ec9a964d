import { useState } from 'preact/hooks';
import type { HazardCode } from '#api/domain/hazards.ts';
import type { RESPONSE_TYPES } from '#api/warnings/contract.ts';
import { call } from '#site/lib/api-client.ts';
import type { WarningOptions } from '../warnings/draft.ts';
import { useActionStatus } from './action-status.tsx';
import { templatesApi, type Templates } from './warnings-client.ts';
import { FormError, OptionList } from '../forms/controls.tsx';

type Template = Templates['office'][number];

/** Props: the office templates, the choices, and what to do after a save. */
interface Props {
  office: Template[];
  options: WarningOptions;
  onSaved: () => void;
}

/** Admins only: edit the office templates that prefill non-meteorological warnings. */
export default function WarningsTemplates({ office, options, onSaved }: Props) {
  const [hazard, setHazard] = useState<HazardCode | ''>((office[0]?.hazard as HazardCode | undefined) ?? '');
  const current = office.find((t) => t.hazard === hazard);
  const { run, error, message: done } = useActionStatus();
  const name = (code: string) => options.hazards.find((h) => h.code === code)?.name ?? code;

  const save = async (e: Event) => {
    e.preventDefault();
    if (!hazard) return;
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => String(f.get(name) ?? '');
    // The choices of the selects are the API's own codes (the office templates, options.responseNames).
    const responseType = text('responseType') as (typeof RESPONSE_TYPES)[number];
    const json = { title: text('title'), description: text('description'), instruction: text('instruction'), responseType };
    await run(() => call(templatesApi[':hazard'].$put({ param: { hazard }, json })), `已保存“${name(hazard)}”的模板。`, onSaved);
  };

  return (
    <details class="templates-editor">
      <summary>编辑部门预警模板（管理员）</summary>
      <p class="muted">
        这些模板在起草非气象类预警时预先填入。［
        ］中的内容是占位符，发布前由发布员替换。气象预警信号的文字来自中国气象局的防御指南，不在这里修改。
      </p>
      <label for="tpl-hazard">要编辑哪个灾种的模板</label>{' '}
      <select id="tpl-hazard" value={hazard} onChange={(e) => setHazard(e.currentTarget.value as HazardCode)}>
        {office.map((t) => (
          <option key={t.hazard} value={t.hazard}>
            {name(t.hazard)}
          </option>
        ))}
      </select>
      {current && (
        <form class="admin-form" key={hazard} onSubmit={(e) => void save(e)}>
          <label for="tpl-title">模板名称</label>
          <input id="tpl-title" name="title" defaultValue={current.title} required maxLength={40} />
          <label for="tpl-description">情况说明</label>
          <textarea id="tpl-description" name="description" defaultValue={current.description} rows={4} required />
          <label for="tpl-instruction">居民应该做什么</label>
          <textarea id="tpl-instruction" name="instruction" defaultValue={current.instruction} rows={8} required />
          <label for="tpl-response">建议行动</label>
          <select id="tpl-response" name="responseType" defaultValue={current.responseType}>
            <OptionList options={Object.entries(options.responseNames)} />
          </select>
          <div aria-live="polite">{done && <p class="notice">{done}</p>}</div>
          <FormError message={error} />
          <button type="submit">保存模板</button>
        </form>
      )}
    </details>
  );
}
