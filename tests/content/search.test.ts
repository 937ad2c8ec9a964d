import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { builtPages } from '../fixtures/axe.ts';
import { loadPagefind, topPaths, type PagefindApi } from '../fixtures/pagefind.ts';
import { heldOutQueries, residentQueries } from '../fixtures/search-queries.ts';
import { PAGEFIND_OPTIONS, searchAsResidentsAsk, type PagefindSearch, type SearchHit } from '#site/lib/search/resident-search.ts';
import { readGuides } from '../fixtures/guides.ts';

// Keywords residents type, and the page that must answer them: first, or within the top three.
const known: Array<[query: string, path: string, rank: 1 | 3]> = [
  ['暴雨', '/guides/rainstorm/', 1],
  ['内涝怎么办', '/guides/rainstorm/', 1],
  ['地震时在家', '/guides/earthquake/', 1],
  ['灭火器怎么用', '/guides/home-fire/', 1],
  ['心肺复苏', '/guides/cpr-aed/', 1],
  ['煤气味', '/guides/gas-leak/', 3],
  ['被困电梯', '/guides/elevator-entrapment/', 1],
  ['台风天出门', '/guides/typhoon/', 1],
  ['中暑', '/guides/heat/', 1],
  ['溺水', '/guides/drowning/', 1],
  ['打雷', '/guides/lightning/', 3],
  ['道路结冰', '/guides/cold-snow-ice/', 1],
  ['大雾开车', '/guides/fog-haze/', 3],
  ['龙卷风', '/guides/tornado/', 1],
  ['洪水', '/guides/flood/', 1],
  ['高楼着火', '/guides/high-rise-fire/', 3],
  ['电动车充电', '/guides/e-bike-fire/', 3],
  ['化工厂泄漏', '/guides/hazmat-leak/', 3],
  ['车祸', '/guides/traffic-accident/', 3],
  ['踩踏', '/guides/crowd-crush/', 1],
  ['食物中毒', '/guides/food-poisoning/', 1],
  ['止血', '/guides/bleeding-bandaging/', 1],
  ['噎住', '/guides/heimlich/', 3],
  ['海姆立克', '/guides/heimlich/', 1],
  ['AED', '/guides/cpr-aed/', 1],
  ['传染病', '/guides/infectious-disease/', 1],
  ['诈骗', '/guides/fraud-rumor/', 1],
  ['恐怖袭击', '/guides/terror-attack/', 1],
  ['警戒水位', '/guides/flood/', 1],
  ['里下河', '/guides/flood/', 1],
  ['崩岸', '/guides/geological-hazards/', 1],
  ['化粪池', '/guides/confined-space/', 1],
  ['菜窖', '/guides/confined-space/', 1],
  ['停电', '/guides/utility-outage/', 1],
  ['没电了', '/guides/utility-outage/', 3],
  ['防空警报', '/guides/air-raid-siren/', 1],
  ['冰雹', '/guides/wind-hail/', 1],
  ['放鞭炮', '/guides/fireworks/', 3],
  ['秸秆焚烧', '/guides/wildfire/', 1],
  ['骨折', '/guides/fracture-splinting/', 1],
  ['搬运伤员', '/guides/moving-casualties/', 1],
  ['回不了家', '/guides/stranded/', 1],
];

/**
 * Queries of the set the search still gets wrong, kept here rather than dropped or tuned one by one.
 * “孩子被锁在车里”: the heat guide says 儿童…留在车内; 锁 and the whole question lead to fire and terror guides.
 */
const KNOWN_MISSES = new Set(['孩子被锁在车里']);

const BASE = 'http://site.test';
const pathOf = (h: SearchHit) => new URL(h.url, BASE).pathname;

