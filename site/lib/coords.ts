/**
 * WGS-84 → GCJ-02 (国测局, used by 高德 and Apple Maps in China) → BD-09 (百度).
 *
 * The offset is the widely published reverse-engineered algorithm on the Krasovsky 1940 ellipsoid
 * (the same as wandergis/coordtransform and googollee/eviltransform). Outside China's rough bounding
 * box the apps use WGS-84 unchanged, so the functions pass points through.
 */

/** A point in degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

// Krasovsky 1940: semi-major axis (m) and first eccentricity squared.
const A = 6378245.0;
const EE = 0.00669342162296594323;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** True outside the bounding box inside which Chinese map apps apply the GCJ-02 offset. */
export function outOfChina({ lng, lat }: LngLat): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS-84 (GPS) → GCJ-02 (高德, Apple Maps in China). */
export function wgs84ToGcj02(p: LngLat): LngLat {
  if (outOfChina(p)) return { lng: p.lng, lat: p.lat };
  let dLat = offsetLat(p.lng - 105.0, p.lat - 35.0);
  let dLng = offsetLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: p.lng + dLng, lat: p.lat + dLat };
}

/** GCJ-02 → BD-09 (百度). */
export function gcj02ToBd09({ lng, lat }: LngLat): LngLat {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
  return { lng: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 };
}

/** WGS-84 → BD-09, through GCJ-02; outside China the point is passed through unchanged. */
export function wgs84ToBd09(p: LngLat): LngLat {
  if (outOfChina(p)) return { lng: p.lng, lat: p.lat };
  return gcj02ToBd09(wgs84ToGcj02(p));
}
