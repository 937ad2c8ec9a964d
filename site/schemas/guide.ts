import { z } from 'zod';
import { hazardCodeSchema } from '../../api/domain/hazards.ts';

/** The four classes of emergency (《突发事件应对法》). */
export const CATEGORIES = {
  natural: '自然灾害',
  accident: '事故灾难',
  health: '公共卫生事件',
  social: '社会安全事件',
} as const;

/** A category code. */
export type Category = keyof typeof CATEGORIES;

/** Frontmatter of a guide in content/guides/<slug>.mdx. */
export const guideSchema = z.object({
  /** Hazard name as residents say it, e.g. 暴雨与城市内涝. */
  title: z.string().min(2).max(30),
  /** One sentence on what the guide helps with. */
  summary: z.string().min(8).max(60),
  /** Class of emergency. */
  category: z.enum(['natural', 'accident', 'health', 'social']),
  /** Order within its class. */
  order: z.number().int().min(1),
  /** Warning types it belongs to, so a warning can link here. */
  warningTypes: z.array(hazardCodeSchema).default([]),
  /** 最重要的三件事. */
  keyPoints: z.array(z.string().min(2).max(40)).length(3),
  /** Words residents type when looking for it. */
  keywords: z.array(z.coerce.string().min(1)).min(1).max(12),
  /** Official guidance it is based on. */
  sources: z.array(z.object({ name: z.string().min(2), url: z.url().optional() })).min(1),
  /** Date it was last reviewed. */
  reviewed: z.coerce.date(),
});

/** A guide's frontmatter. */
export type Guide = z.output<typeof guideSchema>;
