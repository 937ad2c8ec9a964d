import { z } from 'zod';

/**
 * Hazard types a warning can carry: the 14 meteorological warning signals, then the kinds issued by
 * other offices (../shared/standards/README.md). Each maps to a CAP 1.2 `category` (§3.2.2).
 */
export const HAZARDS = {
  typhoon: { name: '台风', cap: 'Met', meteorological: true },
  rainstorm: { name: '暴雨', cap: 'Met', meteorological: true },
  blizzard: { name: '暴雪', cap: 'Met', meteorological: true },
  'cold-wave': { name: '寒潮', cap: 'Met', meteorological: true },
  gale: { name: '大风', cap: 'Met', meteorological: true },
  sandstorm: { name: '沙尘暴', cap: 'Met', meteorological: true },
  heat: { name: '高温', cap: 'Met', meteorological: true },
  drought: { name: '干旱', cap: 'Met', meteorological: true },
  lightning: { name: '雷电', cap: 'Met', meteorological: true },
  hail: { name: '冰雹', cap: 'Met', meteorological: true },
  frost: { name: '霜冻', cap: 'Met', meteorological: true },
  fog: { name: '大雾', cap: 'Met', meteorological: true },
  haze: { name: '霾', cap: 'Met', meteorological: true },
  'road-icing': { name: '道路结冰', cap: 'Met', meteorological: true },
  geological: { name: '地质灾害', cap: 'Geo', meteorological: false },
  flood: { name: '汛情/洪水', cap: 'Met', meteorological: false },
  'forest-fire': { name: '森林火险', cap: 'Fire', meteorological: false },
  environmental: { name: '突发环境事件', cap: 'Env', meteorological: false },
  epidemic: { name: '传染病', cap: 'Health', meteorological: false },
  'food-safety': { name: '食品安全', cap: 'Health', meteorological: false },
  'work-safety': { name: '安全生产', cap: 'Safety', meteorological: false },
  'social-security': { name: '社会安全', cap: 'Security', meteorological: false },
} as const;

/** Code of a hazard type. */
export type HazardCode = keyof typeof HAZARDS;

/** Zod enum of hazard codes. */
export const hazardCodeSchema = z.enum(Object.keys(HAZARDS) as [HazardCode, ...HazardCode[]], {
  error: '未知的灾种类型',
});

/** Warning levels, lowest first: colour, Roman level, name and CAP severity. */
export const LEVELS = {
  blue: { colour: '蓝色', level: 'Ⅳ级', name: '一般', cap: 'Minor', rank: 1 },
  yellow: { colour: '黄色', level: 'Ⅲ级', name: '较重', cap: 'Moderate', rank: 2 },
  orange: { colour: '橙色', level: 'Ⅱ级', name: '严重', cap: 'Severe', rank: 3 },
  red: { colour: '红色', level: 'Ⅰ级', name: '特别严重', cap: 'Extreme', rank: 4 },
} as const;

/** A warning level code. */
export type LevelCode = keyof typeof LEVELS;

/** Zod enum of level codes. */
export const levelCodeSchema = z.enum(['blue', 'yellow', 'orange', 'red'], { error: '预警级别应为蓝、黄、橙、红之一' });

/** The level as residents read it: `红色预警`. */
export function levelLabel(level: LevelCode): string {
  return `${LEVELS[level].colour}预警`;
}
