import { z } from 'zod';

/** Frontmatter of an English guide in content/guides-en/<slug>.mdx; <slug> is the Chinese guide it follows. */
export const guideEnSchema = z.object({
  /** The hazard as people say it in English. */
  title: z.string().min(2).max(40),
  /** One sentence on what the guide helps with. */
  summary: z.string().min(8).max(160),
  /** The three things that matter most. */
  keyPoints: z.array(z.string().min(2).max(90)).length(3),
  /** The `reviewed` date of the Chinese guide this text was checked against; a newer review of that guide fails the content test. */
  follows: z.coerce.date(),
});

/** An English guide's frontmatter. */
export type GuideEn = z.output<typeof guideEnSchema>;

/** content/numbers-en.yaml: the English of one number in content/numbers.yaml. */
export const numberEnSchema = z.object({
  /** The number, exactly as numbers.yaml writes it. */
  number: z.string().regex(/^\d{3,5}$/),
  /** What it is, in English. */
  name: z.string().min(3).max(60),
  /** When to use it, in English. */
  purpose: z.string().min(10).max(300),
});
