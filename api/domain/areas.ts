import { join } from 'node:path';
import { z } from 'zod';
import { CONTENT_DIR, readYamlFile } from './content-files.ts';

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

/** Yangzhou's areas, from content/areas.yaml. */
export const AREAS: readonly Area[] = readYamlFile(join(CONTENT_DIR, 'areas.yaml'), areaListSchema);

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
