import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EnvError, loadEnv } from '#api/env.ts';
import { allowImages, contentSecurityPolicy } from '#api/security-headers.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'yzready-map-'));
const SECRET = { SERVER_SECRET: 'x'.repeat(32) };

// 天地图's vector layer and its place names, as the README configures them (WMTS, Web Mercator tile matrix set `w`).
const TIANDITU = {
  MAP_TILE_URL:
    'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}',
  MAP_TILE_LABEL_URL:
    'https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cva&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}',
  MAP_TILE_SUBDOMAINS: '0,1,2,3,4,5,6,7',
  MAP_TILE_ATTRIBUTION: '天地图 © 国家地理信息公共服务平台',
  MAP_TILE_MAX_ZOOM: '18',
  MAP_TILE_KEY: 'abc123',
};

describe('MAP_TILE_* configuration', () => {
  test('no base map unless MAP_TILE_URL is set', () => {
    expect(loadEnv(SECRET, dir()).mapTiles).toBeNull();
  });

  test('turns 天地图 WMTS into a Leaflet template with the key filled in, and lists exactly its eight origins', () => {
    const t = loadEnv({ ...SECRET, ...TIANDITU }, dir()).mapTiles;
    expect(t?.url).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123');
    expect(t?.url.startsWith('https://t{s}.tianditu.gov.cn/vec_w/wmts?')).toBe(true);
    expect(t?.labelUrl).toContain('/cva_w/');
    expect(t?.maxZoom).toBe(18);
    expect(t?.origins).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `https://t${i}.tianditu.gov.cn`));
  });

  test('takes a plain XYZ template on any origin', () => {
    const t = loadEnv({ ...SECRET, MAP_TILE_URL: 'http://127.0.0.1:9999/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '测试' }, dir()).mapTiles;
    expect(t?.origins).toEqual(['http://127.0.0.1:9999']);
    expect(t?.subdomains).toEqual([]);
  });

  test('refuses to start on a template it cannot use, naming the variable', () => {
    const bad = (extra: Record<string, string>) => () => loadEnv({ ...SECRET, MAP_TILE_ATTRIBUTION: '测试', ...extra }, dir());
    expect(bad({ MAP_TILE_URL: 'ftp://x/{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/);
    expect(bad({ MAP_TILE_URL: 'https://x/{z}/{x}.png' })).toThrow(/MAP_TILE_URL.*\{z\}/s);
    expect(bad({ MAP_TILE_URL: 'https://x/{z}/{x}/{y}?tk={key}' })).toThrow(/MAP_TILE_KEY/);
    expect(bad({ MAP_TILE_URL: 'https://t{s}.x/{z}/{x}/{y}' })).toThrow(/MAP_TILE_SUBDOMAINS/);
    expect(bad({ MAP_TILE_URL: 'https://x/{z}/{x}/{y}', MAP_TILE_MAX_ZOOM: '30' })).toThrow(/MAP_TILE_MAX_ZOOM/);
    expect(() => loadEnv({ ...SECRET, MAP_TILE_URL: 'https://x/{z}/{x}/{y}' }, dir())).toThrow(EnvError);
  });
});

describe('allowImages', () => {
  test('adds the tile origins to img-src and touches no other directive', () => {
    const base = contentSecurityPolicy();
    const csp = allowImages(base, ['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn']);
    expect(csp).toContain("img-src 'self' data: blob: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn;");
    expect(csp.replace(' https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn', '')).toBe(base);
    expect(allowImages(base, [])).toBe(base);
  });
});
