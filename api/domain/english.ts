import type { HazardCode, LevelCode } from './hazards.ts';
import type { ShelterHazard } from './shelter-hazards.ts';

// English names for Yangzhou's foreign residents, students and visitors. No I/O: islands import this.

/** Hazard names as the China Meteorological Administration's English signals put them, where it has one. */
export const HAZARD_NAMES_EN: Record<HazardCode, string> = {
  typhoon: 'Typhoon',
  rainstorm: 'Rainstorm',
  blizzard: 'Snowstorm',
  'cold-wave': 'Cold Wave',
  gale: 'Gale',
  sandstorm: 'Sandstorm',
  heat: 'Heat',
  drought: 'Drought',
  lightning: 'Lightning',
  hail: 'Hail',
  frost: 'Frost',
  fog: 'Heavy Fog',
  haze: 'Haze',
  'road-icing': 'Road Icing',
  geological: 'Landslide and Ground Collapse',
  flood: 'Flood',
  'forest-fire': 'Forest Fire Danger',
  environmental: 'Environmental Emergency',
  epidemic: 'Infectious Disease',
  'food-safety': 'Food Safety',
  'work-safety': 'Industrial Safety',
  'social-security': 'Public Security',
};

/** The four levels in English: colour, Roman level and what it means (CAP severity in plain words). */
export const LEVELS_EN: Record<LevelCode, { colour: string; level: string; meaning: string }> = {
  blue: { colour: 'Blue', level: 'Level IV', meaning: 'minor' },
  yellow: { colour: 'Yellow', level: 'Level III', meaning: 'moderate' },
  orange: { colour: 'Orange', level: 'Level II', meaning: 'severe' },
  red: { colour: 'Red', level: 'Level I', meaning: 'extreme' },
};

/** The level as a line of text: `Orange warning (Level II, severe)`. */
export const levelNameEn = (level: LevelCode) =>
  `${LEVELS_EN[level].colour} warning (${LEVELS_EN[level].level}, ${LEVELS_EN[level].meaning})`;

/** Drill and test messages are marked in English too. */
export const STATUS_NAMES_EN = { Actual: '', Exercise: 'Drill', Test: 'Test' } as const;

/** The English title: `Orange Rainstorm Warning`, `[Drill] …`, or `Rainstorm Warning Lifted`. */
export function warningTitleEn(w: { level: string; hazard: string; status: keyof typeof STATUS_NAMES_EN; msgType: string }): string {
  const prefix = w.status === 'Actual' ? '' : `[${STATUS_NAMES_EN[w.status]}] `;
  const hazard = HAZARD_NAMES_EN[w.hazard as HazardCode] ?? w.hazard;
  if (w.msgType === 'Cancel') return `${prefix}${hazard} Warning Lifted`;
  return `${prefix}${LEVELS_EN[w.level as LevelCode]?.colour ?? ''} ${hazard} Warning`;
}

/** CAP responseType values in plain English. */
export const RESPONSE_NAMES_EN: Record<string, string> = {
  Shelter: 'Stay indoors where you are',
  Evacuate: 'Leave the area',
  Prepare: 'Get ready',
  Execute: 'Follow official instructions',
  Avoid: 'Keep away from the danger area',
  Monitor: 'Follow the latest updates',
  Assess: 'Assess the situation',
  AllClear: 'All clear',
  None: 'No action needed',
};

/** Yangzhou's areas (GB/T 2260) in English, as the city writes them in pinyin. */
export const AREA_NAMES_EN: Record<string, string> = {
  '321000': 'Yangzhou (whole city)',
  '321002': 'Guangling District',
  '321003': 'Hanjiang District',
  '321012': 'Jiangdu District',
  '321023': 'Baoying County',
  '321081': 'Yizheng City',
  '321084': 'Gaoyou City',
};

/** The issuing offices in English, keyed by their Chinese names. */
export const OFFICE_NAMES_EN: Record<string, string> = {
  扬州市气象台: 'Yangzhou Meteorological Observatory',
  扬州市防汛防旱指挥部办公室: 'Yangzhou Flood Control and Drought Relief Headquarters Office',
  扬州市自然资源和规划局: 'Yangzhou Bureau of Natural Resources and Planning',
  扬州市应急管理局: 'Yangzhou Emergency Management Bureau',
  扬州市生态环境局: 'Yangzhou Ecology and Environment Bureau',
  扬州市卫生健康委员会: 'Yangzhou Health Commission',
  扬州市市场监督管理局: 'Yangzhou Administration for Market Regulation',
  扬州市公安局: 'Yangzhou Public Security Bureau',
};

/** Shelter hazards in English, with the advice the Chinese page gives. */
export const SHELTER_HAZARDS_EN: Record<ShelterHazard, { label: string; advice: string }> = {
  地震: {
    label: 'Earthquake',
    advice:
      'After the shaking stops, go to open ground away from buildings, walls and power poles. Do not hurry home while aftershocks continue.',
  },
  火灾: {
    label: 'Fire',
    advice: 'Get out of the burning building first, then go to the shelter. Do not take the lift and do not go back for belongings.',
  },
  洪涝: {
    label: 'Flood',
    advice:
      'Leave as soon as you are told to move. Go to an indoor shelter on high ground; the sites announced by the local flood office come first.',
  },
  台风: {
    label: 'Typhoon and gale',
    advice: 'Move into a solid building before the typhoon arrives. Do not travel in the wind and rain.',
  },
  危化品泄漏: {
    label: 'Chemical leak',
    advice: 'Cover your nose and mouth with a wet cloth, move upwind or crosswind, and follow the responders on site.',
  },
};

/** The English headline a template suggests: `Yangzhou Meteorological Observatory issues an orange rainstorm warning`. */
export function englishHeadline(officeName: string, hazard: HazardCode, level: LevelCode): string {
  const colour = LEVELS_EN[level].colour.toLowerCase();
  const article = /^[aeiou]/.test(colour) ? 'an' : 'a';
  const office = OFFICE_NAMES_EN[officeName] ?? 'Yangzhou';
  return `${office} issues ${article} ${colour} ${HAZARD_NAMES_EN[hazard].toLowerCase()} warning`;
}
