import type { HazardCode, LevelCode } from '../domain/hazards.ts';

// No I/O here: the publisher's form (an island) imports this too.

/** CAP 1.2 responseType values this module picks from (§3.2.2). */
type ResponseType = 'Shelter' | 'Evacuate' | 'Prepare' | 'Execute' | 'Avoid';

/**
 * What "act now" means for each hazard (CAP 1.2 responseType, §3.2.2): stay in a safe building,
 * leave the area, keep away from it, or follow the authorities' instructions.
 */
const ACT_NOW: Record<HazardCode, ResponseType> = {
  typhoon: 'Shelter',
  rainstorm: 'Shelter',
  blizzard: 'Shelter',
  'cold-wave': 'Shelter',
  gale: 'Shelter',
  sandstorm: 'Shelter',
  heat: 'Avoid',
  drought: 'Execute',
  lightning: 'Shelter',
  hail: 'Shelter',
  frost: 'Execute',
  fog: 'Avoid',
  haze: 'Shelter',
  'road-icing': 'Avoid',
  geological: 'Evacuate',
  flood: 'Evacuate',
  'forest-fire': 'Evacuate',
  environmental: 'Shelter',
  epidemic: 'Execute',
  'food-safety': 'Avoid',
  'work-safety': 'Execute',
  'social-security': 'Avoid',
};

/** Default response type and urgency: orange and red mean act now (Immediate), lower levels get ready. */
export function defaultResponse(hazard: string, level: LevelCode): { responseType: ResponseType; urgency: 'Immediate' | 'Expected' } {
  if (level === 'orange' || level === 'red') return { responseType: ACT_NOW[hazard as HazardCode] ?? 'Execute', urgency: 'Immediate' };
  return { responseType: 'Prepare', urgency: 'Expected' };
}
