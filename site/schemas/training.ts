import { z } from 'zod';

/** A self-check question at the end of a lesson, checked in the browser. */
export const selfCheckSchema = z
  .object({
    /** single, multiple or truefalse. */
    type: z.enum(['single', 'multiple', 'truefalse']),
    /** The question. */
    stem: z.string().min(4),
    /** Options in order. */
    options: z.array(z.string().min(1)).min(2).max(5),
    /** 0-based indexes of the correct options. */
    answer: z.array(z.number().int().min(0)).min(1),
    /** Why. */
    explanation: z.string().min(4),
  })
  .refine((q) => q.answer.every((i) => i < q.options.length), { message: '答案序号超出选项范围', path: ['answer'] });

/** content/training/<course>/course.yaml. */
export const courseSchema = z.object({
  /** Must equal the folder name. */
  slug: z.string().regex(/^[a-z0-9-]+$/),
  /** Course title. */
  title: z.string().min(2),
  /** One or two sentences. */
  summary: z.string().min(8),
  /** Who it is for. */
  audience: z.string().min(2),
  /** Order on the training page. */
  order: z.number().int().min(1),
});

/** Frontmatter of content/training/<course>/<NN>-<slug>.mdx. */
export const lessonSchema = z.object({
  /** Lesson title. */
  title: z.string().min(2),
  /** Slug of its course. */
  course: z.string().regex(/^[a-z0-9-]+$/),
  /** Position in the course. */
  order: z.number().int().min(1),
  /** One sentence. */
  summary: z.string().min(4),
  /** Minutes it takes. */
  duration: z.number().int().min(1).max(180),
  /** What the learner can do afterwards. */
  objectives: z.array(z.string().min(2)).min(1),
  /** Related guide slugs. */
  guides: z.array(z.string()).default([]),
  /** Questions at the end. */
  selfCheck: z.array(selfCheckSchema).min(1),
});

/** content/materials/<slug>.mdx: printable posters and handouts. */
export const materialSchema = z.object({
  title: z.string().min(2),
  audience: z.string().min(2),
  summary: z.string().min(4),
  format: z.enum(['poster', 'handout']),
  order: z.number().int().min(1),
});
