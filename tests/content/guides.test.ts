import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadQuestionBank } from '../../api/domain/questions.ts';
import { guideSchema } from '../../site/schemas/guide.ts';

const files = readdirSync('content/guides').filter((f) => f.endsWith('.mdx'));
const guides = files.map((f) => {
  const text = readFileSync(`content/guides/${f}`, 'utf8');
  const [, front = '', body = ''] = text.split(/^---$/m);
  return { slug: f.replace('.mdx', ''), data: guideSchema.parse(parse(front)), body };
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

  test('every guide is taught by at least one quiz question', () => {
    const taught = new Set(loadQuestionBank().map((q) => q.guide));
    expect(guides.map((g) => g.slug).filter((s) => !taught.has(s))).toEqual([]);
  });
});
