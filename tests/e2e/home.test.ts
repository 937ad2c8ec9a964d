import { describe, expect, test } from 'vitest';
import { browserAvailable, watchPage } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

describe.runIf(browserAvailable())('home page in Chromium', () => {
  const site = withSiteBrowser();

  test('shows the Chinese home page with the emergency numbers, no errors and nothing from other origins', async () => {
    const page = await site.page();
    const watch = watchPage(page, site.url);
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toContain('扬州应急');
    for (const n of ['110', '119', '120', '122']) {
      await expect.poll(() => page.locator(`footer a[href="tel:${n}"]`).count()).toBe(1);
    }
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test('keeps 长辈模式 across pages, applied before first paint', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/`);
    const small = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect.poll(() => page.getByRole('button', { name: '长辈模式' }).getAttribute('aria-pressed')).toBe('true');
    // On the next page the attribute must be there before any script after <head> runs.
    await page.goto(`${site.url}/guides/`);
    const big = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    expect(parseFloat(big)).toBeGreaterThan(parseFloat(small));
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-elder'))).toBe(true);
  });

  test('serves the site 404 page for an unknown path and JSON for an unknown API path', async () => {
    const page = await site.page();
    const res = await page.goto(`${site.url}/no-such-page/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toContain('没有找到');
    const api = await fetch(`${site.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  test('serves hashed assets immutable and HTML no-cache', async () => {
    const html = await fetch(`${site.url}/guides/`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    // The home page carries the warnings in force: browsers revalidate it every time (a shared cache may hold it 5 s,
    // once the warnings cache has learnt the current version; the very first answer says no-cache).
    expect((await fetch(`${site.url}/`)).headers.get('cache-control')).toMatch(/^(no-cache|public, max-age=0, s-maxage=5)$/);
    // Small stylesheets are inlined; the warnings page loads its islands from /_astro/.
    const body = await (await fetch(`${site.url}/warnings/`)).text();
    const asset = body.match(/\/_astro\/[^"']+\.(?:css|js)/)?.[0];
    expect(asset).toBeTruthy();
    const res = await fetch(`${site.url}${asset}`);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });
});
