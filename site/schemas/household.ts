import { z } from 'zod';
import { districtCodes } from '#api/domain/areas.ts';

/** content/checklist/household.yaml: one item of the household emergency-supplies list. */
export const checklistItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** basic 基础版 or extended 扩充版. */
  list: z.enum(['basic', 'extended']),
  category: z.enum(['应急物品', '应急工具', '应急药品', '生活用品', '文件资料']),
  /** Suggested amount for a family of three. */
  quantity: z.number().positive(),
  unit: z.string().min(1),
  /** Needs an expiry date (water, food, medicine, batteries). */
  expires: z.boolean(),
  note: z.string().optional(),
});

/** content/population.yaml: resident population per district, marked *check*. */
export const populationSchema = z.object({
  areaCode: z.enum(districtCodes),
  name: z.string(),
  /** Null where no reliable figure was found; the statistics page says so. */
  population: z.number().int().positive().nullable(),
  year: z.number().int().min(2000),
  source: z.string().min(2),
  /** True until confirmed against the statistics bureau's figures. */
  check: z.boolean(),
});

/** content/numbers.yaml: an emergency or public-service phone number. */
export const phoneNumberSchema = z.object({
  number: z.string().regex(/^\d{3,6}$/),
  name: z.string().min(2),
  /** emergency 紧急求助, warning 预警与气象, service 便民与举报. */
  group: z.enum(['emergency', 'warning', 'service']),
  purpose: z.string().min(8),
  /** The office that runs or announced it. */
  source: z.string().min(2),
  /** False for a number that only sends messages (12379 sends official warning SMS): shown without a tap-to-call link. */
  dial: z.boolean().default(true),
});
