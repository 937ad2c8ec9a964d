import { DISTRICTS, areaName } from '#api/domain/areas.ts';
import type { ShelterHazard } from '#api/domain/shelter-hazards.ts';
import type { z } from 'zod';
import type { populationSchema } from '../schemas/household.ts';
import { MIN_AREA_PER_PERSON, type Shelter } from '../schemas/shelter.ts';

/** A district's resident population (content/population.yaml). */
type Population = z.output<typeof populationSchema>;

/** A GB 21734 class. */
export type ShelterClass = Shelter['class'];

/** What each GB 21734-2008 class offers, in words a resident understands, and its marker shape. */
export const CLASS_INFO: Record<
  ShelterClass,
  { label: string; facilities: string; stay: string; shape: 'square' | 'circle' | 'triangle' }
> = {
  Ⅰ: { label: 'Ⅰ类', facilities: '综合设施', stay: '可安置 30 天以上', shape: 'square' },
  Ⅱ: { label: 'Ⅱ类', facilities: '一般设施', stay: '可安置 10 至 30 天', shape: 'circle' },
  Ⅲ: { label: 'Ⅲ类', facilities: '基本设施', stay: '短期安置，10 天以内', shape: 'triangle' },
};

/** The classes, most facilities first. */
export const CLASSES = ['Ⅰ', 'Ⅱ', 'Ⅲ'] as const satisfies readonly ShelterClass[];

/** When a shelter is open. */
export const OPEN_INFO: Record<Shelter['open'], { label: string; detail: string }> = {
  always: { label: '常年开放', detail: '平时是公园或广场，随时可以进入。' },
  activated: { label: '启用后开放', detail: '平时不一定开放；发布避难指令后开放，请听从广播和现场工作人员安排。' },
};

/** The page of one shelter. */
export const shelterUrl = (id: string): string => `/shelters/${id}/`;

/** Shelters by district (in area-code order), then class, then name. */
export function sortShelters(list: readonly Shelter[]): Shelter[] {
  const order = DISTRICTS.map((d) => d.code);
  const collator = new Intl.Collator('zh-CN');
  return [...list].sort(
    (a, b) =>
      order.indexOf(a.areaCode) - order.indexOf(b.areaCode) ||
      CLASSES.indexOf(a.class) - CLASSES.indexOf(b.class) ||
      collator.compare(a.name, b.name),
  );
}

/** What the map island gets of a shelter: where it is, how to label it, where its page is. */
export interface MapPoint {
  id: string;
  name: string;
  district: string;
  class: ShelterClass;
  /** `Ⅰ类`, the marker's shape, and what the class offers. */
  classLabel: string;
  shape: (typeof CLASS_INFO)[ShelterClass]['shape'];
  classNote: string;
  lat: number;
  lng: number;
  url: string;
  /** Hazards it is designated for (content/shelters/*.yaml `hazards`). */
  hazards: ShelterHazard[];
}

/** What the nearest-shelter island gets: enough to rank, describe and link a shelter, and nothing to look up. */
export interface ShelterSummary extends MapPoint {
  areaCode: string;
  address: string;
  serves: string[];
  barrierFree: boolean;
  open: Shelter['open'];
  capacity: number;
}

/** The map point of a shelter, for the map island's props. */
export function toMapPoint(s: Shelter): MapPoint {
  const info = CLASS_INFO[s.class];
  return {
    id: s.id,
    name: s.name,
    district: areaName(s.areaCode),
    class: s.class,
    classLabel: info.label,
    shape: info.shape,
    classNote: `${info.facilities}，${info.stay}`,
    lat: s.location.lat,
    lng: s.location.lng,
    url: shelterUrl(s.id),
    hazards: s.hazards,
  };
}

/** The summary of a shelter, for the nearest-shelter island's props. */
export function toSummary(s: Shelter): ShelterSummary {
  return {
    ...toMapPoint(s),
    areaCode: s.areaCode,
    address: s.address,
    serves: s.serves,
    barrierFree: s.barrierFree,
    open: s.open,
    capacity: s.capacity,
  };
}

