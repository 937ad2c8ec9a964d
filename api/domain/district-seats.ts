/**
 * Where each district's and county's government sits (approximate WGS-84, the same hand-traced
 * positions as the schematic map in site/lib/city-outline-bounds.ts, copied here because the API may
 * not import site/). The project ships no district boundaries (no source with a stated licence and
 * datum could be had), so a CAP polygon or circle is mapped to the districts whose seat it contains:
 * an approximation the publisher is told about and checks.
 */
export const DISTRICT_SEATS: ReadonlyArray<{ code: string; lat: number; lng: number }> = [
  { code: '321002', lat: 32.39, lng: 119.44 },
  { code: '321003', lat: 32.38, lng: 119.38 },
  { code: '321012', lat: 32.43, lng: 119.57 },
  { code: '321081', lat: 32.27, lng: 119.18 },
  { code: '321084', lat: 32.78, lng: 119.46 },
  { code: '321023', lat: 33.24, lng: 119.36 },
];

/** A box around the whole city (WGS-84), the same as the schematic map's. */
export const CITY_BOUNDS = { south: 32.1, north: 33.45, west: 118.95, east: 120.0 } as const;
