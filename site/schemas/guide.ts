import { z } from 'zod';
import { hazardCodeSchema } from '#api/domain/hazards.ts';
import { CATEGORY_CODES, CATEGORY_NAMES, type CategoryCode } from '#api/domain/question-kinds.ts';

/** The four classes of emergency (《突发事件应对法》), by code: the names of api/domain/question-kinds.ts. */
export const CATEGORIES: Readonly<Record<CategoryCode, string>> = CATEGORY_NAMES;

/** A category code. */
export type Category = CategoryCode;

/** Whether a URL points at a page or document rather than a site's front page. */
export function isSpecificUrl(url: string): boolean {
  const { pathname, search } = new URL(url);
  return search !== '' || !/^\/?(index\.(s?html?|php|aspx?|jsp))?$/i.test(pathname);
}

// YAML reads `2024-11-14` as a date and `2024` as a number; both mean the same partial date.
const issueDateSchema = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v),
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, '应为 YYYY、YYYY-MM 或 YYYY-MM-DD'),
);

/** One document a guide is based on, cited so that a reader can find it. */
export const guideSourceSchema = z
  .object({
    /** The document's title as published, e.g. 《气象灾害预警信号及防御指南》. */
    name: z.string().min(2),
    /** The body that issued or published it, e.g. 中国气象局. */
    publisher: z.string().min(2),
    /** When it was issued or published: YYYY, YYYY-MM or YYYY-MM-DD. */
    date: issueDateSchema.optional(),
    /** For a web page that shows no date: the day it was read, YYYY-MM-DD. */
    accessed: issueDateSchema.pipe(z.string().length(10, '查阅日期应为 YYYY-MM-DD')).optional(),
    /** The document or the page that holds it; a site's home page is not a source. */
    url: z.url().refine(isSpecificUrl, '应链接到具体的文件或页面，不能只是网站首页').optional(),
  })
  .refine((s) => s.date !== undefined || (s.accessed !== undefined && s.url !== undefined), {
    message: '应写明发布日期（date）；网页没有标注日期时，写明网址（url）和查阅日期（accessed）',
    path: ['date'],
  });

/** Frontmatter of a guide in content/guides/<slug>.mdx. */
export const guideSchema = z.object({
  /** Hazard name as residents say it, e.g. 暴雨与城市内涝. */
  title: z.string().min(2).max(30),
  /** One sentence on what the guide helps with. */
  summary: z.string().min(8).max(60),
  /** Class of emergency. */
  category: z.enum(CATEGORY_CODES),
  /** Order within its class. */
  order: z.number().int().min(1),
  /** Warning types it belongs to, so a warning can link here. */
  warningTypes: z.array(hazardCodeSchema).default([]),
  /** 最重要的三件事. */
  keyPoints: z.array(z.string().min(2).max(40)).length(3),
  /** Words residents type when looking for it. */
  keywords: z.array(z.coerce.string().min(1)).min(1).max(12),
  /**
   * 常见问法: how residents ask about it or describe it in their own words (situations, spoken words),
   * indexed for search but not shown on the page.
   */
  askedAs: z.array(z.string().min(2).max(30)).max(20).default([]),
  /** The documents it is based on. */
  sources: z.array(guideSourceSchema).min(1),
  /** Date it was last reviewed. */
  reviewed: z.coerce.date(),
  /** What that review checked it against, in one sentence shown on the page. */
  reviewedAgainst: z.string().min(8).max(160),
});

/** A guide's frontmatter. */
export type Guide = z.output<typeof guideSchema>;
