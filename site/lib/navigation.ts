/** Links that open a walking route to a shelter in 高德, 百度 and Apple Maps, each in the coordinates it expects. */
import { BAIDU_URI_SRC } from '../config.ts';
import { wgs84ToBd09, wgs84ToGcj02, type LngLat } from './coords.ts';

/** Where the route ends: a shelter's name and WGS-84 position. */
export interface Destination extends LngLat {
  name: string;
}

/** The three links, in the order the page shows them. */
export interface NavLinks {
  amap: string;
  baidu: string;
  apple: string;
}

const fixed = (n: number) => n.toFixed(6);
const START_NAME = '我的位置';

/**
 * Route links from `from` (the resident's WGS-84 position, when the page knows it) to `to`. Without
 * `from`, 高德 and Apple Maps start at the phone's own position; 百度 is given its 我的位置 keyword.
 */
export function navLinks(to: Destination, from?: LngLat): NavLinks {
  const toGcj = wgs84ToGcj02(to);
  const toBd = wgs84ToBd09(to);
  // uri.amap.com/navigation: from/to are `lng,lat,name` in GCJ-02 (coordinate=gaode); mode=walk.
  const amap = new URL('https://uri.amap.com/navigation');
  const a = new URLSearchParams();
  if (from) {
    const f = wgs84ToGcj02(from);
    a.set('from', `${fixed(f.lng)},${fixed(f.lat)},${START_NAME}`);
  }
  a.set('to', `${fixed(toGcj.lng)},${fixed(toGcj.lat)},${to.name}`);
  a.set('mode', 'walk');
  a.set('coordinate', 'gaode');
  a.set('callnative', '1');
  amap.search = a.toString();
  // api.map.baidu.com/direction: origin/destination `latlng:lat,lng|name:…` in BD-09 (coord_type=bd09ll).
  const baidu = new URL('https://api.map.baidu.com/direction');
  const fromBd = from ? wgs84ToBd09(from) : undefined;
  baidu.search = new URLSearchParams({
    origin: fromBd ? `latlng:${fixed(fromBd.lat)},${fixed(fromBd.lng)}|name:${START_NAME}` : START_NAME,
    destination: `latlng:${fixed(toBd.lat)},${fixed(toBd.lng)}|name:${to.name}`,
    mode: 'walking',
    region: '扬州',
    output: 'html',
    coord_type: 'bd09ll',
    src: BAIDU_URI_SRC,
  }).toString();
  // Apple Maps draws mainland China on AutoNavi data in GCJ-02; without saddr it starts from the phone's position.
  const apple = new URL('https://maps.apple.com/');
  const p = new URLSearchParams();
  if (from) {
    const f = wgs84ToGcj02(from);
    p.set('saddr', `${fixed(f.lat)},${fixed(f.lng)}`);
  }
  p.set('daddr', `${fixed(toGcj.lat)},${fixed(toGcj.lng)}`);
  p.set('dirflg', 'w');
  apple.search = p.toString();
  return { amap: amap.href, baidu: baidu.href, apple: apple.href };
}
