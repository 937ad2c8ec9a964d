import { z } from 'zod';
import { AREAS } from '../domain/areas.ts';
import { hazardCodeSchema, levelCodeSchema } from '../domain/hazards.ts';
import { defaultResponse } from './act-now.ts';
import { cleanText } from './text.ts';

const areaCodes = AREAS.map((a) => a.code) as [string, ...string[]];

/** CAP 1.2 responseType values (§3.2.2). */
export const RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;

/** Residents' words for each responseType. */
export const RESPONSE_NAMES: Record<(typeof RESPONSE_TYPES)[number], string> = {
  Shelter: '就地避险',
  Evacuate: '撤离',
  Prepare: '做好准备',
  Execute: '按指令行动',
  Avoid: '避开危险区域',
  Monitor: '关注最新信息',
  Assess: '评估情况',
  AllClear: '警报解除',
  None: '无需行动',
};

/** Earliest time a message may carry. */
export const EARLIEST_TIME = Date.parse('2020-01-01T00:00:00+08:00');
/** How far ahead of now a message's times may lie. */
export const MAX_AHEAD_MS = 30 * 24 * 3600_000;

// The upper bound here only keeps dates printable; `timesProblem` holds them to 30 days from now.
const epochMs = z
  .number({ error: '请填写时间' })
  .int('时间不正确')
  .min(EARLIEST_TIME, '时间不能早于 2020 年')
  .max(Date.parse('2100-01-01T00:00:00Z'), '时间不能晚于今后 30 天');

/** Publisher text: normalised (see text.ts), then held to its length in characters as residents count them. */
export const publisherText = (opts: { min: number; max: number; tooShort: string; tooLong: string; singleLine?: boolean }) =>
  z
    .string({ error: '请填写这一项' })
    .max(opts.max * 4, opts.tooLong)
    .transform((s) => cleanText(s, { singleLine: opts.singleLine ?? false }))
    .pipe(
      z
        .string()
        .refine((s) => [...s].length >= opts.min, opts.tooShort)
        .refine((s) => [...s].length <= opts.max, opts.tooLong),
    );

/** Optional English publisher text: missing, null or blank is null; otherwise as `publisherText`. */
const englishText = (opts: Parameters<typeof publisherText>[0]) =>
  z.preprocess((v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v), publisherText(opts).nullable());

/** What a publisher writes: the content of a warning message. */
export const warningInputSchema = z
  .object({
    /** Actual, Exercise (演练) or Test (测试). */
    status: z.enum(['Actual', 'Exercise', 'Test']).default('Actual'),
    hazard: hazardCodeSchema,
    level: levelCodeSchema,
    /** Left out: Immediate for orange and red, else Expected (act-now.ts). */
    urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']).optional(),
    certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']).default('Likely'),
    /** Left out: the hazard's act-now response for orange and red, else Prepare (act-now.ts). */
    responseType: z.enum(RESPONSE_TYPES).optional(),
    /** When it takes effect (ms). */
    effective: epochMs,
    /** When the hazard is expected to begin (ms). */
    onset: epochMs.nullable().default(null),
    /** When it expires (ms); after this it is never shown as active. */
    expires: epochMs,
    headline: publisherText({ min: 6, max: 80, tooShort: '标题至少 6 个字', tooLong: '标题不超过 80 个字', singleLine: true }),
    description: publisherText({ min: 10, max: 2000, tooShort: '请写清发生了什么、在哪里', tooLong: '情况说明不超过 2000 个字' }),
    instruction: publisherText({ min: 6, max: 2000, tooShort: '请写清居民应该做什么', tooLong: '行动建议不超过 2000 个字' }),
    /** 你现在应该做什么: up to five short actions in plain words, shown before the official guidance (instruction). */
    actions: z
      .array(publisherText({ min: 4, max: 60, tooShort: '每条行动至少 4 个字', tooLong: '每条行动不超过 60 个字', singleLine: true }))
      .max(5, '居民行动最多 5 条，请只留最要紧的')
      .default([]),
    /** Affected areas (GB/T 2260); 321000 means the whole city. */
    areas: z
      .array(z.enum(areaCodes, { error: '未知的区域代码' }))
      .min(1, '请至少选择一个区域')
      .max(7),
    /** Optional CAP polygon: "lat,lng lat,lng …", closed (first = last), ≥ 4 points. */
    polygon: z
      .string()
      .max(4000, '多边形的点太多')
      .trim()
      .regex(/^(-?\d+(\.\d+)?,-?\d+(\.\d+)? ){3,}-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, '多边形格式应为“纬度,经度 纬度,经度 …”，至少 4 个点')
      .refine((p) => p.split(' ')[0] === p.split(' ').at(-1), '多边形首尾两点应相同')
      .nullable()
      .default(null),
    /** English headline for foreign residents (second CAP `info`, en-US); empty means none. */
    headlineEn: englishText({
      min: 6,
      max: 160,
      tooShort: '英文标题至少 6 个字符',
      tooLong: '英文标题不超过 160 个字符',
      singleLine: true,
    }),
    /** English description, required with an English headline. */
    descriptionEn: englishText({ min: 10, max: 4000, tooShort: '英文情况说明太短', tooLong: '英文情况说明不超过 4000 个字符' }),
    /** English instruction, required with an English headline. */
    instructionEn: englishText({ min: 6, max: 4000, tooShort: '英文行动建议太短', tooLong: '英文行动建议不超过 4000 个字符' }),
  })
  .refine((w) => w.expires > w.effective, { message: '失效时间应晚于生效时间', path: ['expires'] })
  .superRefine((w, ctx) => {
    // The English block goes out whole or not at all: a CAP info needs its headline, description and instruction.
    const given = [w.headlineEn, w.descriptionEn, w.instructionEn].filter((x) => x !== null).length;
    if (given === 0 || given === 3) return;
    for (const k of ['headlineEn', 'descriptionEn', 'instructionEn'] as const)
      if (w[k] === null) ctx.addIssue({ code: 'custom', path: [k], message: '英文内容要么三项都填，要么全部留空' });
  })
  .transform((w) => {
    const d = defaultResponse(w.hazard, w.level);
    return { ...w, urgency: w.urgency ?? d.urgency, responseType: w.responseType ?? d.responseType };
  });

/** The first field whose time lies outside 2020 … now + 30 days, with a message naming it; null when all are sane. */
export function timesProblem(w: Pick<WarningInput, 'effective' | 'onset' | 'expires'>, now: number): [string, string] | null {
  const limit = now + MAX_AHEAD_MS;
  if (w.effective > limit) return ['effective', '生效时间不能晚于今后 30 天'];
  if (w.onset !== null && w.onset > limit) return ['onset', '开始时间不能晚于今后 30 天'];
  if (w.expires > limit) return ['expires', '失效时间不能晚于今后 30 天'];
  return null;
}

/** A warning as the publisher writes it. */
export type WarningInput = z.output<typeof warningInputSchema>;
