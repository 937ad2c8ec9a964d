import { IDEA_LIMITS as L } from '#api/ideas/labels.ts';
import Field, { controlProps } from '../forms/Field.tsx';
import type { IdeaValues } from './draft.ts';
import { OptionList, RadioGroup } from '../forms/controls.tsx';

/** Props: the values, how to change one, the server's messages per field and the choices. */
interface Props {
  values: IdeaValues;
  set: <K extends keyof IdeaValues>(key: K, value: IdeaValues[K]) => void;
  errors: Record<string, string>;
  themes: string[];
  districts: Array<{ code: string; name: string }>;
}

const count = (s: string, max: number) => `已写 ${[...s].length} / ${max} 字`;
const text = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** The text fields of the idea form. */
export default function IdeaFields({ values: v, set, errors, themes, districts }: Props) {
  /** The input and change handlers of text field `key`. */
  const bind = (key: 'title' | 'summary' | 'body' | 'displayName' | 'contact' | 'passphrase') => ({
    name: key,
    value: v[key],
    onInput: (e: Event) => set(key, text(e)),
  });
  const choose = (key: 'theme' | 'district') => ({ name: key, value: v[key], onChange: (e: Event) => set(key, text(e)) });
  return (
    <>
      <Field
        id="idea-title"
        label="标题（必填）"
        hint={`${L.titleMin}–${L.titleMax} 个字，一句话说清你的点子。${count(v.title, L.titleMax)}`}
        error={errors['title']}
      >
        {(p) => <input {...p} {...bind('title')} required maxLength={L.titleMax} />}
      </Field>
      <Field
        id="idea-summary"
        label="简介（必填）"
        hint={`用几句话概括，${L.summaryMin}–${L.summaryMax} 个字。${count(v.summary, L.summaryMax)}`}
        error={errors['summary']}
      >
        {(p) => <textarea {...p} {...bind('summary')} rows={3} required maxLength={L.summaryMax} />}
      </Field>
      <Field
        id="idea-body"
        label="具体内容（必填）"
        hint={`现在的问题、你的办法、需要谁来做。最多 ${L.bodyMax} 字，网址最多 ${L.maxLinks} 个。${count(v.body, L.bodyMax)}`}
        error={errors['body']}
      >
        {(p) => <textarea {...p} {...bind('body')} rows={10} required maxLength={L.bodyMax} />}
      </Field>
      <Field id="idea-theme" label="主题（必填）" error={errors['theme']}>
        {(p) => (
          <select {...p} {...choose('theme')} required>
            <OptionList options={[['', '请选择'], ...themes.map((t) => [t, t] as const)]} />
          </select>
        )}
      </Field>
      <Field id="idea-district" label="所在县（市、区）（必填）" error={errors['district']}>
        {(p) => (
          <select {...p} {...choose('district')} required>
            <OptionList options={[['', '请选择'], ...districts.map((d) => [d.code, d.name] as const)]} />
          </select>
        )}
      </Field>
      <RadioGroup
        legend="公开署名"
        name="anonymous"
        labelClass="choice"
        options={[
          [false, '署名'],
          [true, '匿名'],
        ]}
        value={v.anonymous}
        onChange={(anonymous) => set('anonymous', anonymous)}
      >
        {!v.anonymous && (
          <div class="stack">
            <Field id="idea-name" label="署名（如“李阿姨”“梅岭街道 王先生”，会公开显示）" error={errors['displayName']}>
              {(p) => <input {...p} {...bind('displayName')} maxLength={L.nameMax} autocomplete="nickname" />}
            </Field>
          </div>
        )}
      </RadioGroup>
      <Field
        id="idea-contact"
        label="联系方式（必填，手机、固定电话或电子邮箱）"
        hint="只有活动组织方能看到，用于获奖通知；结果公布后按期删除，绝不公开。"
        error={errors['contact']}
      >
        {(p) => <input {...p} {...bind('contact')} required autocomplete="tel" />}
      </Field>
      <Field
        id="idea-passphrase"
        label={`找回口令（选填，${L.passphraseMin}–${L.passphraseMax} 个字）`}
        hint="设了口令，回执码丢失后可以在“查询进度”页面凭联系方式和口令重新领取。请用别人猜不到、你自己记得住的一句话；网站只保存加密后的形式，谁也看不到原文。"
        error={errors['passphrase']}
      >
        {(p) => <input {...p} {...bind('passphrase')} maxLength={L.passphraseMax} autocomplete="off" spellcheck={false} />}
      </Field>
      {errors['consent'] && (
        <p class="field-error" id="idea-consent-error">
          <span class="visually-hidden">错误：</span>
          {errors['consent']}
        </p>
      )}
      <label class="choice">
        <input
          type="checkbox"
          {...controlProps('idea-consent', false, errors['consent'])}
          name="consent"
          checked={v.consent}
          onChange={(e) => set('consent', (e.currentTarget as HTMLInputElement).checked)}
          required
        />
        我已阅读并同意《金点子个人信息保护说明》（必填）
      </label>
      <p class="hint">
        <a href="/ideas/privacy/" target="_blank" rel="noopener">
          阅读个人信息保护说明（在新窗口打开）
        </a>
      </p>
    </>
  );
}
