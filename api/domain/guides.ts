import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTENT_DIR } from '../env.ts';
import { readFrontMatter } from '../front-matter.ts';

/** What the API needs of a guide: where it is and which warnings it belongs to. */
export interface GuideLink {
  slug: string;
  title: string;
  url: string;
  warningTypes: string[];
}

const frontSchema = z.object({ title: z.string(), warningTypes: z.array(z.string()).default([]) });

/** The guides' titles and warning types, read from content/guides frontmatter. */
export const GUIDE_LINKS: readonly GuideLink[] = readdirSync(join(CONTENT_DIR, 'guides'))
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((f) => {
    const data = frontSchema.parse(readFrontMatter(join(CONTENT_DIR, 'guides', f)).data);
    const slug = f.replace(/\.mdx$/, '');
    return { slug, title: data.title, url: `/guides/${slug}/`, warningTypes: data.warningTypes };
  });

/** Guides that teach what to do for a hazard. */
export function guidesFor(hazard: string): Array<Pick<GuideLink, 'slug' | 'title' | 'url'>> {
  return GUIDE_LINKS.filter((g) => g.warningTypes.includes(hazard)).map(({ slug, title, url }) => ({ slug, title, url }));
}
