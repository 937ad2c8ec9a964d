import { z } from 'zod';
import { districtCodes } from '#api/domain/areas.ts';
import { SHELTER_HAZARD_NAMES } from '#api/domain/shelter-hazards.ts';

/** Facilities named by GB 21734-2008 (基本, 一般 and 综合设施). */
export const FACILITIES = [
  '篷宿区',
  '医疗救护',
  '供水',
  '供电',
  '排污',
  '厕所',
  '垃圾储运',
  '应急通道',
  '标志',
  '消防',
  '物资储备',
  '应急指挥',
  '停车场',
  '停机坪',
  '洗浴',
  '通风',
  '功能介绍',
] as const;

/** GB 21734-2008 §6 (配套设施): 基本设施 for every class, 一般设施 from Ⅱ类, 综合设施 for Ⅰ类. */
export const BASIC_FACILITIES = ['篷宿区', '医疗救护', '供水', '供电', '排污', '厕所', '垃圾储运', '应急通道', '标志'] as const;
const GENERAL_FACILITIES = ['消防', '物资储备', '应急指挥'] as const;
const COMPREHENSIVE_FACILITIES = ['停车场', '停机坪', '洗浴', '通风', '功能介绍'] as const;

/** The facilities a shelter must have to be of each class (GB 21734-2008 §4 and §6). */
export const REQUIRED_FACILITIES = {
  Ⅲ: [...BASIC_FACILITIES],
  Ⅱ: [...BASIC_FACILITIES, ...GENERAL_FACILITIES],
  Ⅰ: [...BASIC_FACILITIES, ...GENERAL_FACILITIES, ...COMPREHENSIVE_FACILITIES],
} as const;

/** Yangzhou's bounding box (WGS-84), generous by a few kilometres. */
export const YANGZHOU_BOUNDS = { south: 32.15, north: 33.45, west: 119.0, east: 119.95 } as const;

/** GB 21734: at least 1.5 m² of effective area per person. */
export const MIN_AREA_PER_PERSON = 1.5;

/** content/shelters/<id>.yaml. */
export const shelterSchema = z
  .object({
    id: z.string().regex(/^(gl|hj|jd|by|yz|gy)-[a-z0-9-]+$/, '应为 区县前缀-拼音，例如 gl-songjiacheng'),
    name: z.string().min(4),
    areaCode: z.enum(districtCodes),
    address: z.string().min(4),
    /** WGS-84. */
    location: z.object({
      lat: z.number().min(YANGZHOU_BOUNDS.south, '纬度不在扬州范围内').max(YANGZHOU_BOUNDS.north, '纬度不在扬州范围内'),
      lng: z.number().min(YANGZHOU_BOUNDS.west, '经度不在扬州范围内').max(YANGZHOU_BOUNDS.east, '经度不在扬州范围内'),
    }),
    /** 场地型 open space or 场所型 building. */
    kind: z.enum(['场地型', '场所型']),
    /** GB 21734 class. */
    class: z.enum(['Ⅰ', 'Ⅱ', 'Ⅲ']),
    /** Effective area in m². */
    effectiveArea: z.number().int().positive(),
    /** People it can hold. */
    capacity: z.number().int().positive(),
    facilities: z.array(z.enum(FACILITIES, { error: '设施名称不在 GB 21734 列表中' })).min(1),
    barrierFree: z.boolean(),
    /** Hazards it is designated for. */
    hazards: z.array(z.enum(SHELTER_HAZARD_NAMES, { error: '灾种应为 地震、火灾、洪涝、台风、危化品泄漏 之一' })).min(1),
    /** Hazards it must not be used for, each with the reason in words a resident understands. */
    notFor: z.array(z.object({ hazard: z.enum(SHELTER_HAZARD_NAMES), reason: z.string().min(8) })),
    /** Neighbourhoods it serves. */
    serves: z.array(z.string().min(2)).min(1),
    manager: z.string().min(2),
    phone: z.string().regex(/^0514-\d{8}$/),
    /** always open, or only when activated. */
    open: z.enum(['always', 'activated']),
    /** Figures not confirmed by the responsible office. */
    sample: z.boolean(),
  })
  // Every hazard is decided one way or the other, so a new shelter cannot be offered for a flood by omission.
  .refine((s) => SHELTER_HAZARD_NAMES.every((h) => s.hazards.includes(h) !== s.notFor.some((n) => n.hazard === h)), {
    message: '每个灾种都要写明：适用（hazards）或不适用（notFor），且只能写在一处',
    path: ['hazards'],
  })
  // Open ground has no roof: in a flood or typhoon people go to a building on high ground (转移安置点).
  .refine((s) => s.kind === '场所型' || !s.hazards.some((h) => h === '洪涝' || h === '台风'), {
    message: '场地型（露天）场所不能用于洪涝、台风：请写入 notFor',
    path: ['hazards'],
  })
  .refine((s) => s.capacity <= s.effectiveArea / MIN_AREA_PER_PERSON, {
    message: `容量超过有效面积 ÷ ${MIN_AREA_PER_PERSON} 平方米（GB 21734 人均最低面积）`,
    path: ['capacity'],
  });

/** A shelter. */
export type Shelter = z.output<typeof shelterSchema>;
