import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, launchBrowser, watchPage } from '../fixtures/browser.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

describe.runIf(browserAvailable())('home page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('shows the Chinese home page with the emergency numbers, no errors and nothing from other origins', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toContain('扬州应急');
    for (const n of ['110', '119', '120', '122']) {
      await expect.poll(() => page.locator(`footer a[href="tel:${n}"]`).count()).toBe(1);
    }
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test('keeps 长辈模式 across pages, applied before first paint', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const small = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect.poll(() => page.getByRole('button', { name: '长辈模式' }).getAttribute('aria-pressed')).toBe('true');
    // On the next page the attribute must be there before any script after <head> runs.
    await page.goto(`${server.url}/guides/`);
    const big = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    expect(parseFloat(big)).toBeGreaterThan(parseFloat(small));
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-elder'))).toBe(true);
  });

  test('serves the site 404 page for an unknown path and JSON for an unknown API path', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/no-such-page/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toContain('没有找到');
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  test('serves hashed assets immutable and HTML no-cache', async () => {
    const html = await fetch(`${server.url}/guides/`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    // The home page carries the warnings in force: browsers revalidate it every time (a shared cache may hold it 5 s,
    // once the warnings cache has learnt the current version; the very first answer says no-cache).
    expect((await fetch(`${server.url}/`)).headers.get('cache-control')).toMatch(/^(no-cache|public, max-age=0, s-maxage=5)$/);
    // Small stylesheets are inlined; the warnings page loads its islands from /_astro/.
    const body = await (await fetch(`${server.url}/warnings/`)).text();
    const asset = body.match(/\/_astro\/[^"']+\.(?:css|js)/)?.[0];
    expect(asset).toBeTruthy();
    const res = await fetch(`${server.url}${asset}`);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });
});
