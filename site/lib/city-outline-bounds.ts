/**
 * What the map island needs of the city schematic (city-outline.ts draws its lines): the area it covers
 * and the names written on it, at approximate WGS-84 positions. The district and county seats are the
 * API's (api/domain/district-seats.ts, which maps CAP areas to districts with them), so the map and the
 * CAP import place them the same.
 */
import { areaName } from '#api/domain/areas.ts';
import { CITY_BOUNDS, DISTRICT_SEATS } from '#api/domain/district-seats.ts';

/** The area the schematic covers (WGS-84): the box around the whole city. */
export const OUTLINE_BOUNDS = CITY_BOUNDS;

/** Names on the schematic: the six district and county seats, and the two waterways. */
export const OUTLINE_LABELS: ReadonlyArray<{ name: string; lat: number; lng: number; water?: true }> = [
  ...DISTRICT_SEATS.map(({ code, lat, lng }) => ({ name: areaName(code), lat, lng })),
  { name: '长江（示意）', lat: 32.2, lng: 119.12, water: true },
  { name: '京杭运河（示意）', lat: 32.66, lng: 119.4, water: true },
];
