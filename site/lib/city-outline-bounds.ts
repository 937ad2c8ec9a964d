/**
 * What the map island needs of the city schematic (city-outline.ts draws its lines): the area it covers
 * and the names written on it, at approximate WGS-84 positions.
 */

/** The area the schematic covers (WGS-84). */
export const OUTLINE_BOUNDS = { south: 32.1, north: 33.45, west: 118.95, east: 120.0 } as const;

/** Names on the schematic: the six district and county seats, and the two waterways. */
export const OUTLINE_LABELS: ReadonlyArray<{ name: string; lat: number; lng: number; water?: true }> = [
  { name: '广陵区', lat: 32.39, lng: 119.44 },
  { name: '邗江区', lat: 32.38, lng: 119.38 },
  { name: '江都区', lat: 32.43, lng: 119.57 },
  { name: '仪征市', lat: 32.27, lng: 119.18 },
  { name: '高邮市', lat: 32.78, lng: 119.46 },
  { name: '宝应县', lat: 33.24, lng: 119.36 },
  { name: '长江（示意）', lat: 32.2, lng: 119.12, water: true },
  { name: '京杭运河（示意）', lat: 32.66, lng: 119.4, water: true },
];
