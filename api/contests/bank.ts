import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadQuestionBank } from '../domain/question-bank.ts';
import type { Question } from '../domain/questions.ts';
import { CONTENT_DIR } from '../env.ts';
import { CATEGORY_CODES, type CategoryCode } from './labels.ts';
import { readFrontMatter } from '../front-matter.ts';

/** A bank question with what the contest needs to know about its guide. */
export type BankQuestion = Question & { category: CategoryCode; guideTitle: string };

const frontmatterSchema = z.object({ title: z.string(), category: z.enum(CATEGORY_CODES) });

/** Title and category of every guide, from the frontmatter of content/guides/<slug>.mdx. */
export function loadGuideIndex(dir = join(CONTENT_DIR, 'guides')): Map<string, { title: string; category: CategoryCode }> {
  const out = new Map<string, { title: string; category: CategoryCode }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
    const meta = frontmatterSchema.parse(readFrontMatter(join(dir, file)).data);
    out.set(file.replace(/\.mdx$/, ''), meta);
  }
  return out;
}

let cached: BankQuestion[] | null = null;

/** The question bank with categories and guide titles; read once per process (content changes only with a deployment). */
export function contestBank(): BankQuestion[] {
  if (cached) return cached;
  const guides = loadGuideIndex();
  cached = loadQuestionBank(join(CONTENT_DIR, 'questions')).map((q) => {
    const guide = guides.get(q.guide);
    if (!guide) throw new Error(`content/questions/${q.guide}.yaml has no guide content/guides/${q.guide}.mdx`);
    return { ...q, category: guide.category, guideTitle: guide.title };
  });
  return cached;
}

/** Guide titles by slug, for links under explanations. */
export function guideTitle(slug: string): string {
  return contestBank().find((q) => q.guide === slug)?.guideTitle ?? slug;
}
