import type { HazardCode } from './hazards.ts';

/**
 * Hazards a shelter may be designated for, as the shelter files name them, with the slug used in
 * addresses (`/shelters/?hazard=flood`). GB 21734-2008 is written for earthquakes; floods and typhoons
 * need a roof on high ground (a 转移安置点), so each shelter says which of these it serves.
 */
export const SHELTER_HAZARDS = {
  地震: { slug: 'earthquake', label: '地震', advice: '震后先到空旷处，避开建筑物、围墙和电线杆；余震期间不要急着回家。' },
  火灾: { slug: 'fire', label: '火灾', advice: '先离开着火的楼，再到避难场所；不要乘电梯，不要返回取东西。' },
  洪涝: { slug: 'flood', label: '洪涝', advice: '接到转移通知就走，去地势高的室内场所；以当地防汛部门公布的转移安置点为准。' },
  台风: { slug: 'typhoon', label: '台风、大风', advice: '台风来前转移到坚固的室内场所；风雨中不要外出赶路。' },
  危化品泄漏: { slug: 'chemical', label: '危化品泄漏', advice: '用湿毛巾捂住口鼻，往上风方向、侧风方向撤离，听从现场指挥去指定地点。' },
} as const;

/** A hazard name as written in content/shelters/*.yaml. */
export type ShelterHazard = keyof typeof SHELTER_HAZARDS;

/** The names, in the order the page offers them. */
export const SHELTER_HAZARD_NAMES = Object.keys(SHELTER_HAZARDS) as [ShelterHazard, ...ShelterHazard[]];

/** The hazard chosen when the resident has chosen none. */
export const DEFAULT_SHELTER_HAZARD: ShelterHazard = '地震';

/** The hazard named by a `?hazard=` slug, or undefined. */
export function hazardFromSlug(slug: string | null | undefined): ShelterHazard | undefined {
  return SHELTER_HAZARD_NAMES.find((h) => SHELTER_HAZARDS[h].slug === slug);
}

/** The shelter view filtered for a hazard: the nearest-shelter search first. */
export function sheltersUrl(hazard: ShelterHazard): string {
  return `/shelters/?hazard=${SHELTER_HAZARDS[hazard].slug}#nearest`;
}

/** Warning types that can send people to a shelter, and for which hazard. */
export const WARNING_SHELTER_HAZARD: Partial<Record<HazardCode, ShelterHazard>> = {
  typhoon: '台风',
  gale: '台风',
  rainstorm: '洪涝',
  flood: '洪涝',
  'forest-fire': '火灾',
  environmental: '危化品泄漏',
};

/** Guides (by slug) whose hazard can force people from their homes, and the shelters they need. */
export const GUIDE_SHELTER_HAZARD: Record<string, ShelterHazard> = {
  earthquake: '地震',
  flood: '洪涝',
  rainstorm: '洪涝',
  typhoon: '台风',
  tornado: '台风',
  'home-fire': '火灾',
  'high-rise-fire': '火灾',
  'hazmat-leak': '危化品泄漏',
};

/** The shelter hazard a guide links to: by its slug, else by its main (first) warning type. */
export function guideShelterHazard(slug: string, warningTypes: readonly HazardCode[]): ShelterHazard | undefined {
  const main = warningTypes[0];
  return GUIDE_SHELTER_HAZARD[slug] ?? (main ? WARNING_SHELTER_HAZARD[main] : undefined);
}

/** The link a warning page shows to the shelters for its hazard, as HTML; empty for warnings that need none. */
export function warningShelterLinkHtml(warningHazard: string): string {
  const h = WARNING_SHELTER_HAZARD[warningHazard as HazardCode];
  if (!h) return '';
  return `<p class="shelter-link"><a href="${sheltersUrl(h).replace(/&/g, '&amp;')}">查找适用于${SHELTER_HAZARDS[h].label}的应急避难场所</a>（按离你远近排列；只在需要转移时前往，请听从政府通知）</p>`;
}
