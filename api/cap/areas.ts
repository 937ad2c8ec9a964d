import { AREAS, CITY_CODE, DISTRICTS } from '../domain/areas.ts';
import { CITY_BOUNDS, DISTRICT_SEATS } from '../domain/district-seats.ts';
import type { CapArea } from './message.ts';

/** What the areas of a CAP message say about Yangzhou. */
export interface AreaMapping {
  /** GB/T 2260 codes of Yangzhou found, in the message's order. */
  codes: string[];
  /** Something that may be in Yangzhou but could not be placed (a shape with no district seat in it). */
  unplaced: string[];
  /** What the publisher should check (shapes placed by district seats). */
  notes: string[];
  /** Areas clearly elsewhere (area codes outside 3210xx, shapes outside the city). */
  elsewhere: string[];
}

type Point = { lat: number; lng: number };

/** "lat,lng lat,lng …" as points; null when it does not parse. */
function points(polygon: string): Point[] | null {
  const pts = polygon
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number));
  if (pts.length < 3 || pts.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return null;
  return pts.map(([lat, lng]) => ({ lat: lat as number, lng: lng as number }));
}

/** Ray casting: whether `p` lies inside the ring. */
function inside(p: Point, ring: Point[]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Point;
    const b = ring[j] as Point;
    if (a.lat > p.lat !== b.lat > p.lat && p.lng < ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng) hit = !hit;
  }
  return hit;
}

/** Great-circle distance in km. */
function km(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const inCityBox = (p: Point) =>
  p.lat >= CITY_BOUNDS.south && p.lat <= CITY_BOUNDS.north && p.lng >= CITY_BOUNDS.west && p.lng <= CITY_BOUNDS.east;

/** District codes whose seat lies in the shape, or null when the shape does not parse; `near` says whether it touches the city's box at all. */
function seatsIn(shape: { polygon?: string; circle?: string }): { codes: string[]; near: boolean } | null {
  if (shape.polygon !== undefined) {
    const ring = points(shape.polygon);
    if (!ring) return null;
    const lats = ring.map((p) => p.lat);
    const lngs = ring.map((p) => p.lng);
    const near = !(
      Math.max(...lats) < CITY_BOUNDS.south ||
      Math.min(...lats) > CITY_BOUNDS.north ||
      Math.max(...lngs) < CITY_BOUNDS.west ||
      Math.min(...lngs) > CITY_BOUNDS.east
    );
    return { codes: DISTRICT_SEATS.filter((s) => inside(s, ring)).map((s) => s.code), near };
  }
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/.exec(shape.circle?.trim() ?? '');
  if (!m) return null;
  const centre = { lat: Number(m[1]), lng: Number(m[2]) };
  const radius = Number(m[3]);
  const codes = DISTRICT_SEATS.filter((s) => km(centre, s) <= radius).map((s) => s.code);
  const near = inCityBox(centre) || DISTRICT_SEATS.some((s) => km(centre, s) <= radius + 60);
  return { codes, near };
}

/**
 * Maps CAP areas to Yangzhou's GB/T 2260 codes: area codes first (a 6-, 9- or 12-digit code of
 * Yangzhou or one of its towns counts for its district), then names in `areaDesc` (扬州 without a district
 * named is the whole city), then polygons and circles by the district seats they contain.
 */
export function mapAreas(areas: readonly CapArea[]): AreaMapping {
  const found = new Set<string>();
  const out: AreaMapping = { codes: [], unplaced: [], notes: [], elsewhere: [] };
  for (const area of areas) {
    const before = found.size;
    let coded = false;
    for (const [, raw] of area.geocodes) {
      const value = raw.trim();
      if (!/^\d{6}(\d{3}){0,2}$/.test(value)) continue;
      coded = true;
      const code = value.slice(0, 6);
      if (AREAS.some((a) => a.code === code)) found.add(code);
      else out.elsewhere.push(`区域代码 ${value}`);
    }
    // Area codes, where given, say it all: names are read only when there are none.
    if (coded) continue;
    const desc = area.desc;
    const at = (d: (typeof DISTRICTS)[number]) => Math.min(...[desc.indexOf(d.name), desc.indexOf(d.short)].filter((i) => i >= 0));
    const named = DISTRICTS.filter((d) => desc.includes(d.name) || desc.includes(d.short)).sort((a, b) => at(a) - at(b));
    if (named.length) for (const d of named) found.add(d.code);
    else if (/扬州/.test(desc)) found.add(CITY_CODE);
    if (found.size > before) continue;
    const shapes = [...area.polygons.map((polygon) => ({ polygon })), ...area.circles.map((circle) => ({ circle }))];
    let near = false;
    for (const shape of shapes) {
      const r = seatsIn(shape);
      if (!r) continue;
      near ||= r.near;
      for (const c of r.codes) found.add(c);
    }
    if (found.size > before) {
      out.notes.push(`“${desc}”只给出了范围（多边形或圆），已按其中包含的区县政府驻地判断为所涉区县，请核对。`);
    } else if (near) out.unplaced.push(desc || '（未命名的范围）');
    else out.elsewhere.push(desc || '（未命名的范围）');
  }
  out.codes = [...found];
  return out;
}
