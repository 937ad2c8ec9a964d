import { z } from 'zod';

/** A GB/T 2260 administrative area of Yangzhou. */
export const areaSchema = z.object({
  /** Six-digit GB/T 2260 code. */
  code: z.string().regex(/^32\d{4}$/, '应为 32 开头的 6 位行政区划代码'),
  /** Full name, e.g. 广陵区. */
  name: z.string().min(2),
  /** Short name for tight spaces, e.g. 广陵. */
  short: z.string().min(1),
  /** city, district (区) or county-level (县、县级市). */
  level: z.enum(['city', 'district', 'county']),
});

/** One area. */
export type Area = z.output<typeof areaSchema>;

/** The area list with unique codes. */
export const areaListSchema = z
  .array(areaSchema)
  .min(1)
  .refine((list) => new Set(list.map((a) => a.code)).size === list.length, '行政区划代码重复');

/**
 * Yangzhou and its districts and counties (GB/T 2260), the one list of them: plain data, so islands
 * may import it. The codes come from ../shared/standards/README.md and are to be checked (待核实)
 * against the latest county-level codes published by the Ministry of Civil Affairs.
 */
export const AREAS = [
  { code: '321000', name: '扬州市', short: '全市', level: 'city' },
  { code: '321002', name: '广陵区', short: '广陵', level: 'district' },
  { code: '321003', name: '邗江区', short: '邗江', level: 'district' },
  { code: '321012', name: '江都区', short: '江都', level: 'district' },
  { code: '321023', name: '宝应县', short: '宝应', level: 'county' },
  { code: '321081', name: '仪征市', short: '仪征', level: 'county' },
  { code: '321084', name: '高邮市', short: '高邮', level: 'county' },
] as const satisfies readonly Area[];

/** Code of the whole city. */
export const CITY_CODE = '321000';

/** The six districts and counties (everything but the city itself). */
export const DISTRICTS: readonly Area[] = AREAS.filter((a) => a.code !== CITY_CODE);

/** Codes of the districts and counties, for zod enums. */
export const districtCodes = DISTRICTS.map((a) => a.code) as [string, ...string[]];

/** The area's name, or the code itself when unknown. */
export function areaName(code: string): string {
  return AREAS.find((a) => a.code === code)?.name ?? code;
}
