import { describe, expect, test } from 'vitest';
import { axeViolations, builtPages } from '../fixtures/axe.ts';
import { browserAvailable } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

describe.runIf(browserAvailable())('accessibility of every built page', () => {
  const site = withSiteBrowser();

  test('axe-core finds no WCAG A/AA violations on any page, in normal and 长辈模式', async () => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(30);
    // axe is injected by the test, so this context alone bypasses the site's CSP.
    const context = await site.context({ bypassCSP: true });
    const page = await context.newPage();
    const found: Record<string, unknown> = {};
    for (const path of pages) {
      // Admin pages send a signed-out visitor to the login page: there, scan the page that stays.
      const admin = path.startsWith('/admin/');
      await page.goto(`${site.url}${path}`, { waitUntil: admin ? 'networkidle' : 'load' });
      if (admin) await page.waitForLoadState('networkidle');
      const v = await axeViolations(page);
      if (v.length) found[path] = v;
    }
    await page.evaluate(() => localStorage.setItem('yzready:elder', '1'));
    for (const path of ['/', '/guides/', '/guides/rainstorm/', '/numbers/', '/guides/checklist/']) {
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      const v = await axeViolations(page);
      if (v.length) found[`${path} (长辈模式)`] = v;
    }
    await context.close();
    expect(found).toEqual({});
  }, 900_000);
});
