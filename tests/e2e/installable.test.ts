import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { browserAvailable, launchProfile } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
  shortcuts: Array<{ short_name: string; url: string }>;
}

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe.runIf(browserAvailable())('an installable app', () => {
  const site = withSiteBrowser();

  test('Chromium finds nothing that stops the site being installed', async () => {
    // An incognito context is never installable: this one has a profile of its own.
    const profile = mkdtempSync(join(tmpdir(), 'yzready-profile-'));
    const context = await launchProfile(profile);
    const page = await context.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'load' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await page.context().newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toBe(`${site.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('the manifest names the app, its icons in the sizes browsers ask for, and shortcuts to 预警, 避难场所 and 急救', async () => {
    const res = await fetch(`${site.url}/manifest.webmanifest`);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const m = (await res.json()) as Manifest;
    expect(m).toMatchObject({ name: '扬州应急', short_name: '扬州应急', start_url: '/', display: 'standalone' });
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    for (const [size, purpose] of [
      [192, 'any'],
      [512, 'any'],
      [192, 'maskable'],
      [512, 'maskable'],
    ] as const) {
      const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
      expect(icon, `${size} ${purpose}`).toBeDefined();
      const png = Buffer.from(await (await fetch(`${site.url}${icon!.src}`)).arrayBuffer());
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
    expect(m.shortcuts.map((s) => s.short_name)).toEqual(['预警', '避难场所', '急救']);
    for (const s of m.shortcuts) expect((await fetch(`${site.url}${s.url.replace(/#.*$/, '')}`)).status, s.url).toBe(200);
  });

  test('every page carries the iOS home-screen tags, and the apple-touch-icon is a 180 px PNG', async () => {
    const html = await (await fetch(`${site.url}/guides/cpr-aed/`)).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    expect(html).toContain('<meta name="apple-mobile-web-app-capable" content="yes"');
    expect(html).toContain('<meta name="apple-mobile-web-app-title" content="扬州应急"');
    const icon = html.match(/<link rel="apple-touch-icon" href="([^"]+)"/)?.[1];
    const meta = await sharp(Buffer.from(await (await fetch(`${site.url}${icon}`)).arrayBuffer())).metadata();
    expect([meta.format, meta.width]).toEqual(['png', 180]);
  });

  test('the install offer appears once, opens the browser’s own prompt, and never comes back', async () => {
    const context = await site.context();
    const page = await context.newPage();
    // The browser decides when a site is installable; the test plays its part with the same event.
    const fire = () =>
      page.evaluate(() => {
        const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt(): Promise<void> };
        const w = window as unknown as { prompted: number };
        w.prompted = 0;
        e.prompt = async () => void (w.prompted += 1);
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    await page.goto(`${site.url}/`, { waitUntil: 'load' });
    const offer = page.locator('[data-install]');
    expect(await offer.isVisible()).toBe(false);
    // Chrome's own mini-infobar is held back, so the offer is the only one.
    expect(await fire()).toBe(true);
    expect(await offer.isVisible()).toBe(true);
    await offer.getByRole('button', { name: '添加到主屏幕' }).click();
    expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
    expect(await offer.isVisible()).toBe(false);
    for (const path of ['/', '/guides/']) {
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      await fire();
      expect(await offer.isVisible(), path).toBe(false);
    }
    await context.close();
  });

  test('on an iPhone the subscribe panel says web push needs the site on the home screen', async () => {
    const context = await site.context({
      userAgent: IPHONE_UA,
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${site.url}/warnings/`);
    // The panel wakes when it comes into view (client:visible), below the warnings on a phone.
    await page.getByRole('heading', { name: '订阅预警推送' }).scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toContain('只有添加到主屏幕的网站才能接收推送');
    await context.close();
  });
});
