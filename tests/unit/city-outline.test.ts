import { describe, expect, test } from 'vitest';
import { DISTRICTS } from '#api/domain/areas.ts';
import { OUTLINE_LABELS } from '#site/lib/city-outline-bounds.ts';

describe('city schematic', () => {
  test('names every district and county seat as the area list does, once each', () => {
    const seats = OUTLINE_LABELS.filter((l) => !l.water).map((l) => l.name);
    expect(seats.toSorted()).toEqual(DISTRICTS.map((d) => d.name).toSorted());
  });
});
