import { describe, expect, test } from 'vitest';
import { gcj02ToBd09, outOfChina, wgs84ToBd09, wgs84ToGcj02 } from '#site/lib/coords.ts';

// Published reference values, [lng, lat] → [lng, lat]:
// - googollee/eviltransform, python/test.py and go/transform_test.go (TESTS: wgsLat, wgsLng, gcjLat, gcjLng)
// - wandergis/coordtransform, test/app.js and README (input 116.404, 39.915)
// - hujiulong/gcoord, test/unit/crs/GCJ02.spec.js ("GCJ02 to BD09", input [123, 45])
// - Glatzel/pyxis, crypto test constants (one point through all three systems)
const WGS_TO_GCJ: Array<{ where: string; source: string; wgs: [number, number]; gcj: [number, number] }> = [
  { where: '上海', source: 'eviltransform', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { where: '深圳', source: 'eviltransform', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { where: '北京', source: 'eviltransform', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
  { where: '北京', source: 'coordtransform', wgs: [116.404, 39.915], gcj: [116.41024449916938, 39.91640428150164] },
];
const GCJ_TO_BD: Array<{ source: string; gcj: [number, number]; bd: [number, number] }> = [
  { source: 'coordtransform', gcj: [116.404, 39.915], bd: [116.41036949371029, 39.92133699351021] },
  { source: 'gcoord', gcj: [123, 45], bd: [123.00636499, 45.00636899] },
];

// 1e-9° is about 0.1 mm: only floating-point rounding may differ from the reference implementations.
const EXACT = 1e-9;

describe('wgs84ToGcj02', () => {
  test.each(WGS_TO_GCJ)('matches $source for $where', ({ wgs, gcj }) => {
    const p = wgs84ToGcj02({ lng: wgs[0], lat: wgs[1] });
    expect(Math.abs(p.lng - gcj[0])).toBeLessThan(EXACT);
    expect(Math.abs(p.lat - gcj[1])).toBeLessThan(EXACT);
  });

  test('moves a point in Yangzhou by a few hundred metres, east and south, as 高德 expects', () => {
    const wgs = { lng: 119.4275, lat: 32.419 };
    const gcj = wgs84ToGcj02(wgs);
    expect(gcj.lng - wgs.lng).toBeGreaterThan(0.004);
    expect(gcj.lng - wgs.lng).toBeLessThan(0.007);
    expect(gcj.lat - wgs.lat).toBeLessThan(-0.001);
    expect(gcj.lat - wgs.lat).toBeGreaterThan(-0.003);
  });

  test('passes points outside China through unchanged', () => {
    for (const p of [
      { lng: -0.1276, lat: 51.5072 },
      { lng: 139.7, lat: 60.0 },
      { lng: 151.2093, lat: -33.8688 },
    ]) {
      expect(outOfChina(p)).toBe(true);
      expect(wgs84ToGcj02(p)).toEqual(p);
      expect(wgs84ToBd09(p)).toEqual(p);
    }
  });
});

describe('gcj02ToBd09', () => {
  test.each(GCJ_TO_BD)('matches $source', ({ gcj, bd }) => {
    const p = gcj02ToBd09({ lng: gcj[0], lat: gcj[1] });
    // gcoord publishes 8 decimals.
    expect(Math.abs(p.lng - bd[0])).toBeLessThan(1e-8);
    expect(Math.abs(p.lat - bd[1])).toBeLessThan(1e-8);
  });
});

describe('wgs84ToBd09', () => {
  test('is wgs84ToGcj02 followed by gcj02ToBd09', () => {
    const wgs = { lng: 121.5272106, lat: 31.1774276 };
    expect(wgs84ToBd09(wgs)).toEqual(gcj02ToBd09(wgs84ToGcj02(wgs)));
  });

  test('matches Glatzel/pyxis’s WGS-84 → GCJ-02 → BD-09 constants to within 10 cm', () => {
    // Glatzel/pyxis crypto test constants (WGS84_LON/LAT, GCJ02_LON/LAT, BD09_LON/LAT). That implementation
    // differs from coordtransform/eviltransform in the 8th decimal (about 1 cm), so compare at 1e-6° (≈ 10 cm).
    const wgs = { lng: 121.0917077, lat: 30.6107779 };
    const gcj = wgs84ToGcj02(wgs);
    const bd = wgs84ToBd09(wgs);
    expect(Math.abs(gcj.lng - 121.09626935575027)).toBeLessThan(1e-6);
    expect(Math.abs(gcj.lat - 30.608604331756705)).toBeLessThan(1e-6);
    expect(Math.abs(bd.lng - 121.10271732371203)).toBeLessThan(1e-6);
    expect(Math.abs(bd.lat - 30.61484572185035)).toBeLessThan(1e-6);
  });
});
