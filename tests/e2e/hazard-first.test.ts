import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HAZARD_TILES, tilesForMonth } from '#site/lib/home-hazards.ts';
import { browserAvailable } from '#tests/fixtures/browser.ts';
import { publishWarning } from '../fixtures/publish.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

/** The guides the home page's hazard tiles lead to, in the order shown. */
const tileSlugs = (page: Page) =>
  page.locator('[data-hazard-tiles] > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-slug') ?? ''));

describe.runIf(browserAvailable())('start from the hazard', () => {
  const site = withSiteBrowser();

  test('the home page opens with the hazards of the season: 梅雨 and typhoons in July, cold and ice in January', async () => {
    const page = await site.page({ viewport: { width: 390, height: 844 } });
    // 1 July, Beijing time: 梅雨 season; 15 January: cold waves and road ice.
    for (const [when, month, first] of [
      ['2027-07-01T09:00:00+08:00', 7, ['rainstorm', 'typhoon']],
      ['2027-01-15T09:00:00+08:00', 1, ['cold-snow-ice', 'home-fire', 'gas-leak']],
    ] as const) {
      await page.clock.setFixedTime(new Date(when));
      await page.goto(`${site.url}/`);
      const slugs = await tileSlugs(page);
      expect(slugs).toEqual(tilesForMonth(month).map((t) => t.slug));
      expect(slugs.slice(0, first.length)).toEqual(first);
      // The leading tile says why it leads.
      expect(await page.locator('[data-hazard-tiles] > li').first().locator('.season').textContent()).toContain('当季');
      // Hazards first, then the shortcuts to the nearest shelter and the warnings, then the sections.
      const tops = await page.evaluate(() =>
        ['[data-hazard-tiles]', 'a[href="/shelters/#nearest"]', '#sections-title'].map(
          (s) => document.querySelector(s)!.getBoundingClientRect().top,
        ),
      );
      expect(tops).toEqual([...tops].sort((a, b) => a - b));
      // On a phone the first tile is on the first screen.
      expect(tops[0]).toBeLessThan(844 - 100);
    }
    await page.close();
  });

  test('without JavaScript the tiles keep their usual order and every one leads to its guide', async () => {
    const context = await site.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    expect(await tileSlugs(page)).toEqual(HAZARD_TILES.map((t) => t.slug));
    expect(await page.locator('[data-hazard-tiles] .season:visible').count()).toBe(0);
    for (const t of HAZARD_TILES) expect((await fetch(`${site.url}/guides/${t.slug}/`)).status, t.slug).toBe(200);
    await context.close();
  });

  test('a guide says 目前没有 when no warning of its hazard is in force, and lists the warning once one is published', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/guides/rainstorm/`);
    await page.waitForSelector('[data-guide-warnings][data-state]');
    const live = page.locator('.guide-live');
    await expect.poll(() => live.textContent()).toContain('目前没有生效的暴雨、汛情/洪水预警');
    // The shelters view filtered for the guide's hazard.
    expect(await page.locator('.guide-shelter-link a').getAttribute('href')).toBe('/shelters/?hazard=flood#nearest');

    const warning = await publishWarning(site.server);
    await page.reload();
    await page.waitForSelector('[data-guide-warnings][data-state]');
    await expect.poll(() => live.textContent()).toContain('扬州市气象台发布暴雨橙色预警信号');
    expect(await live.textContent()).toContain('橙色预警');
    await live.getByRole('link', { name: '扬州市气象台发布暴雨橙色预警信号' }).click();
    await page.waitForURL(`**/warnings/${warning.id}/`);

    // Another hazard's guide is not alarmed by it.
    await page.goto(`${site.url}/guides/heat/`);
    await page.waitForSelector('[data-guide-warnings][data-state]');
    await expect.poll(() => page.locator('.guide-live').textContent()).toContain('目前没有生效的高温预警');
    await page.close();
  });
});
