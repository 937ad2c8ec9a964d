/**
 * A schematic of Yangzhou for the shelter map when no base map can be shown: the Yangtze and the Grand
 * Canal (the names of the six district and county seats are in city-outline-bounds.ts). No boundary data with a stated source, licence
 * and datum could be had from npm (the packages that ship Chinese county outlines name no source and
 * are in GCJ-02 or an unknown datum), so district boundaries are NOT drawn; the lines below are
 * approximate WGS-84 positions traced by hand from well-known places on their banks, accurate to a
 * few hundred metres at best, and the map says so.
 */
import { OUTLINE_BOUNDS } from './city-outline-bounds.ts';
import type { Point } from './nearest.ts';

/** The north bank of the Yangtze from 仪征 to the 泰州 border, past 瓜洲 and 三江营. */
export const YANGTZE: Point[] = [
  { lat: 32.262, lng: 118.96 },
  { lat: 32.248, lng: 119.08 },
  { lat: 32.245, lng: 119.2 },
  { lat: 32.238, lng: 119.3 },
  { lat: 32.232, lng: 119.376 },
  { lat: 32.245, lng: 119.46 },
  { lat: 32.255, lng: 119.56 },
  { lat: 32.275, lng: 119.66 },
  { lat: 32.3, lng: 119.72 },
  { lat: 32.285, lng: 119.82 },
  { lat: 32.26, lng: 119.95 },
];

/** The Grand Canal's main line from 六圩 on the Yangtze north past 湾头, 邵伯, 高邮 and 宝应. */
export const GRAND_CANAL: Point[] = [
  { lat: 32.262, lng: 119.478 },
  { lat: 32.33, lng: 119.47 },
  { lat: 32.43, lng: 119.468 },
  { lat: 32.53, lng: 119.5 },
  { lat: 32.66, lng: 119.47 },
  { lat: 32.78, lng: 119.44 },
  { lat: 32.95, lng: 119.42 },
  { lat: 33.1, lng: 119.36 },
  { lat: 33.23, lng: 119.32 },
  { lat: 33.4, lng: 119.25 },
];

/** Web Mercator y of a latitude, in radians of the sphere (x is the longitude in radians). */
function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

/** The schematic's lines as an SVG in Web Mercator, so that stretched over OUTLINE_BOUNDS they lie where Leaflet draws. */
export function outlineSvg(width = 1000): string {
  const b = OUTLINE_BOUNDS;
  const x0 = (b.west * Math.PI) / 180;
  const x1 = (b.east * Math.PI) / 180;
  const top = mercatorY(b.north);
  const scale = width / (x1 - x0);
  const height = Math.round((top - mercatorY(b.south)) * scale);
  const px = (p: Point) => [(((p.lng * Math.PI) / 180 - x0) * scale).toFixed(1), ((top - mercatorY(p.lat)) * scale).toFixed(1)].join(',');
  const line = (pts: Point[], cls: string) => `<polyline class="${cls}" points="${pts.map(px).join(' ')}"/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    // Strokes keep their width in screen pixels at every zoom; names are drawn by the map as labels (city-outline-bounds.ts).
    '<style>polyline{fill:none;stroke-linejoin:round;vector-effect:non-scaling-stroke}.river{stroke:#4a90c2;stroke-width:6}.canal{stroke:#4a90c2;stroke-width:3;stroke-dasharray:10 4}</style>',
    line(YANGTZE, 'river'),
    line(GRAND_CANAL, 'canal'),
    '</svg>',
  ].join('');
}
