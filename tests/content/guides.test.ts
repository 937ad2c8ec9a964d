import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadQuestionBank } from '#api/domain/question-bank.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { guideSchema, isSpecificUrl } from '#site/schemas/guide.ts';
import { readFrontMatter } from '#api/front-matter.ts';

const files = readdirSync('content/guides').filter((f) => f.endsWith('.mdx'));
const guides = files.map((f) => {
  const { data, body } = readFrontMatter(`content/guides/${f}`);
  return { slug: f.replace('.mdx', ''), data: guideSchema.parse(data), body };
});

describe('guides content', () => {
  test('has at least 24 guides covering all four classes of emergency', () => {
    expect(guides.length).toBeGreaterThanOrEqual(24);
    expect(new Set(guides.map((g) => g.data.category))).toEqual(new Set(['natural', 'accident', 'health', 'social']));
  });

  test.each(guides.map((g) => [g.slug, g] as const))('%s has the shared shape: 预防, 避险, 自救互救, 之后, notes for groups', (_slug, g) => {
    const headings = [...g.body.matchAll(/^## (.+)$/gm)].map((m) => m[1]?.trim());
    expect(headings.slice(0, 5)).toEqual(['预防', '避险', '自救互救', '之后', '特别提醒']);
    expect(g.body).toMatch(/^### (儿童|老人|残障人士)$/m);
    expect(g.data.sources.length).toBeGreaterThan(0);
  });

  test.each(guides.map((g) => [g.slug, g] as const))('%s cites each source by title, issuer and date, linking to a page rather than a site', (_slug, g) => {
    for (const s of g.data.sources) {
      expect(s.name.length).toBeGreaterThan(1);
      expect(s.publisher.length).toBeGreaterThan(1);
      // A dated document, or a web page with no date: then its address and the day it was read.
      if (s.date) expect(s.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      else expect([s.accessed, s.url]).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expect.any(String)]);
      if (s.url) expect(isSpecificUrl(s.url), s.url).toBe(true);
    }
    expect(g.data.reviewedAgainst.length).toBeGreaterThan(8);
  });

  test("a link to a site's front page is not a source", () => {
    for (const u of ['https://www.mem.gov.cn/', 'https://www.cma.gov.cn', 'http://www.119.gov.cn/index.html', 'https://www.nhc.gov.cn/index.shtml'])
      expect(isSpecificUrl(u), u).toBe(false);
    for (const u of ['https://doi.org/10.3760/cma.j.issn.1671-0282.2022.05.003', 'https://www.example.gov.cn/?id=3', 'http://zgdz.eq-j.cn/html/2023/2/20230215.htm'])
      expect(isSpecificUrl(u), u).toBe(true);
    const front = guides[0]?.data.sources[0];
    expect(guideSchema.shape.sources.safeParse([{ ...front, url: 'https://www.mem.gov.cn/' }]).success).toBe(false);
    expect(guideSchema.shape.sources.safeParse([{ name: '某部门网站', publisher: '某部门' }]).success).toBe(false);
  });

  test('every guide is taught by at least one quiz question', () => {
    const taught = new Set(loadQuestionBank(`${CONTENT_DIR}/questions`).map((q) => q.guide));
    expect(guides.map((g) => g.slug).filter((s) => !taught.has(s))).toEqual([]);
  });
});

describe.runIf(existsSync('dist/guides'))('built guide pages', () => {
  test.each(guides.map((g) => [g.slug, g] as const))('%s shows its sources, when it was last reviewed and against what', (slug, g) => {
    const html = readFileSync(`dist/guides/${slug}/index.html`, 'utf8');
    expect(html).toContain('最近审核');
    expect(html).toContain(g.data.reviewedAgainst);
    for (const s of g.data.sources) expect(html).toContain(s.publisher);
  });
});
