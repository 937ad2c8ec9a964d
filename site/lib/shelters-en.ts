// The shelter pages in English: class, opening, kind, facilities, the reasons a site is not for a hazard,
// and distances. Shelter names and addresses stay in Chinese: that is what drivers, map apps and signs use.
import { AREA_NAMES_EN } from '#api/domain/english.ts';
import type { Shelter } from '../schemas/shelter.ts';
import type { ShelterClass } from './shelters.ts';

/** GB 21734-2008 classes in plain English. */
export const CLASS_EN: Record<ShelterClass, { label: string; note: string }> = {
  Ⅰ: { label: 'Class I', note: 'full facilities, for stays of 30 days or more' },
  Ⅱ: { label: 'Class II', note: 'general facilities, for stays of 10 to 30 days' },
  Ⅲ: { label: 'Class III', note: 'basic facilities, for stays of up to 10 days' },
};

/** When a shelter is open. */
export const OPEN_EN: Record<Shelter['open'], { label: string; detail: string }> = {
  always: { label: 'Open all year', detail: 'It is a park or square in normal times; you can go in at any time.' },
  activated: {
    label: 'Opened when needed',
    detail:
      'It may be closed in normal times and opens when the city tells people to take shelter. Follow announcements and the staff on site.',
  },
};

/** Outdoor ground or an indoor venue. */
export const KIND_EN: Record<Shelter['kind'], string> = {
  场地型: 'Open ground (a park, square or sports field): shelter from rain and wind depends on tents',
  场所型: 'Indoor venue: a roof over your head',
};

/** GB 21734 facilities in English. */
export const FACILITY_EN: Record<Shelter['facilities'][number], string> = {
  篷宿区: 'Tent area',
  医疗救护: 'First aid and medical care',
  供水: 'Drinking water',
  供电: 'Power supply',
  排污: 'Drainage',
  厕所: 'Toilets',
  垃圾储运: 'Rubbish collection',
  应急通道: 'Emergency access roads',
  标志: 'Signs',
  消防: 'Firefighting equipment',
  物资储备: 'Supplies store',
  应急指挥: 'Emergency command post',
  停车场: 'Car park',
  停机坪: 'Helicopter pad',
  洗浴: 'Showers',
  通风: 'Ventilation',
  功能介绍: 'Information boards',
};

/** Why a shelter must not be used for a hazard, in English (the shelter files give the reason in Chinese). */
export function notForReasonEn(reason: string): string {
  if (reason.includes('不接纳')) return 'a flood-control works: in a flood it is an emergency work zone and takes no evacuees';
  if (reason.includes('没有可以遮挡')) return 'open ground with no buildings to shelter in: not safe in a typhoon or gale';
  if (reason.includes('不是洪涝转移安置点'))
    return 'open ground, not a flood relocation site: in a flood, go to the site the government announces (usually a school or sports hall on high ground)';
  if (reason.includes('可能被')) return 'on low ground by the water: it may flood in the flood season';
  return 'not designated for this hazard';
}

/** A district's English name. */
export const districtEn = (code: string) => AREA_NAMES_EN[code] ?? code;

/** `350 m`, `1.2 km`, `23 km`. */
export function formatDistanceEn(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`;
  if (km < 10) return `${km.toFixed(1)} km`;
  return `${Math.round(km)} km`;
}

/** `about 8 minutes`, `about 1 hour 5 minutes`. */
export function formatWalkEn(minutes: number): string {
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} hour${h === 1 ? '' : 's'}`;
  return m === 0 ? `about ${hours}` : `about ${hours} ${m} minute${m === 1 ? '' : 's'}`;
}
