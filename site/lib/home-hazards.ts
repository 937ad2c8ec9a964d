/** The hazard tiles that open the home page, and the months each is in season in Yangzhou. */

/** One tile: a guide, the words on it, and when it comes first. */
export interface HazardTile {
  /** The guide's slug (`/guides/<slug>/`). */
  slug: string;
  /** The hazard as residents say it. */
  name: string;
  /** What the guide helps with, in a few words. */
  text: string;
  /** Months (1–12, Beijing time) when it leads the page. */
  months: readonly number[];
  /** Why it leads then, shown on the tile in season: 当季：梅雨和汛期. */
  season?: string;
}

/**
 * The tiles in the order a page without JavaScript shows them. In season (梅雨 from mid-June, typhoons
 * July to September, cold waves and road ice December to February, heating season for gas and fire),
 * the browser moves a tile to the front by the reader's own date (components/home/HazardTiles.astro).
 */
export const HAZARD_TILES: readonly HazardTile[] = [
  { slug: 'rainstorm', name: '暴雨内涝', text: '避开积水和地下空间，内涝时保护家人', months: [6, 7, 8, 9], season: '梅雨和汛期' },
  { slug: 'typhoon', name: '台风', text: '提前加固门窗，风雨中待在安全处', months: [7, 8, 9], season: '台风季' },
  { slug: 'cold-snow-ice', name: '寒潮冰冻', text: '保暖防滑，安全取暖，防煤气中毒', months: [12, 1, 2], season: '寒潮和雨雪冰冻' },
  { slug: 'home-fire', name: '火灾', text: '会用灭火器，火大时安全撤离', months: [11, 12, 1, 2, 3], season: '天干物燥' },
  { slug: 'gas-leak', name: '燃气泄漏', text: '闻到煤气味，先做什么、不能做什么', months: [11, 12, 1, 2], season: '取暖季' },
  { slug: 'earthquake', name: '地震', text: '伏地、遮挡、手抓牢，震后去空旷处', months: [] },
  { slug: 'heat', name: '高温', text: '避开高温时段，识别和处理中暑', months: [6, 7, 8, 9], season: '盛夏' },
  { slug: 'cpr-aed', name: '急救', text: '心肺复苏和 AED，几分钟里救回一条命', months: [] },
  { slug: 'lightning', name: '雷电', text: '打雷时往哪躲，有人被雷击怎么救', months: [5, 6, 7, 8, 9], season: '雷雨季' },
  { slug: 'drowning', name: '溺水', text: '看好孩子，落水时怎样自救和施救', months: [6, 7, 8], season: '暑假' },
];

/** The tiles for a month (1–12): those in season first, each group in its usual order. */
export function tilesForMonth(month: number): HazardTile[] {
  const now = HAZARD_TILES.filter((t) => t.months.includes(month));
  return [...now, ...HAZARD_TILES.filter((t) => !t.months.includes(month))];
}
