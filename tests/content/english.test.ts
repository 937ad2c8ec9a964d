import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ENGLISH_GUIDES, alternatesFor, switchTarget } from '#site/lib/i18n.ts';
import { guideEnSchema, numberEnSchema } from '#site/schemas/english.ts';
import { guideSchema } from '#site/schemas/guide.ts';
import { readFrontMatter } from '#api/front-matter.ts';

const split = (path: string) => {
  const { data, body } = readFrontMatter(path);
  return { front: data, body };
};
const english = readdirSync('content/guides-en')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const slug = f.replace('.mdx', '');
    const en = split(`content/guides-en/${f}`);
    const zh = split(`content/guides/${f}`);
    return { slug, data: guideEnSchema.parse(en.front), body: en.body, zh: guideSchema.parse(zh.front), zhBody: zh.body };
  });
// Emergency and service numbers as the guides write them: 110, 12119, 96333 …
const numbersIn = (text: string) => new Set(text.match(/(?<!\d|\d[.,]|[-–])(?:1[12]\d|1\d{4}|9\d{4})(?!\d|[.,]\d|[-–%])/g) ?? []);

describe('English content', () => {
  test('the eight guides a visitor most needs are all in English, and nothing else is', () => {
    expect(english.map((g) => g.slug).sort()).toEqual([...ENGLISH_GUIDES].sort());
  });

  test.each(english.map((g) => [g.slug, g] as const))('%s follows the current review of its Chinese guide, with the same sections', (_slug, g) => {
    // When the Chinese guide is reviewed again, its English must be checked against it and `follows` moved on.
    expect(g.data.follows.toISOString().slice(0, 10)).toBe(g.zh.reviewed.toISOString().slice(0, 10));
    const headings = [...g.body.matchAll(/^##+ (.+)$/gm)].map((m) => m[1]?.trim());
    expect(headings).toEqual([
      'Before',
      'During',
      'Helping yourself and others',
      'After',
      'Special advice',
      'Children',
      'Older people',
      'People with disabilities',
      'Common mistakes',
    ]);
  });

  test.each(english.map((g) => [g.slug, g] as const))('%s gives every number its Chinese guide gives', (_slug, g) => {
    const zh = numbersIn(g.zhBody);
    expect(zh.size).toBeGreaterThan(0);
    expect([...zh].filter((n) => !numbersIn(g.body).has(n))).toEqual([]);
  });

  test('every number of numbers.yaml has its English, and no other number does', () => {
    const zh = z.array(z.object({ number: z.string() }).loose()).parse(parse(readFileSync('content/numbers.yaml', 'utf8')));
    const en = z.array(numberEnSchema).parse(parse(readFileSync('content/numbers-en.yaml', 'utf8')));
    expect(en.map((n) => n.number)).toEqual(zh.map((n) => n.number));
  });

  test('pages pair up both ways, and the switch falls back to the English home page', () => {
    expect(alternatesFor('/guides/heat/')).toEqual({ zh: '/guides/heat/', en: '/en/guides/heat/' });
    expect(alternatesFor('/en/guides/heat/')).toEqual({ zh: '/guides/heat/', en: '/en/guides/heat/' });
    expect(alternatesFor('/warnings/42/')).toEqual({ zh: '/warnings/42/', en: '/en/warnings/42/' });
    expect(alternatesFor('/shelters/gl-hangji')).toEqual({ zh: '/shelters/gl-hangji/', en: '/en/shelters/gl-hangji/' });
    expect(alternatesFor('/shelters/stats/')).toBeNull();
    expect(alternatesFor('/guides/flood/')).toBeNull();
    expect(switchTarget('/training/')).toBe('/en/');
    expect(switchTarget('/en/numbers/')).toBe('/numbers/');
  });
});
