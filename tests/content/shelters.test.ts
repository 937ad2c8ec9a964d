import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getIssues } from '@placemarkio/check-geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DISTRICTS } from '../../api/domain/areas.ts';
import { CONTENT_DIR, readYamlFile, yamlFilesIn } from '../../api/domain/content-files.ts';
import { districtStats } from '../../site/lib/shelters.ts';
import { populationSchema } from '../../site/schemas/household.ts';
import { YANGZHOU_BOUNDS, shelterSchema } from '../../site/schemas/shelter.ts';

const files = yamlFilesIn(join(CONTENT_DIR, 'shelters'));
const shelters = files.map((f) => ({ file: basename(f, '.yaml'), ...readYamlFile(f, shelterSchema) }));
const population = readYamlFile(join(CONTENT_DIR, 'population.yaml'), z.array(populationSchema));
const code = (name: string) => DISTRICTS.find((d) => d.name === name)?.code;

describe('shelter content', () => {
  test('has at least 36 shelters, named by their file, in all six districts and counties', () => {
    expect(shelters.length).toBeGreaterThanOrEqual(36);
    for (const s of shelters) expect(s.id).toBe(s.file);
    expect(new Set(shelters.map((s) => s.areaCode))).toEqual(new Set(DISTRICTS.map((d) => d.code)));
  });

  test('has a Ⅰ类 shelter in the central city, in 江都区 and in 仪征市 (the city’s 2011–2012 goal)', () => {
    const first = (codes: Array<string | undefined>) => shelters.some((s) => s.class === 'Ⅰ' && codes.includes(s.areaCode));
    expect(first([code('广陵区'), code('邗江区')])).toBe(true);
    expect(first([code('江都区')])).toBe(true);
    expect(first([code('仪征市')])).toBe(true);
  });

  test('marks every shelter as sample data until the responsible office confirms it', () => {
    expect(shelters.filter((s) => !s.sample).map((s) => s.id)).toEqual([]);
  });
});

describe('districtStats', () => {
  const rows = districtStats(shelters, population);

  test('adds up every shelter once and leaves area per resident 待核实 (null) where population is null', () => {
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(shelters.length);
    expect(rows.reduce((a, r) => a + r.area, 0)).toBe(shelters.reduce((a, s) => a + s.effectiveArea, 0));
    for (const r of rows) {
      const pop = population.find((p) => p.areaCode === r.areaCode)?.population ?? null;
      if (pop === null) {
        expect(r.perResident).toBeNull();
        expect(r.meetsMinimum).toBeNull();
      } else {
        expect(r.perResident).toBeCloseTo(r.area / pop, 10);
        expect(r.meetsMinimum).toBe(r.area / pop >= 1.5);
      }
    }
  });
});

// The files as published: read from the build, parsed with real parsers.
describe('open data files in dist/data/', () => {
  test('shelters.geojson is valid RFC 7946 with every shelter as a [lng, lat] point in Yangzhou', () => {
    const text = readFileSync('dist/data/shelters.geojson', 'utf8');
    expect(getIssues(text)).toEqual([]);
    const fc = JSON.parse(text) as {
      type: string;
      features: Array<{ id: string; geometry: { type: string; coordinates: [number, number] }; properties: Record<string, unknown> }>;
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id).sort()).toEqual(shelters.map((s) => s.id).sort());
    for (const f of fc.features) {
      const s = shelters.find((x) => x.id === f.id);
      expect(f.geometry).toEqual({ type: 'Point', coordinates: [s?.location.lng, s?.location.lat] });
      const [lng, lat] = f.geometry.coordinates;
      expect(lng).toBeGreaterThan(YANGZHOU_BOUNDS.west);
      expect(lng).toBeLessThan(YANGZHOU_BOUNDS.east);
      expect(lat).toBeGreaterThan(YANGZHOU_BOUNDS.south);
      expect(lat).toBeLessThan(YANGZHOU_BOUNDS.north);
      expect(f.properties['名称']).toBe(s?.name);
      expect(f.properties['示例数据']).toBe(true);
    }
  });

  test('shelters.csv starts with a BOM, uses CRLF and parses to one row per shelter', () => {
    const bytes = readFileSync('dist/data/shelters.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['编号']).sort()).toEqual(shelters.map((s) => s.id).sort());
    for (const r of rows) {
      const s = shelters.find((x) => x.id === r['编号']);
      expect(r['名称']).toBe(s?.name);
      expect(Number(r['经度_WGS84'])).toBe(s?.location.lng);
      expect(Number(r['纬度_WGS84'])).toBe(s?.location.lat);
      expect(r['示例数据']).toBe('是');
    }
  });
});
