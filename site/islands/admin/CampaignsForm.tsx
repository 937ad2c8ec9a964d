import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { campaignInputSchema, type AwardLevel, type Campaign, type CampaignInput, type Criterion } from '#api/ideas/campaign-contract.ts';
import { DEFAULT_AWARDS, DEFAULT_CRITERIA, DEFAULT_THEMES } from '#api/ideas/labels.ts';
import { fromLocalInput as fromLocal, toLocalInput as toLocal } from '#api/domain/clock.ts';
import Field from '../forms/Field.tsx';

/** What the form sends: the API's campaign input. */
export type CampaignDraft = CampaignInput;

const DAY = 86_400_000;
// datetime-local has no zone: the form speaks Beijing time (UTC+8, no daylight saving) whatever the browser's zone.

/** A new campaign's defaults: collecting from today for 30 days, results 15 days later. */
export function newDraft(now: number): CampaignDraft {
  const start = now - (now % 3600_000);
  return {
    title: '',
    description: '',
    themes: [...DEFAULT_THEMES],
    collectStartsAt: start,
    collectEndsAt: start + 30 * DAY,
    judgingEndsAt: start + 45 * DAY,
    awards: DEFAULT_AWARDS.map((a) => ({ ...a })),
    criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
    contactRetentionDays: 30,
  };
}

/** The editable part of an existing campaign. */
export const draftOf = (c: Campaign): CampaignDraft => ({
  title: c.title,
  description: c.description,
  themes: [...c.themes],
  collectStartsAt: c.collectStartsAt,
  collectEndsAt: c.collectEndsAt,
  judgingEndsAt: c.judgingEndsAt,
  awards: c.awards.map((a) => ({ ...a })),
  criteria: c.criteria.map((k) => ({ ...k })),
  contactRetentionDays: c.contactRetentionDays,
});

/** The first message per field of a failed check, keyed by the field's top-level name. */
function messagesOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? '_')] ??= issue.message;
  return out;
}

/** Themes as typed, one per line or separated by 、 or commas. */
const splitThemes = (text: string) =>
  text
    .split(/[、,，\n]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** One row of a list of named numbers (an award and its places, a criterion and its weight), on one line. */
function NameAndNumber(props: {
  id: string;
  name: { label: string; value: string; max: number; set: (v: string) => void };
  number: { label: string; value: number; min: number; set: (v: number) => void };
}) {
  const { id, name, number } = props;
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  return (
    <p>
      <label for={`${id}-name`}>{name.label}</label>{' '}
      <input id={`${id}-name`} value={name.value} maxLength={name.max} onInput={(e) => name.set(value(e))} />{' '}
      <label for={`${id}-number`}>{number.label}</label>{' '}
      <input
        id={`${id}-number`}
        type="number"
        min={number.min}
        max={100}
        value={number.value}
        onInput={(e) => number.set(Number(value(e)))}
      />
    </p>
  );
}

/** Props: the starting values, whether scores lock the criteria, and what to do with the result. */
interface Props {
  initial: CampaignDraft;
  criteriaLocked: boolean;
  submitLabel: string;
  onSubmit: (d: CampaignDraft) => void;
}

/** Create or edit a campaign: text, themes, phase dates (Beijing time), awards, weighted criteria. */
export default function CampaignsForm({ initial, criteriaLocked, submitLabel, onSubmit }: Props) {
  const [d, setD] = useState<CampaignDraft>(initial);
  // Checked here with the API's own schema, so a mistake is shown beside its field before anything is sent.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  const total = d.criteria.reduce((s, c) => s + c.weight, 0);
  const setAward = (i: number, patch: Partial<AwardLevel>) =>
    setD({ ...d, awards: d.awards.map((a, j) => (i === j ? { ...a, ...patch } : a)) });
  const setCriterion = (i: number, patch: Partial<Criterion>) =>
    setD({ ...d, criteria: d.criteria.map((c, j) => (i === j ? { ...c, ...patch } : c)) });
  const date = (key: 'collectStartsAt' | 'collectEndsAt' | 'judgingEndsAt', label: string) => (
    <Field id={`c-${key}`} label={label} error={errors[key]}>
      {(p) => (
        <input {...p} type="datetime-local" required value={toLocal(d[key])} onChange={(e) => setD({ ...d, [key]: fromLocal(val(e)) })} />
      )}
    </Field>
  );
  return (
    <form
      class="admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = campaignInputSchema.safeParse(d);
        setErrors(checked.success ? {} : messagesOf(checked.error));
        if (checked.success) onSubmit(d);
      }}
    >
      {Object.keys(errors).length > 0 && (
        <p class="form-error" role="alert">
          请先修改标出的内容。
        </p>
      )}
      <Field id="c-title" label="活动名称" error={errors['title']}>
        {(p) => <input {...p} required maxLength={60} value={d.title} onInput={(e) => setD({ ...d, title: val(e) })} />}
      </Field>
      <Field id="c-description" label="活动说明（征集什么、谁可以参加、奖励）" error={errors['description']}>
        {(p) => (
          <textarea {...p} rows={5} required maxLength={2000} value={d.description} onInput={(e) => setD({ ...d, description: val(e) })} />
        )}
      </Field>
      <Field id="c-themes" label="主题（用顿号或换行分隔）" error={errors['themes']}>
        {(p) => <textarea {...p} rows={3} value={d.themes.join('、')} onChange={(e) => setD({ ...d, themes: splitThemes(val(e)) })} />}
      </Field>
      {date('collectStartsAt', '征集开始（北京时间）')}
      {date('collectEndsAt', '征集截止、评审开始（北京时间）')}
      {date('judgingEndsAt', '预计公布结果（北京时间）')}
      <fieldset>
        <legend>奖项和名额</legend>
        {errors['awards'] && <p class="field-error">{errors['awards']}</p>}
        {d.awards.map((a, i) => (
          <NameAndNumber
            key={a.code}
            id={`award-${i}`}
            name={{ label: `奖项 ${i + 1} 名称`, value: a.name, max: 10, set: (name) => setAward(i, { name }) }}
            number={{ label: '名额', value: a.count, min: 0, set: (count) => setAward(i, { count }) }}
          />
        ))}
      </fieldset>
      <fieldset disabled={criteriaLocked}>
        <legend>
          评审标准和权重（合计 {total}%{total === 100 ? '' : '，必须等于 100%'}）
        </legend>
        {criteriaLocked && <p class="muted">已有评委打分，评审标准不能再修改。</p>}
        {errors['criteria'] && <p class="field-error">{errors['criteria']}</p>}
        {d.criteria.map((c, i) => (
          <NameAndNumber
            key={c.key}
            id={`crit-${i}`}
            name={{ label: `标准 ${i + 1}`, value: c.name, max: 12, set: (name) => setCriterion(i, { name }) }}
            number={{ label: '权重（%）', value: c.weight, min: 1, set: (weight) => setCriterion(i, { weight }) }}
          />
        ))}
        {d.criteria.length < 8 && (
          <button
            type="button"
            class="secondary"
            onClick={() => setD({ ...d, criteria: [...d.criteria, { key: `c${Date.now() % 100000}`, name: '', weight: 10 }] })}
          >
            添加一项标准
          </button>
        )}
      </fieldset>
      <Field id="c-retention" label="结果公布后多少天删除提交人的联系方式" error={errors['contactRetentionDays']}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            max={365}
            value={d.contactRetentionDays}
            onInput={(e) => setD({ ...d, contactRetentionDays: Number(val(e)) })}
          />
        )}
      </Field>
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
