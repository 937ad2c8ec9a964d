import { z } from 'zod';
import { AREAS } from '../domain/areas.ts';
import { hazardCodeSchema, levelCodeSchema } from '../domain/hazards.ts';

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

const epochMs = z.number().int().min(Date.parse('2020-01-01T00:00:00Z'), '时间不正确');

/** What a publisher writes: the content of a warning message. */
export const warningInputSchema = z
  .object({
    /** Actual, Exercise (演练) or Test (测试). */
    status: z.enum(['Actual', 'Exercise', 'Test']).default('Actual'),
    hazard: hazardCodeSchema,
    level: levelCodeSchema,
    urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']).default('Expected'),
    certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']).default('Likely'),
    responseType: z.enum(RESPONSE_TYPES).default('Prepare'),
    /** When it takes effect (ms). */
    effective: epochMs,
    /** When the hazard is expected to begin (ms). */
    onset: epochMs.nullable().default(null),
    /** When it expires (ms); after this it is never shown as active. */
    expires: epochMs,
    headline: z.string().trim().min(6, '标题至少 6 个字').max(80, '标题不超过 80 个字'),
    description: z.string().trim().min(10, '请写清发生了什么、在哪里').max(2000),
    instruction: z.string().trim().min(6, '请写清居民应该做什么').max(2000),
    /** Affected areas (GB/T 2260); 321000 means the whole city. */
    areas: z
      .array(z.enum(areaCodes, { error: '未知的区域代码' }))
      .min(1, '请至少选择一个区域')
      .max(7),
    /** Optional CAP polygon: "lat,lng lat,lng …", closed (first = last), ≥ 4 points. */
    polygon: z
      .string()
      .trim()
      .regex(/^(-?\d+(\.\d+)?,-?\d+(\.\d+)? ){3,}-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, '多边形格式应为“纬度,经度 纬度,经度 …”，至少 4 个点')
      .refine((p) => p.split(' ')[0] === p.split(' ').at(-1), '多边形首尾两点应相同')
      .nullable()
      .default(null),
  })
  .refine((w) => w.expires > w.effective, { message: '失效时间应晚于生效时间', path: ['expires'] });

/** A warning as the publisher writes it. */
export type WarningInput = z.output<typeof warningInputSchema>;
