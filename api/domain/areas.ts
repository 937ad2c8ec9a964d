/** A GB/T 2260 administrative area of Yangzhou (tests/content/areas.test.ts checks the list below). */
export interface Area {
  /** Six-digit GB/T 2260 code. */
  code: string;
  /** Full name, e.g. 广陵区. */
  name: string;
  /** Short name for tight spaces, e.g. 广陵. */
  short: string;
  /** city, district (区) or county-level (县、县级市). */
  level: 'city' | 'district' | 'county';
}

/**
 * Yangzhou and its districts and counties (GB/T 2260), the one list of them: plain data with no
 * imports, so islands may import it. The codes come from ../shared/standards/README.md and are to be checked (待核实)
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
