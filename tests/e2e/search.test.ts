import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { PAGEFIND_OPTIONS, searchAsResidentsAsk, type PagefindSearch } from '#site/lib/search/resident-search.ts';
import { browserAvailable, hydrated, watchPage } from '#tests/fixtures/browser.ts';
import { loadPagefind } from '../fixtures/pagefind.ts';
import { residentQueries } from '../fixtures/search-queries.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

// Every eleventh query of the set (ten of them), and the three that must put their guide first.
const SAMPLE = [...residentQueries.filter((_, i) => i % 11 === 5), ...residentQueries.filter((q) => q.first)];

/** Site paths of the results on the page, once the search for `q` has answered. */
async function resultPaths(page: Page, q: string): Promise<string[]> {
  await page.waitForFunction(
    (q) => document.querySelector('.status')?.textContent?.includes('找到') && new URL(location.href).searchParams.get('q') === q,
    q,
    {
      timeout: 20_000,
    },
  );
  return page.locator('.results li > a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

async function searchFor(page: Page, base: string, q: string): Promise<string[]> {
  await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
  return resultPaths(page, q);
}

/** A first visit that leaves the service worker in control, its precache complete. */
async function visitOnce(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

describe.runIf(browserAvailable())('search in Chromium', () => {
  const site = withSiteBrowser();
  let node: PagefindSearch;
  beforeAll(async () => {
    const pf = (await loadPagefind()) as unknown as PagefindSearch & { options(o: object): Promise<void> };
    await pf.options(PAGEFIND_OPTIONS);
    node = pf;
  });

  test('answers a sample of the residents’ questions as the Node run does', async () => {
    const page = await site.page();
    const watch = watchPage(page, site.url);
    for (const q of SAMPLE) {
      const paths = await searchFor(page, site.url, q.query);
      expect(paths.slice(0, q.first ? 1 : 3), q.query).toContain(q.path);
      const inNode = (await searchAsResidentsAsk(node, q.query)).hits.map((h) => h.url);
      expect(paths.slice(0, 5), q.query).toEqual(inNode.slice(0, 5));
    }
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await page.close();
  });

  test('the header box keeps the query, and on a phone the first result is in the first screen', async () => {
    const context = await site.context({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/guides/`);
    const header = page.getByRole('search', { name: '全站搜索' }).getByRole('searchbox');
    await header.fill('灭火器怎么用');
    await header.press('Enter');
    const paths = await resultPaths(page, '灭火器怎么用');
    expect(paths[0]).toBe('/guides/home-fire/');
    expect(await header.inputValue()).toBe('灭火器怎么用');
    expect(await page.getByRole('search', { name: '搜索本站内容' }).getByRole('searchbox').inputValue()).toBe('灭火器怎么用');
    const first = await page.locator('.results li').first().boundingBox();
    // Its title and the start of its excerpt are on screen without scrolling.
    expect((first?.y ?? Infinity) + 60).toBeLessThan(844);
    await context.close();
  });

  test('the type filter counts the results of the current query', async () => {
    const page = await site.page();
    const typeFilter = page.getByLabel('类型', { exact: true });
    const countsShown = async () =>
      Object.fromEntries(
        (await typeFilter.locator('option').allTextContents()).map((t) => {
          const m = /^(.+)（(\d+)）$/.exec(t) ?? [];
          return [m[1], Number(m[2])];
        }),
      );
    const countsListed = async () => {
      const types = await page.locator('.results li .type').allTextContents();
      return types.reduce<Record<string, number>>((n, t) => ({ ...n, [t]: (n[t] ?? 0) + 1 }), {});
    };
    for (const q of ['灭火器', '暴雨']) {
      await searchFor(page, site.url, q);
      const shown = await countsShown();
      const listed = await countsListed();
      expect(shown['全部'], q).toBe(Object.values(listed).reduce((a, b) => a + b, 0));
      for (const [type, n] of Object.entries(shown)) if (type !== '全部') expect(n, `${q} ${type}`).toBe(listed[type] ?? 0);
    }
    await searchFor(page, site.url, '灭火器');
    const courses = (await countsShown())['课程'];
    expect(courses).toBeGreaterThan(0);
    await typeFilter.selectOption('课程');
    await expect.poll(() => page.locator('.results li .type').allTextContents()).toEqual(Array(courses).fill('课程'));
    await page.close();
  });

  test('after one visit, search offline gives the same results as online', async () => {
    const queries = ['心肺复苏', '闻到一股臭鸡蛋味', '被困在车里水越来越深', '电瓶车能不能推到家里充电'];
    const online = await site.context({ serviceWorkers: 'block' });
    const onlinePage = await online.newPage();
    const expected: string[][] = [];
    for (const q of queries) expected.push(await searchFor(onlinePage, site.url, q));
    await online.close();

    const context = await site.context();
    // The first visit is the home page only: no search is made online in this context.
    const page = await visitOnce(context, site.url);
    await context.setOffline(true);
    for (const [i, q] of queries.entries()) expect(await searchFor(page, site.url, q), q).toEqual(expected[i]);
    await context.close();
  });

  test('offline with the index never saved, the page says so instead of “没有找到”', async () => {
    const context = await site.context({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${site.url}/search/`);
    await hydrated(page, 'Search');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '');
    await context.setOffline(true);
    await page.getByRole('search', { name: '搜索本站内容' }).getByRole('searchbox').fill('暴雨');
    const status = page.locator('.status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('搜索索引还没有保存到这台设备上');
    expect(await status.textContent()).not.toContain('没有找到');
    await context.close();
  });

  test('axe finds nothing on /search/ with results, best practices included (the two search landmarks named apart)', async () => {
    const context = await site.context({ bypassCSP: true });
    const page = await context.newPage();
    await searchFor(page, site.url, '暴雨');
    await page.evaluate(axe.source);
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: typeof axe };
      const r = await w.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});
