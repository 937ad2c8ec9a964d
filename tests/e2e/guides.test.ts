import { describe, expect, test } from 'vitest';
import { builtPages } from '../fixtures/axe.ts';
import { browserAvailable, watchPage } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

describe.runIf(browserAvailable())('guides in Chromium', () => {
  const site = withSiteBrowser();

  test('opens a guide from the home page in two clicks, with no framework JavaScript on the guide page', async () => {
    const page = await site.page();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${site.url}/`);
    await page.getByRole('navigation', { name: '主要栏目' }).getByRole('link', { name: '应急知识' }).click();
    scripts.length = 0;
    await page.getByRole('link', { name: '燃气泄漏' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/guides/gas-leak/');
    await expect.poll(() => page.getByRole('heading', { name: '最重要的三件事' }).isVisible()).toBe(true);
    // The service-worker registration, the install offer (the 长辈模式 preference is inline, before first
    // paint), and the small module that reads the warnings of the guide's hazard (with the storage module it
    // shares with the warnings page): no framework.
    expect(scripts.filter((s) => s.startsWith('/scripts/')).sort()).toEqual(['/scripts/install.js', '/scripts/sw-register.js']);
    expect(scripts.filter((s) => !s.startsWith('/scripts/')).length).toBeLessThanOrEqual(2);
    expect(scripts.some((s) => /preact|client\./.test(s))).toBe(false);
  });

  test('finds a guide by a Chinese query through the header search', async () => {
    const page = await site.page();
    const watch = watchPage(page, site.url);
    await page.goto(`${site.url}/guides/`);
    await page.getByRole('searchbox', { name: '搜索应急知识' }).fill('被困电梯');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const first = page.locator('.results li a').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toBe('电梯困人');
    await first.click();
    expect(new URL(page.url()).pathname).toBe('/guides/elevator-entrapment/');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test('prints every guide on one A4 page without navigation', async () => {
    const page = await site.page();
    await page.emulateMedia({ media: 'print' });
    const slugs = builtPages().filter((p) => /^\/guides\/[a-z-]+\/$/.test(p) && !['/guides/hazards/', '/guides/checklist/'].includes(p));
    expect(slugs.length).toBeGreaterThanOrEqual(24);
    const overflowing: string[] = [];
    for (const path of slugs) {
      await page.goto(`${site.url}${path}`);
      expect(await page.locator('nav[aria-label="主要栏目"]').isVisible()).toBe(false);
      expect(await page.locator('footer.site-footer').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      if (pages.length !== 1) overflowing.push(`${path}: ${pages.length} pages`);
    }
    expect(overflowing).toEqual([]);
  });

  test('keeps checklist ticks and warns about expiry after a reload', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/guides/checklist/`);
    const water = page.getByRole('checkbox', { name: /饮用水/ });
    await water.check();
    const expiry = page.locator('li', { hasText: '饮用水' }).getByLabel('有效期至');
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await expiry.fill(soon);
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: /饮用水/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/饮用水：\d 天后到期/);
    expect(await page.locator('#summary-title + p').textContent()).not.toContain('饮用水');
  });
});
