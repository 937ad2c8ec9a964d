import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { readYamlFile } from '#api/domain/content-files.ts';
import { AREAS, CITY_CODE, DISTRICTS } from '#api/domain/areas.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { populationSchema } from '#site/schemas/household.ts';

/** A GB/T 2260 administrative area of Yangzhou, as the list must hold it. */
const areaSchema = z.object({
  code: z.string().regex(/^32\d{4}$/, '应为 32 开头的 6 位行政区划代码'),
  name: z.string().min(2),
  short: z.string().min(1),
  level: z.enum(['city', 'district', 'county']),
});

/** The area list with unique codes. */
const areaListSchema = z
  .array(areaSchema)
  .min(1)
  .refine((list) => new Set(list.map((a) => a.code)).size === list.length, '行政区划代码重复');

// api/domain/areas.ts is the one list of areas (content/areas.yaml is gone); content that names areas is held to it.
describe('areas', () => {
  test('the list is well-formed: GB/T 2260 codes, unique, one city', () => {
    expect(areaListSchema.safeParse(AREAS).success).toBe(true);
    expect(AREAS.filter((a) => a.level === 'city').map((a) => a.code)).toEqual([CITY_CODE]);
    expect(DISTRICTS).toHaveLength(6);
  });

  test('content/population.yaml has one row for every district and county, and no other', () => {
    const rows = readYamlFile(`${CONTENT_DIR}/population.yaml`, z.array(populationSchema));
    expect(rows.map((r) => r.areaCode).sort()).toEqual(DISTRICTS.map((a) => a.code).sort());
  });
});
