import { z } from 'zod';
import { codesOf } from './label-table.ts';

/** One of the 14 meteorological warning signals: all issued by the 气象台 and all CAP `Met`. */
const signal = <N extends string>(name: N) => ({ name, cap: 'Met', meteorological: true }) as const;
/** A kind of warning issued by another office, with its CAP category. */
const otherOffice = <N extends string, C extends string>(name: N, cap: C) => ({ name, cap, meteorological: false }) as const;

/**
 * Hazard types a warning can carry: the 14 meteorological warning signals, then the kinds issued by
 * other offices (../shared/standards/README.md). Each maps to a CAP 1.2 `category` (§3.2.2).
 */
export const HAZARDS = {
  typhoon: signal('台风'),
  rainstorm: signal('暴雨'),
  blizzard: signal('暴雪'),
  'cold-wave': signal('寒潮'),
  gale: signal('大风'),
  sandstorm: signal('沙尘暴'),
  heat: signal('高温'),
  drought: signal('干旱'),
  lightning: signal('雷电'),
  hail: signal('冰雹'),
  frost: signal('霜冻'),
  fog: signal('大雾'),
  haze: signal('霾'),
  'road-icing': signal('道路结冰'),
  geological: otherOffice('地质灾害', 'Geo'),
  flood: otherOffice('汛情/洪水', 'Met'),
  'forest-fire': otherOffice('森林火险', 'Fire'),
  environmental: otherOffice('突发环境事件', 'Env'),
  epidemic: otherOffice('传染病', 'Health'),
  'food-safety': otherOffice('食品安全', 'Health'),
  'work-safety': otherOffice('安全生产', 'Safety'),
  'social-security': otherOffice('社会安全', 'Security'),
} as const;

/** Code of a hazard type. */
export type HazardCode = keyof typeof HAZARDS;
/** The hazard codes, in the table's order. */
export const HAZARD_CODES = codesOf(HAZARDS);

/** Zod enum of hazard codes: none chosen reads as a request to choose one, a code of no hazard as unknown. */
export const hazardCodeSchema = z.enum(HAZARD_CODES, {
  error: (issue) => (issue.input === undefined || issue.input === '' ? '请选择灾种' : '未知的灾种类型'),
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
export const levelCodeSchema = z.enum(codesOf(LEVELS), {
  error: (issue) => (issue.input === undefined || issue.input === '' ? '请选择预警级别' : '预警级别应为蓝、黄、橙、红之一'),
});

/** The level as residents read it: `红色预警`. */
export function levelLabel(level: LevelCode): string {
  return `${LEVELS[level].colour}预警`;
}
