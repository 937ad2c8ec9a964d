import { describe, expect, test } from 'vitest';
import { wgs84ToBd09, wgs84ToGcj02 } from '#site/lib/coords.ts';
import { navLinks } from '#site/lib/navigation.ts';

// 宋夹城 and a resident at 扬州大学瘦西湖校区, in WGS-84 as the phone reports it.
const TO = { name: '宋夹城体育休闲公园应急避难场所', lng: 119.4275, lat: 32.419 };
const FROM = { lng: 119.419, lat: 32.398 };
const f6 = (n: number) => n.toFixed(6);

describe('navLinks', () => {
  const links = navLinks(TO, FROM);
  const toGcj = wgs84ToGcj02(TO);
  const fromGcj = wgs84ToGcj02(FROM);

  test('高德 opens a walking route from the resident to the shelter, both ends in GCJ-02', () => {
    const u = new URL(links.amap);
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/navigation');
    expect(u.searchParams.get('from')).toBe(`${f6(fromGcj.lng)},${f6(fromGcj.lat)},我的位置`);
    expect(u.searchParams.get('to')).toBe(`${f6(toGcj.lng)},${f6(toGcj.lat)},${TO.name}`);
    expect(u.searchParams.get('mode')).toBe('walk');
    expect(u.searchParams.get('coordinate')).toBe('gaode');
  });

  test('百度 opens a walking route with both ends in BD-09', () => {
    const u = new URL(links.baidu);
    const toBd = wgs84ToBd09(TO);
    const fromBd = wgs84ToBd09(FROM);
    expect(u.origin + u.pathname).toBe('https://api.map.baidu.com/direction');
    expect(u.searchParams.get('origin')).toBe(`latlng:${f6(fromBd.lat)},${f6(fromBd.lng)}|name:我的位置`);
    expect(u.searchParams.get('destination')).toBe(`latlng:${f6(toBd.lat)},${f6(toBd.lng)}|name:${TO.name}`);
    expect(u.searchParams.get('mode')).toBe('walking');
    expect(u.searchParams.get('coord_type')).toBe('bd09ll');
    expect(u.searchParams.get('output')).toBe('html');
  });

  test('Apple Maps opens walking directions (saddr → daddr) in GCJ-02, as its China map expects', () => {
    const u = new URL(links.apple);
    expect(u.searchParams.get('saddr')).toBe(`${f6(fromGcj.lat)},${f6(fromGcj.lng)}`);
    expect(u.searchParams.get('daddr')).toBe(`${f6(toGcj.lat)},${f6(toGcj.lng)}`);
    expect(u.searchParams.get('dirflg')).toBe('w');
  });

  test('the converted ends differ from the raw GPS position by the few hundred metres the offset is', () => {
    const amapTo = new URL(links.amap).searchParams.get('to')?.split(',').map(Number) ?? [];
    const metres = Math.hypot(((amapTo[0] ?? 0) - TO.lng) * 94_000, ((amapTo[1] ?? 0) - TO.lat) * 111_000);
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(800);
  });

  test('without a known position, 高德 and Apple start from the phone itself and 百度 from its 我的位置', () => {
    const bare = navLinks(TO);
    expect(new URL(bare.amap).searchParams.has('from')).toBe(false);
    expect(new URL(bare.apple).searchParams.has('saddr')).toBe(false);
    expect(new URL(bare.baidu).searchParams.get('origin')).toBe('我的位置');
    expect(new URL(bare.amap).searchParams.get('to')).toBe(new URL(links.amap).searchParams.get('to'));
  });
});
