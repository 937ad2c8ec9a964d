import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { readYamlFile } from '#api/domain/content-files.ts';
import { AREAS, areaListSchema, CITY_CODE, DISTRICTS } from '#api/domain/areas.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { populationSchema } from '#site/schemas/household.ts';

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
