import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { phoneNumberSchema } from '#site/schemas/household.ts';

const numbers = z.array(phoneNumberSchema).parse(parse(readFileSync('content/numbers.yaml', 'utf8')));
const listed = new Map(numbers.map((n) => [n.number, n]));

/** Files under `dir` whose names end in one of `exts`. */
function filesIn(dir: string, exts: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesIn(path, exts);
    return exts.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

// Short codes (110, 12345, 96110 …) and full numbers (0514-…, mobiles, 400-…).
const PHONE = /(?<![\d.,:/\w-])(0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4}|1[12]\d|1\d{4}|9[56]\d{3,4})(?![\d.,%\w-])/g;
// A count, a measure or a range, not a phone number: 100–120 次, 115 微克, 150 米.
const MEASURE_AFTER = /^\s*(?:[–~～-]|次|米|厘米|毫米|公里|千米|微克|毫克|克|分钟|秒|小时|天|周|岁|人|名|升|毫升|℃|度|级|年|月|日|元|台|辆|个|户|间|万|亿|倍)/;
const RANGE_BEFORE = /[–~～-]\s*$/;
// A standard's number, not a phone number: GB 10631—2025, GB/T 12801, GA 95, DB32/T 12345.
const STANDARD_BEFORE = /\b(?:GB|GA|AQ|JGJ|WS|YY|HJ|DB\d{2}|ISO|IEC|EN)(?:\/T)?\s*$/;

/** Every phone-number-like string in a text of the site's content. */
function phoneNumbersInText(text: string): string[] {
  return [...text.matchAll(PHONE)]
    .filter((m) => !MEASURE_AFTER.test(text.slice(m.index + m[0].length)))
    .filter((m) => !RANGE_BEFORE.test(text.slice(0, m.index)) && !STANDARD_BEFORE.test(text.slice(0, m.index)))
    .map((m) => m[0]);
}

// In code, a number is one shown to residents when it sits in text: next to Chinese, or inside quotes or tags.
const TEXT_EDGE_BEFORE = /[\p{Script=Han}>'"“（]\s*$/u;
const TEXT_EDGE_AFTER = /^\s*[\p{Script=Han}<'"”）]/u;

/** Phone numbers a page's source shows or links to: every `tel:` link, and numbers in its Chinese text. */
function phoneNumbersInCode(code: string): string[] {
  const links = [...code.matchAll(/tel:([\d-]+)/g)].map((m) => m[1] ?? '');
  const shown = [...code.matchAll(PHONE)]
    .filter((m) => TEXT_EDGE_BEFORE.test(code.slice(0, m.index)) && TEXT_EDGE_AFTER.test(code.slice(m.index + m[0].length)))
    .filter((m) => !MEASURE_AFTER.test(code.slice(m.index + m[0].length)) && !STANDARD_BEFORE.test(code.slice(0, m.index)))
    .map((m) => m[0]);
  return [...links, ...shown];
}

// Each shelter's own contact number is checked by the shelter schema and shown on that shelter's page; REVIEW.md is
// the reviewers' record (it names the wrong numbers it replaced) and is never published.
const notPublished = [join('content', 'numbers.yaml'), join('content', 'REVIEW.md')];
const contentFiles = filesIn('content', ['.mdx', '.md', '.yaml', '.yml']).filter(
  (f) => !f.startsWith(join('content', 'shelters')) && !notPublished.includes(f),
);
// What residents see: the site's pages, components and islands, and what the API renders and sends; not staff screens,
// nor accounts, database or command-line code (the common-password list is full of digit strings).
const staffOnly = [join('site', 'islands', 'admin'), join('site', 'pages', 'admin'), join('api', 'accounts'), join('api', 'db'), join('api', 'cli')];
const pageFiles = [...filesIn('site', ['.astro', '.tsx', '.ts']), ...filesIn('api', ['.ts'])].filter(
  (f) => !staffOnly.some((dir) => f.startsWith(dir)),
);

describe('emergency numbers', () => {
  test('lists each number once, with what it is for', () => {
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
    expect(numbers.length).toBeGreaterThanOrEqual(20);
  });

  test('gives the forest-fire line as 12119, the national number', () => {
    expect(listed.get('12119')?.name).toBe('森林火警');
    expect(listed.has('95119')).toBe(false);
  });

  test('every phone number in guides, questions, lessons, materials, checklists and warning templates is on the numbers page', () => {
    expect(contentFiles.length).toBeGreaterThan(80);
    const missing: string[] = [];
    let found = 0;
    for (const file of contentFiles) {
      for (const n of phoneNumbersInText(readFileSync(file, 'utf8'))) {
        found++;
        if (!listed.has(n)) missing.push(`${file}: ${n}`);
      }
    }
    expect(found).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  test('every number a page shows or links to is on the numbers page, and every tap-to-call link can be dialled', () => {
    const missing: string[] = [];
    for (const file of pageFiles) {
      const code = readFileSync(file, 'utf8');
      for (const n of phoneNumbersInCode(code)) if (!listed.has(n)) missing.push(`${file}: ${n}`);
      for (const m of code.matchAll(/tel:([\d-]+)/g)) if (listed.get(m[1] ?? '')?.dial === false) missing.push(`${file}: tel:${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  test('no page tells residents to dial a number that only sends messages (12379)', () => {
    const smsOnly = numbers.filter((n) => !n.dial).map((n) => n.number);
    expect(smsOnly).toContain('12379');
    const told: string[] = [];
    for (const file of [...contentFiles, ...pageFiles]) {
      const text = readFileSync(file, 'utf8');
      for (const n of smsOnly) if (new RegExp(`(?:拨打|致电|呼叫|打)\\s*(?:<[^>]*>\\s*)?${n}`).test(text)) told.push(`${file}: ${n}`);
    }
    expect(told).toEqual([]);
  });

  test('finds numbers in running text but not counts, measures or ranges', () => {
    expect(phoneNumbersInText('拨打120，按压每分钟100–120次，深5–6厘米，PM2.5大于115微克，120 次')).toEqual(['120']);
    expect(phoneNumbersInText('森林火警12119；反诈96110；车后150米；0514-87654321')).toEqual(['12119', '96110', '0514-87654321']);
    expect(phoneNumbersInText('依据GB 10631—2025《烟花爆竹 安全与质量》、GB/T 12801 和 DB32/T 12345，举报拨打12350')).toEqual(['12350']);
    expect(phoneNumbersInCode(`if (minutes < 120) return '这是 5 分钟前'; const a = { tel: '110', label: '报警' };`)).toEqual(['110']);
  });
});
