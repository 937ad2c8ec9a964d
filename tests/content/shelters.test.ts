import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getIssues } from '@placemarkio/check-geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DISTRICTS } from '#api/domain/areas.ts';
import { readYamlFile, yamlFilesIn } from '#api/domain/content-files.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { cityPerResident, districtStats, siteRoom } from '#site/lib/shelters.ts';
import { populationSchema } from '#site/schemas/household.ts';
import { REQUIRED_FACILITIES, YANGZHOU_BOUNDS, shelterSchema } from '#site/schemas/shelter.ts';
import type { HazardCode } from '#api/domain/hazards.ts';
import { SHELTER_HAZARDS, SHELTER_HAZARD_NAMES, guideShelterHazard } from '#api/domain/shelter-hazards.ts';

const files = yamlFilesIn(join(CONTENT_DIR, 'shelters'));
const shelters = files.map((f) => ({ file: basename(f, '.yaml'), ...readYamlFile(f, shelterSchema) }));
const population = readYamlFile(join(CONTENT_DIR, 'population.yaml'), z.array(populationSchema));

describe('shelter content', () => {
  test('has at least 36 shelters, named by their file, in all six districts and counties', () => {
    expect(shelters.length).toBeGreaterThanOrEqual(36);
    for (const s of shelters) expect(s.id).toBe(s.file);
    expect(new Set(shelters.map((s) => s.areaCode))).toEqual(new Set(DISTRICTS.map((d) => d.code)));
  });

  test('classes each shelter no higher than its facilities allow (GB 21734-2008: 基本 Ⅲ类, 一般 Ⅱ类, 综合 Ⅰ类)', () => {
    const lacking = shelters.flatMap((s) =>
      REQUIRED_FACILITIES[s.class].filter((f) => !s.facilities.includes(f)).map((f) => `${s.id}（${s.class}类）缺少${f}`),
    );
    expect(lacking).toEqual([]);
    // The sample data has sites of every class, so the check above has each list to work on.
    expect(new Set(shelters.map((s) => s.class))).toEqual(new Set(['Ⅰ', 'Ⅱ', 'Ⅲ']));
  });

  test('offers no open ground and no riverside, wetland or flood-control site for floods', () => {
    const flood = shelters.filter((s) => s.hazards.includes('洪涝'));
    expect(flood.length).toBeGreaterThan(0);
    for (const s of flood) expect(s.kind, s.id).toBe('场所型');
    const riverside = ['gl-fenghuangdao', 'gl-liaojiagou', 'gl-sanwan', 'gl-zhuyuwan', 'jd-shuilishuniu', 'jd-sanhe', 'hj-guazhou', 'hj-runyang'];
    for (const id of riverside) {
      const s = shelters.find((x) => x.id === id);
      expect(s?.notFor.find((n) => n.hazard === '洪涝')?.reason, id).toMatch(/汛期/);
    }
  });

  test('decides every hazard for every shelter, and rejects a file that leaves one out or offers open ground for a flood', () => {
    for (const s of shelters) {
      const decided = [...s.hazards, ...s.notFor.map((n) => n.hazard)].sort();
      expect(decided, s.id).toEqual([...SHELTER_HAZARD_NAMES].sort());
    }
    const data = readYamlFile(join(CONTENT_DIR, 'shelters', 'gl-sanwan.yaml'), z.record(z.string(), z.unknown()));
    const notFor = shelterSchema.parse(data).notFor;
    expect(shelterSchema.safeParse(data).success).toBe(true);
    expect(shelterSchema.safeParse({ ...data, notFor: [] }).success).toBe(false);
    expect(shelterSchema.safeParse({ ...data, hazards: ['地震', '洪涝'], notFor: notFor.filter((n) => n.hazard !== '洪涝') }).success).toBe(false);
    expect(shelterSchema.safeParse({ ...data, hazards: undefined }).success).toBe(false);
  });

  test('marks every shelter as sample data until the responsible office confirms it', () => {
    expect(shelters.filter((s) => !s.sample).map((s) => s.id)).toEqual([]);
  });
});

describe('districtStats', () => {
  const rows = districtStats(shelters, population);

  test('adds up every shelter once and leaves area per resident 待核实 (null) where population is null', () => {
    expect(rows.some((r) => r.population === null)).toBe(true);
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(shelters.length);
    expect(rows.reduce((a, r) => a + r.area, 0)).toBe(shelters.reduce((a, s) => a + s.effectiveArea, 0));
    for (const r of rows) {
      const pop = population.find((p) => p.areaCode === r.areaCode)?.population ?? null;
      if (pop === null) {
        expect(r.perResident).toBeNull();
      } else {
        expect(r.perResident).toBeCloseTo(r.area / pop, 10);
      }
    }
  });

  test('uses only 7th-census (2020) resident figures, so districts are compared like with like', () => {
    for (const p of population.filter((x) => x.population !== null)) {
      expect(p.year, p.name).toBe(2020);
      expect(p.source, p.name).toContain('第七次全国人口普查');
    }
  });

  test('compares the city-wide figure only over districts with a population, naming those left out', () => {
    const city = cityPerResident(rows);
    const known = population.filter((p) => p.population !== null);
    expect(city.population).toBe(known.reduce((a, p) => a + (p.population ?? 0), 0));
    const area = shelters.filter((s) => known.some((p) => p.areaCode === s.areaCode)).reduce((a, s) => a + s.effectiveArea, 0);
    expect(city.perResident).toBeCloseTo(area / city.population, 10);
    expect(city.left).toEqual(rows.filter((r) => r.population === null).map((r) => r.name));
  });

  test('checks the room per evacuee inside each site against GB 21734’s 1.5 m², tightest site first', () => {
    const sites = siteRoom(shelters);
    expect(sites).toHaveLength(shelters.length);
    for (const s of sites) expect(s.meetsMinimum).toBe(s.area / s.capacity >= 1.5);
    expect(sites.map((s) => s.perEvacuee)).toEqual([...sites.map((s) => s.perEvacuee)].sort((a, b) => a - b));
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

  test('every guide whose hazard can need a shelter links to the shelters for that hazard, and no other guide does', () => {
    const guides = readdirSync(join(CONTENT_DIR, 'guides')).filter((f) => f.endsWith('.mdx'));
    const linked: string[] = [];
    for (const file of guides) {
      const slug = basename(file, '.mdx');
      const types = /^warningTypes: \[(.*)\]$/m.exec(readFileSync(join(CONTENT_DIR, 'guides', file), 'utf8'))?.[1];
      const hazard = guideShelterHazard(slug, (types ? types.split(', ').filter(Boolean) : []) as HazardCode[]);
      const html = readFileSync(`dist/guides/${slug}/index.html`, 'utf8');
      const links = html.match(/href="\/shelters\/\?hazard=[a-z]+#nearest"/g) ?? [];
      if (hazard) {
        linked.push(slug);
        expect(links, slug).toEqual([`href="/shelters/?hazard=${SHELTER_HAZARDS[hazard].slug}#nearest"`]);
      } else expect(links, slug).toEqual([]);
    }
    expect(linked).toEqual(expect.arrayContaining(['earthquake', 'flood', 'rainstorm', 'typhoon', 'hazmat-leak', 'home-fire']));
    expect(linked).not.toContain('heat');
    expect(linked).not.toContain('lightning');
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