describe('search as residents ask (Pagefind over the built site, with the island’s query rewriting)', () => {
  let pf: PagefindApi & PagefindSearch & { options(o: object): Promise<void> };
  const search = async (q: string) => (await searchAsResidentsAsk(pf, q)).hits;
  beforeAll(async () => {
    pf = (await loadPagefind()) as typeof pf;
    await pf.options(PAGEFIND_OPTIONS);
  });

  test('the set covers every guide and holds at least 80 colloquial queries', () => {
    expect(residentQueries.length).toBeGreaterThanOrEqual(80);
    const guides = readGuides().map((g) => `/guides/${g.slug}/`);
    expect(new Set(residentQueries.map((q) => q.path))).toEqual(new Set(guides));
  });

  const cases = residentQueries.map((q) => [q.query, q.path, q.first ? 1 : 3] as const);
  const findsIt = async (query: string, path: string, rank: number) => {
    expect((await search(query)).slice(0, rank).map(pathOf)).toContain(path);
  };
  test.each(cases.filter(([q]) => !KNOWN_MISSES.has(q)))('“%s” finds %s within the top %i', findsIt);
  // Fails while the miss lasts; when the search learns it, this turns red so the query moves back to the set.
  test.fails.each(cases.filter(([q]) => KNOWN_MISSES.has(q)))('known miss: “%s” does not yet find %s within the top %i', findsIt);

  test.each(known)('“%s” finds %s within the top %i', async (query, path, rank) => {
    expect((await search(query)).slice(0, rank).map(pathOf)).toContain(path);
  });

  test('questions never used for tuning: at least 20 of 25 find their guide in the top three', async () => {
    const ranks = await Promise.all(heldOutQueries.map(async (q) => (await search(q.query)).findIndex((h) => pathOf(h) === q.path)));
    const inTopThree = ranks.filter((r) => r >= 0 && r < 3).length;
    console.log(`held-out questions: ${inTopThree} of ${heldOutQueries.length} in the top three`);
    expect(inTopThree).toBeGreaterThanOrEqual(20);
  });

  test('a guide comes before courses, events and materials for its own title', async () => {
    for (const g of readGuides()) {
      const hits = await search(g.data.title);
      expect(pathOf(hits[0] as SearchHit), g.data.title).toBe(`/guides/${g.slug}/`);
    }
  });

  test('excerpts start at a sentence and never show sample-data notices or link blocks', async () => {
    for (const q of residentQueries.slice(0, 40)) {
      for (const h of (await search(q.query)).slice(0, 5)) {
        expect(h.excerpt, `${q.query} → ${h.url}`).not.toMatch(/^[\s.。，、；]/);
        expect(h.excerpt).not.toContain('示例数据');
        expect(h.excerpt).not.toContain('相关应急知识');
      }
    }
  });

  test('a query of nothing but question words finds nothing rather than everything', async () => {
    expect(await search('怎么办？')).toEqual([]);
  });

  test('sample-data notices, link blocks and breadcrumbs are not in the index', async () => {
    expect(await topPaths(pf, '尚未经责任单位核实', 5)).toEqual([]);
    // The lesson “排查家中安全隐患” links the gas-leak guide under 相关应急知识: its indexed text holds neither.
    const summary = readGuides().find((g) => g.slug === 'gas-leak')?.data.summary ?? '';
    const lessons = await Promise.all((await pf.search('排查家中安全隐患')).results.map((r) => r.data()));
    const lesson = lessons.find((d) => d.url.endsWith('/home-hazard-check/')) as unknown as { content: string } | undefined;
    expect(lesson?.content).toContain('排查');
    expect(lesson?.content).not.toContain(summary);
    expect(lesson?.content).not.toContain('相关应急知识');
    for (const path of builtPages().filter((p) => p.startsWith('/training/') || p.startsWith('/guides/'))) {
      const html = readFileSync(`dist${path}index.html`, 'utf8');
      if (!html.includes('data-pagefind-body')) continue;
      for (const m of html.matchAll(/<nav aria-label="当前位置"[^>]*>|<p class="notice sample-notice"[^>]*>|<section[^>]*aria-labelledby="guides-title"[^>]*>/g))
        expect(m[0], path).toContain('data-pagefind-ignore');
    }
  });

  test('indexes guide pages but not index pages', async () => {
    const top = await topPaths(pf, '应急知识', 20);
    expect(top).not.toContain('/guides/');
    expect(top).not.toContain('/');
  });

  test('filters by type', async () => {
    const res = await pf.search('暴雨', { filters: { 类型: ['指南'] } });
    const data = await Promise.all(res.results.map((r) => r.data()));
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((d) => d.url.includes('/guides/'))).toBe(true);
  });
});

describe('常见问法 (askedAs) of the guides', () => {
  test('every guide says in at least five ways how residents ask about it, none a copy of its keywords', () => {
    for (const g of readGuides()) {
      expect(g.data.askedAs.length, g.slug).toBeGreaterThanOrEqual(5);
      expect(g.data.askedAs.filter((a) => g.data.keywords.includes(a)), g.slug).toEqual([]);
    }
  });
});
