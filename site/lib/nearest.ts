/** Straight-line distance and walking time from the resident to shelters, computed in the browser. */

/** A place in WGS-84 degrees. */
export interface Point {
  lat: number;
  lng: number;
}

/** Walking speed of an unhurried adult, km/h. */
export const WALK_SPEED_KMH = 4.5;

/** Streets are longer than the straight line: a common planning rule of thumb for city grids. */
export const DETOUR_FACTOR = 1.3;

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance between two points, km. */
export function haversineKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Minutes on foot for a straight-line distance: km × detour factor ÷ walking speed, at least 1. */
export function walkingMinutes(km: number): number {
  return Math.max(1, Math.round(((km * DETOUR_FACTOR) / WALK_SPEED_KMH) * 60));
}

/** One shelter with its distance from the resident. */
export interface Ranked<T> {
  shelter: T;
  km: number;
  minutes: number;
}

/** The `limit` shelters nearest to `from`, nearest first; equal distances keep the input order. */
export function rankNearest<T extends Point>(from: Point, shelters: readonly T[], limit = 5): Ranked<T>[] {
  return shelters
    .map((shelter, i) => ({ shelter, km: haversineKm(from, shelter), i }))
    .sort((a, b) => a.km - b.km || a.i - b.i)
    .slice(0, Math.max(0, limit))
    .map(({ shelter, km }) => ({ shelter, km, minutes: walkingMinutes(km) }));
}

/** `350 米`, `1.2 公里`, `23 公里`. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} 米`;
  if (km < 10) return `${km.toFixed(1)} 公里`;
  return `${Math.round(km)} 公里`;
}

/** `约 8 分钟`, `约 1 小时 5 分钟`. */
export function formatWalk(minutes: number): string {
  if (minutes < 60) return `约 ${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `约 ${h} 小时` : `约 ${h} 小时 ${m} 分钟`;
}
