import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, builtPages } from '../fixtures/axe.ts';
import { browserAvailable } from '../fixtures/browser.ts';
import { publishWarning } from '../fixtures/publish.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

/** The `hreflang` alternates a built page declares, as site paths. */
function alternatesOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)) out[m[1] ?? ''] = new URL(m[2] ?? '').pathname;
  return out;
}
const builtHtml = (path: string) => readFileSync(join('dist', path, 'index.html'), 'utf8');

describe.runIf(existsSync('dist/en/index.html'))('English pages in the build', () => {
  test('every English page and its Chinese original link to each other with hreflang', () => {
    const english = builtPages().filter((p) => p.startsWith('/en/'));
    // Home, warnings (list and page shell), shelters (list and every shelter), numbers, the guides page and eight guides.
    const shelters = builtPages().filter((p) => /^\/shelters\/[a-z]{2}-/.test(p));
    expect(english.length).toBe(6 + 8 + shelters.length);
    for (const en of english) {
      const zh = en.replace(/^\/en\//, '/');
      expect(alternatesOf(builtHtml(en)), en).toEqual({ 'zh-CN': zh, en, 'x-default': zh });
      expect(alternatesOf(builtHtml(zh)), zh).toEqual({ 'zh-CN': zh, en, 'x-default': zh });
      expect(builtHtml(en)).toContain('<html lang="en"');
    }
  });

  test('a Chinese page without an English version declares no alternate and switches to the English home page', () => {
    const html = builtHtml('/guides/flood/');
    expect(alternatesOf(html)).toEqual({});
    expect(html).toMatch(/<a class="lang-switch" href="\/en\/" hreflang="en" lang="en"/);
  });
});

describe.runIf(browserAvailable())('English pages in Chromium', () => {
  const ids: Record<'english' | 'chineseOnly', number> = { english: 0, chineseOnly: 0 };

  const site = withSiteBrowser({ users: [{ name: 'li.fabu', roles: ['publisher'], password: 'Rain-Warning-Pass-2027' }] });
  beforeAll(async () => {
    ids.english = (
      await publishWarning(site.server, {
        headlineEn: 'Yangzhou Meteorological Observatory issues an orange rainstorm warning',
        descriptionEn: '50 mm of rain or more is expected within 3 hours in Guangling and Hanjiang.',
        instructionEn: 'Keep away from underpasses, underground car parks and basements.',
      })
    ).id;
    ids.chineseOnly = (
      await publishWarning(site.server, { hazard: 'heat', level: 'yellow', headline: '扬州市气象台发布高温黄色预警信号' })
    ).id;
  });

  test('the publisher form pre-fills the English from the template for the chosen hazard and level', async () => {
    const desk = await site.page({ viewport: { width: 1280, height: 900 } });
    await site.signIn(desk, 'li.fabu', 'Rain-Warning-Pass-2027', '/admin/warnings/');
    await desk.getByLabel('灾种').selectOption('rainstorm');
    await desk.getByLabel('预警级别').selectOption('orange');
    const headline = desk.getByLabel('English headline');
    await expect
      .poll(() => headline.inputValue(), { timeout: 10_000 })
      .toBe('Yangzhou Meteorological Observatory issues an orange rainstorm warning');
    expect(await desk.getByLabel('What is happening').inputValue()).toBe(
      '50 mm of rain or more is expected within 3 hours, or 50 mm has already fallen and the rain may continue.',
    );
    expect(await desk.getByLabel('What residents should do now').inputValue()).toContain('Keep away from underpasses');
    // A different level brings that level's standard, as the Chinese text follows the signal.
    await desk.getByLabel('预警级别').selectOption('red');
    await expect
      .poll(() => desk.getByLabel('What is happening').inputValue())
      .toMatch(/^100 mm of rain or more is expected within 3 hours/);
    await desk.close();
  });

  test('the English pages pass axe at 390×844 and at 1280 px', async () => {
    const shelters = builtPages().filter((p) => /^\/en\/shelters\/[a-z]{2}-/.test(p));
    const pages = [
      ...builtPages().filter((p) => p.startsWith('/en/') && !shelters.includes(p) && p !== '/en/warnings/detail/'),
      ...shelters.slice(0, 2),
      `/en/warnings/${ids.english}/`,
      `/en/warnings/${ids.chineseOnly}/`,
    ];
    expect(pages.length).toBe(17);
    const found: Record<string, unknown> = {};
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 900 },
    ]) {
      // axe is injected by the test, so this context alone bypasses the site's CSP.
      const context = await site.context({ bypassCSP: true, viewport });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
        const v = await axeViolations(page);
        if (v.length) found[`${path} @${viewport.width}`] = v;
      }
      await context.close();
    }
    expect(found).toEqual({});
  }, 300_000);

  test('the language switch keeps the page, and goes to the English home page where there is no English', async () => {
    const page = await site.page({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}/guides/heat/`);
    // On a phone the Chinese header keeps it in 菜单, with the sections.
    const english = async () => {
      await page.locator('details.menu summary').click();
      await page.getByRole('link', { name: 'English' }).click();
    };
    await english();
    await page.waitForURL(`${site.url}/en/guides/heat/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Heat');
    await page.getByRole('link', { name: '中文' }).click();
    await page.waitForURL(`${site.url}/guides/heat/`);
    await page.goto(`${site.url}/guides/flood/`);
    await english();
    await page.waitForURL(`${site.url}/en/`);
    await page.goto(`${site.url}/warnings/${ids.english}/`);
    await english();
    await page.waitForURL(`${site.url}/en/warnings/${ids.english}/`);
    await page.close();
  });

  test('an English warning page shows the English text; one without English says so and names level and hazard', async () => {
    const page = await site.page({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}/en/warnings/${ids.english}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Orange Rainstorm Warning');
    expect(await page.locator('main').textContent()).toContain('Keep away from underpasses, underground car parks and basements.');
    expect(await page.locator('.level').textContent()).toBe('Orange warning (Level II, severe)');
    await page.goto(`${site.url}/en/warnings/${ids.chineseOnly}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Yellow Heat Warning');
    expect(await page.locator('main').textContent()).toContain('The office has not published English text for this warning.');
    await page.close();
  });

  test('the English warnings list and home page show both warnings in English, linking to their English pages', async () => {
    const page = await site.page({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.url}/en/warnings/`);
    const list = page.getByRole('list', { name: 'Warnings in force' });
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    const link = list.getByRole('link', { name: /^Orange Rainstorm Warning: / });
    expect(await link.getAttribute('href')).toBe(`/en/warnings/${ids.english}/`);
    expect(await list.textContent()).toContain('No English text was published for this warning.');
    // The English home page shows them too, above the emergency numbers.
    await page.goto(`${site.url}/en/`);
    await expect
      .poll(() => page.getByRole('list', { name: 'Warnings in force' }).getByRole('listitem').count(), { timeout: 10_000 })
      .toBe(2);
    await page.close();
  });
});
