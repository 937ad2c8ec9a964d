import type { HazardCode } from '../domain/hazards.ts';

/** An issuing office. */
export interface Office {
  /** Short id used in the CAP `sender`. */
  id: string;
  name: string;
  /**
   * The 14-character prefix of GB/T 35965.1 identifiers (ZZZZZZ area code + DDDUUUXX office
   * code). *check*: the office code digits must come from the provincial warning-release centre.
   */
  code: string;
}

/** Offices of Yangzhou that issue warnings (sample office codes, to be confirmed). */
export const OFFICES = {
  weather: { id: 'qxt', name: '扬州市气象台', code: '32100000400001' },
  water: { id: 'slj', name: '扬州市防汛防旱指挥部办公室', code: '32100000500001' },
  land: { id: 'zrzy', name: '扬州市自然资源和规划局', code: '32100000600001' },
  emergency: { id: 'yjj', name: '扬州市应急管理局', code: '32100000100001' },
  environment: { id: 'sthj', name: '扬州市生态环境局', code: '32100000700001' },
  health: { id: 'wjw', name: '扬州市卫生健康委员会', code: '32100000800001' },
  market: { id: 'scjg', name: '扬州市市场监督管理局', code: '32100000900001' },
  police: { id: 'gaj', name: '扬州市公安局', code: '32100001000001' },
} as const satisfies Record<string, Office>;

/** The office that issues warnings of each hazard type. */
export function officeFor(hazard: HazardCode): Office {
  switch (hazard) {
    case 'flood':
      return OFFICES.water;
    case 'geological':
      return OFFICES.land;
    case 'forest-fire':
    case 'work-safety':
      return OFFICES.emergency;
    case 'environmental':
      return OFFICES.environment;
    case 'epidemic':
      return OFFICES.health;
    case 'food-safety':
      return OFFICES.market;
    case 'social-security':
      return OFFICES.police;
    default:
      return OFFICES.weather;
  }
}

/** CAP `sender`: globally unique, no spaces, commas, `<` or `&` (CAP 1.2 §3.2.1). */
export const capSender = (office: Office) => `${office.id}.321000@yangzhou-ready.cn`;
