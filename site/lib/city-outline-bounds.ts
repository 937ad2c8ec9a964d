/**
 * What the map island needs of the city schematic (city-outline.ts draws its lines): the area it covers
 * and the names written on it, at approximate WGS-84 positions. The district and county seats are the
 * API's (api/domain/district-seats.ts, which maps CAP areas to districts with them), so the map and the
 * CAP import place them the same.
 */
import { CITY_BOUNDS, DISTRICT_SEATS } from '#api/domain/district-seats.ts';

/** The area the schematic covers (WGS-84): the box around the whole city. */
export const OUTLINE_BOUNDS = CITY_BOUNDS;

// The names as in api/domain/areas.ts, which the map does not import: its zod schema would come with it
// into the shelter pages' JavaScript (tests/unit/city-outline.test.ts keeps the two the same).
/** The seat's name by its district's GB/T 2260 code. */
export const SEAT_NAMES: Readonly<Record<string, string>> = {
  '321002': '广陵区',
  '321003': '邗江区',
  '321012': '江都区',
  '321023': '宝应县',
  '321081': '仪征市',
  '321084': '高邮市',
};

/** Names on the schematic: the six district and county seats, and the two waterways. */
export const OUTLINE_LABELS: ReadonlyArray<{ name: string; lat: number; lng: number; water?: true }> = [
  ...DISTRICT_SEATS.map(({ code, lat, lng }) => ({ name: SEAT_NAMES[code] ?? code, lat, lng })),
  { name: '长江（示意）', lat: 32.2, lng: 119.12, water: true },
  { name: '京杭运河（示意）', lat: 32.66, lng: 119.4, water: true },
];
