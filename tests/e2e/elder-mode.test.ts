import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, builtPages } from '../fixtures/axe.ts';
import { browserAvailable } from '../fixtures/browser.ts';
import { publishWarning } from '../fixtures/publish.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

/** Links and controls on the page that a finger cannot hit: visible, and less than 44 px high. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}「${(el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 20)}」`;
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';
    const out: string[] = [];
    for (const el of document.querySelectorAll(selector)) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('[hidden], [aria-hidden="true"], .leaflet-control-attribution')) continue;
      let box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // A box hidden to the eye (a visually-hidden radio) is hit through its label.
      if (box.width <= 2 && box.height <= 2) {
        const label = (el as HTMLInputElement).labels?.[0];
        if (!label) continue;
        box = label.getBoundingClientRect();
      }
      // The skip link waits above the page until it is focused.
      if (box.bottom <= 0 && el.classList.contains('skip-link')) continue;
      if (box.height < 44 - 0.5) out.push(`${name(el)} ${Math.round(box.height)}px`);
    }
    return out;
  });
}

// axe's AAA rule only judges text between the AA and AAA ratios (its minThreshold): below 4.5:1 is left to
// the AA rule, so both run.
const CONTRAST = ['color-contrast', 'color-contrast-enhanced'];

describe.runIf(browserAvailable())('长辈模式 on every built page', () => {
  const site = withSiteBrowser();

  test('AAA contrast (7:1) in the light and dark schemes, and every link and control at least 44 px high, at 390×844', async () => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(30);
    // An orange warning in force, so its colours are on the home page, the warnings page and the guides.
    await publishWarning(site.server);
    // axe is injected by the test, so this context alone bypasses the site's CSP.
    const context = await site.context({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    await context.addInitScript(() => localStorage.setItem('yzready:elder', '1'));
    const page = await context.newPage();
    const found: Record<string, unknown> = {};
    for (const path of pages) {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      if (path.startsWith('/admin/')) await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.hasAttribute('data-elder')), path).toBe(true);
      const light = await axeViolations(page, CONTRAST);
      if (light.length) found[`${path} light`] = light.flatMap((v) => v.targets);
      const small = await smallTargets(page);
      if (small.length) found[`${path} targets`] = small;
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await axeViolations(page, CONTRAST);
      if (dark.length) found[`${path} dark`] = dark.flatMap((v) => v.targets);
    }
    await context.close();
    expect(found).toEqual({});
  }, 900_000);

  test('the header stays within 120 px on a phone, 150 px in 长辈模式, and its menu opens without JavaScript', async () => {
    const heights: Record<string, number> = {};
    for (const elder of [false, true]) {
      for (const js of [true, false]) {
        const context = await site.context({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
        if (elder && js) await context.addInitScript(() => localStorage.setItem('yzready:elder', '1'));
        const page = await context.newPage();
        for (const path of ['/', '/guides/rainstorm/', '/shelters/', '/warnings/']) {
          await page.goto(`${site.url}${path}`);
          heights[`${path}${elder && js ? ' 长辈模式' : ''}${js ? '' : ' no-js'}`] = await page
            .locator('header.site-header')
            .evaluate((h) => h.getBoundingClientRect().height);
          // The placeholder is read whole: written into the box, it does not overflow it.
          const fits = await page.locator('#site-search').evaluate((el) => {
            const input = el as HTMLInputElement;
            input.value = input.placeholder;
            const ok = input.scrollWidth <= input.clientWidth;
            input.value = '';
            return ok;
          });
          expect(fits, `${path} placeholder`).toBe(true);
          // Nothing sticks out sideways.
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} width`).toBeLessThanOrEqual(390);
        }
        const nav = page.getByRole('navigation', { name: '主要栏目' });
        expect(await nav.isVisible()).toBe(false);
        await page.getByText('菜单', { exact: true }).click();
        await nav.getByRole('link', { name: '避难场所' }).click();
        await page.waitForURL('**/shelters/');
        await context.close();
      }
    }
    for (const [key, h] of Object.entries(heights)) expect(h, key).toBeLessThanOrEqual(key.includes('长辈模式') ? 150 : 120);
  });

  test('at 1280 px the sections show in a row without the menu button, targets stay at least 44 px high and the mouse pointer is large in 长辈模式', async () => {
    const context = await site.context({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => localStorage.setItem('yzready:elder', '1'));
    const page = await context.newPage();
    for (const path of ['/', '/guides/rainstorm/', '/shelters/', '/warnings/', '/contest/practice/']) {
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      expect(await page.getByText('菜单', { exact: true }).isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: '主要栏目' }).getByRole('link', { name: '预警信息' }).isVisible()).toBe(true);
      expect(await smallTargets(page), path).toEqual([]);
    }
    // 特大鼠标: with a mouse, the pointer is the large arrow, and the large hand over links and buttons.
    const cursor = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).cursor);
    expect(await cursor('main p')).toContain('/cursors/arrow.svg');
    expect(await cursor('main a[href]')).toContain('/cursors/hand.svg');
    expect(await cursor('header button')).toContain('/cursors/hand.svg');
    expect(await cursor('#site-search')).toBe('text');
    for (const name of ['arrow', 'hand']) {
      const svg = await (await fetch(`${site.url}/cursors/${name}.svg`)).text();
      expect(svg, name).toMatch(/<svg[^>]* width="64" height="64"/);
    }
    await context.close();
  });
});
