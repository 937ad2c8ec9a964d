import { join } from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../domain/content-files.ts';
import { CONTENT_DIR } from '../env.ts';
import { HAZARD_CODES, levelCodeSchema, type HazardCode, type LevelCode } from '../domain/hazards.ts';

const actionList = z.array(z.string().trim().min(4).max(60)).min(3).max(5);

/** content/warnings/actions.yaml: residents' actions (你现在应该做什么) by hazard, then level. */
export const residentActionsSchema = z.record(z.enum(HAZARD_CODES), z.partialRecord(levelCodeSchema, actionList));

/** Residents' actions per hazard and level, read once. */
export const RESIDENT_ACTIONS = readYamlFile(join(CONTENT_DIR, 'warnings', 'actions.yaml'), residentActionsSchema);

/** The shipped actions for a hazard and level, or [] when the content has none. */
export function actionsFor(hazard: string, level: LevelCode): string[] {
  return RESIDENT_ACTIONS[hazard as HazardCode]?.[level] ?? [];
}