/** One district's line of the statistics page. */
export interface DistrictStats {
  areaCode: string;
  name: string;
  count: number;
  byClass: Record<ShelterClass, number>;
  /** Total effective area, m². */
  area: number;
  capacity: number;
  /** Resident population, or null where no reliable figure was found (shown as 待核实). */
  population: number | null;
  populationYear: number | null;
  populationSource: string | null;
  /** Effective area of the district's shelters per resident, m², or null without a population. */
  perResident: number | null;
}

/** Shelter count, area, capacity and area per resident for each district, in area-code order. */
export function districtStats(shelters: readonly Shelter[], population: readonly Population[]): DistrictStats[] {
  return DISTRICTS.map((d) => {
    const mine = shelters.filter((s) => s.areaCode === d.code);
    const pop = population.find((p) => p.areaCode === d.code);
    const area = mine.reduce((sum, s) => sum + s.effectiveArea, 0);
    const people = pop?.population ?? null;
    const perResident = people ? area / people : null;
    return {
      areaCode: d.code,
      name: d.name,
      count: mine.length,
      byClass: {
        Ⅰ: mine.filter((s) => s.class === 'Ⅰ').length,
        Ⅱ: mine.filter((s) => s.class === 'Ⅱ').length,
        Ⅲ: mine.filter((s) => s.class === 'Ⅲ').length,
      },
      area,
      capacity: mine.reduce((sum, s) => sum + s.capacity, 0),
      population: people,
      populationYear: pop?.year ?? null,
      populationSource: pop?.source ?? null,
      perResident,
    };
  });
}

/** One shelter's room per person: what GB 21734's 1.5 m² minimum is about. */
export interface SiteRoom {
  id: string;
  name: string;
  district: string;
  area: number;
  capacity: number;
  /** Effective area ÷ the people it is said to hold, m². */
  perEvacuee: number;
  /** Whether that reaches GB 21734's minimum of 1.5 m² per person. */
  meetsMinimum: boolean;
}

/** Area per evacuee inside each shelter, tightest first. */
export function siteRoom(shelters: readonly Shelter[]): SiteRoom[] {
  return shelters
    .map((s) => {
      const perEvacuee = s.effectiveArea / s.capacity;
      return {
        id: s.id,
        name: s.name,
        district: areaName(s.areaCode),
        area: s.effectiveArea,
        capacity: s.capacity,
        perEvacuee,
        meetsMinimum: perEvacuee >= MIN_AREA_PER_PERSON,
      };
    })
    .sort((a, b) => a.perEvacuee - b.perEvacuee || a.id.localeCompare(b.id));
}

/** Area per resident over the districts whose population is known, and which districts that leaves out. */
export function cityPerResident(rows: readonly DistrictStats[]): { perResident: number; population: number; left: string[] } {
  const known = rows.filter((r) => r.population !== null);
  const population = known.reduce((a, r) => a + (r.population ?? 0), 0);
  const area = known.reduce((a, r) => a + r.area, 0);
  return {
    perResident: population > 0 ? area / population : 0,
    population,
    left: rows.filter((r) => r.population === null).map((r) => r.name),
  };
}

/** One shelter as published in the open-data files, with Chinese keys; the CSV adds the coordinates. */
export function openDataRecord(s: Shelter, site: URL | undefined) {
  return {
    编号: s.id,
    名称: s.name,
    区县: areaName(s.areaCode),
    行政区划代码: s.areaCode,
    地址: s.address,
    类型: s.kind,
    类别: CLASS_INFO[s.class].label,
    有效面积_平方米: s.effectiveArea,
    可容纳人数: s.capacity,
    设施: s.facilities.join('、'),
    适用灾种: s.hazards.join('、'),
    不适用灾种: s.notFor.map((n) => `${n.hazard}（${n.reason}）`).join('；'),
    无障碍: s.barrierFree,
    服务范围: s.serves.join('、'),
    管理单位: s.manager,
    联系电话: s.phone,
    开放方式: OPEN_INFO[s.open].label,
    示例数据: s.sample,
    详情页: site ? new URL(shelterUrl(s.id), site).href : shelterUrl(s.id),
  };
}
