// The publisher's draft form: its values, conversion to and from the API's WarningInput, the
// templates that prefill it, and the title residents will see. Used by site/islands/admin/Warnings*.tsx.
import { englishHeadline } from '#api/domain/english.ts';
import type { HazardCode, LevelCode } from '#api/domain/hazards.ts';
import { defaultResponse } from '#api/warnings/act-now.ts';
import { officeFor } from '#api/warnings/offices.ts';
import type { WarningInput } from '#api/warnings/contract.ts';
import type { Templates } from '../admin/warnings-client.ts';
import { fromLocalInput, toLocalInput } from './format.ts';

/** The choices the page passes in from api/domain (the islands cannot read the content files). */
export interface WarningOptions {
  areas: Array<{ code: string; name: string }>;
  hazards: Array<{ code: string; name: string; meteorological: boolean }>;
  levels: Array<{ code: LevelCode; colour: string; level: string; name: string }>;
  responseNames: Record<string, string>;
}

/** The form's values: times as `datetime-local` strings in Beijing time. */
export interface DraftForm {
  status: WarningInput['status'];
  hazard: string;
  level: LevelCode;
  urgency: WarningInput['urgency'];
  certainty: WarningInput['certainty'];
  responseType: string;
  effective: string;
  onset: string;
  expires: string;
  headline: string;
  description: string;
  instruction: string;
  /** 你现在应该做什么, one action a line. */
  actions: string;
  areas: string[];
  polygon: string;
  /** English for foreign residents (the second CAP info); all three or none. */
  headlineEn: string;
  descriptionEn: string;
  instructionEn: string;
}

/** The texts a template fills in. */
export type Prefill = Pick<
  DraftForm,
  'headline' | 'description' | 'instruction' | 'actions' | 'headlineEn' | 'descriptionEn' | 'instructionEn'
> & { responseType?: string };

/** A new draft: effective now, expiring in six hours, nothing chosen yet. */
export function emptyForm(now: number): DraftForm {
  const minute = Math.floor(now / 60_000) * 60_000;
  return {
    status: 'Actual',
    hazard: '',
    level: 'yellow',
    urgency: 'Expected',
    certainty: 'Likely',
    responseType: 'Prepare',
    effective: toLocalInput(minute),
    onset: '',
    expires: toLocalInput(minute + 6 * 3600_000),
    headline: '',
    description: '',
    instruction: '',
    actions: '',
    areas: [],
    polygon: '',
    headlineEn: '',
    descriptionEn: '',
    instructionEn: '',
  };
}

/** The form for an existing message (a draft to edit, or a published one to update). */
export function formFromInput(i: WarningInput): DraftForm {
  return {
    ...i,
    effective: toLocalInput(i.effective),
    onset: i.onset ? toLocalInput(i.onset) : '',
    expires: toLocalInput(i.expires),
    actions: i.actions.join('\n'),
    polygon: i.polygon ?? '',
    headlineEn: i.headlineEn ?? '',
    descriptionEn: i.descriptionEn ?? '',
    instructionEn: i.instructionEn ?? '',
  };
}

/** The body the API takes. */
export function inputFromForm(f: DraftForm): WarningInput {
  return {
    ...f,
    hazard: f.hazard as HazardCode,
    responseType: f.responseType as WarningInput['responseType'],
    effective: fromLocalInput(f.effective),
    onset: f.onset ? fromLocalInput(f.onset) : null,
    expires: fromLocalInput(f.expires),
    actions: f.actions
      .split('\n')
      .map((a) => a.replace(/^\s*(\d+[.、．]|[-•·])\s*/, '').trim())
      .filter(Boolean),
    polygon: f.polygon.trim() || null,
    headlineEn: f.headlineEn.trim() || null,
    descriptionEn: f.descriptionEn.trim() || null,
    instructionEn: f.instructionEn.trim() || null,
  };
}

/** The issuing office's name for a hazard (扬州市气象台 for the meteorological ones). */
export const officeName = (hazard: string) => officeFor(hazard as HazardCode).name;

/** What the templates suggest for this hazard and level; null when there is nothing. */
export function prefillFor(f: Pick<DraftForm, 'hazard' | 'level'>, t: Templates, o: WarningOptions): Prefill | null {
  const hazard = o.hazards.find((h) => h.code === f.hazard);
  const level = o.levels.find((l) => l.code === f.level);
  if (!hazard || !level) return null;
  const en = t.english?.find((x) => x.hazard === f.hazard);
  const english = {
    headlineEn: en ? englishHeadline(officeName(f.hazard), f.hazard as HazardCode, f.level) : '',
    descriptionEn: en?.levels?.[f.level] ?? en?.description ?? '',
    instructionEn: en?.instruction ?? '',
  };
  const actions = (t.actions[f.hazard as HazardCode]?.[f.level] ?? []).join('\n');
  if (hazard.meteorological) {
    const s = t.signals.find((x) => x.hazard === f.hazard && x.level === f.level);
    if (!s) return null;
    return {
      headline: `${officeName(f.hazard)}发布${hazard.name}${level.colour}预警信号`,
      description: s.standard,
      instruction: s.guidance.join('\n'),
      ...english,
      actions,
    };
  }
  const office = t.office.find((x) => x.hazard === f.hazard);
  if (!office) return null;
  return {
    headline: `${officeName(f.hazard)}发布${office.title}`,
    description: office.description,
    instruction: office.instruction,
    ...english,
    actions,
    // Orange and red mean act now; lower levels keep the office's own choice.
    responseType: f.level === 'orange' || f.level === 'red' ? defaultResponse(f.hazard, f.level).responseType : office.responseType,
  };
}

/** Placeholders of the office templates (［地点］) that must be replaced before publishing. */
export const PLACEHOLDER = /[［］]/;

/** Placeholders of the English templates ([place]). */
export const PLACEHOLDER_EN = /[[\]]/;

/** Whether any text still has a ［ ］ placeholder (or [ ] in the English): of the form, or of a listed draft (`english`). */
export const hasPlaceholders = (
  f: Pick<DraftForm, 'headline' | 'description' | 'instruction' | 'actions'> & {
    headlineEn?: string;
    descriptionEn?: string;
    instructionEn?: string;
    english?: { headline: string | null; description: string | null; instruction: string | null };
  },
) =>
  [f.headline, f.description, f.instruction, f.actions].some((s) => PLACEHOLDER.test(s)) ||
  [f.headlineEn, f.descriptionEn, f.instructionEn, f.english?.headline, f.english?.description, f.english?.instruction].some(
    (s) => typeof s === 'string' && PLACEHOLDER_EN.test(s),
  );

/** The response type and urgency a level suggests (act now for orange and red). */
export const responseFor = (hazard: string, level: LevelCode) => defaultResponse(hazard, level);

/** The title residents see: 【橙色预警】暴雨, prefixed 【演练】/【测试】 (as api/warnings/view.ts). */
export function titleOf(f: Pick<DraftForm, 'status' | 'hazard' | 'level'>, o: WarningOptions): string {
  const prefix = f.status === 'Exercise' ? '【演练】' : f.status === 'Test' ? '【测试】' : '';
  const hazard = o.hazards.find((h) => h.code === f.hazard)?.name ?? '（未选灾种）';
  const level = o.levels.find((l) => l.code === f.level);
  return `${prefix}【${level?.colour ?? ''}预警】${hazard}`;
}
