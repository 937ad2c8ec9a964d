import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { readYamlFile, yamlFilesIn } from '#api/domain/content-files.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { wgs84ToBd09, wgs84ToGcj02 } from '#site/lib/coords.ts';
import { shelterSchema } from '#site/schemas/shelter.ts';
import { browserAvailable, hydrated, watchPage } from '#tests/fixtures/browser.ts';
import { withSiteBrowser } from '#tests/fixtures/site-browser.ts';

// 扬州大学瘦西湖校区 and the shelters nearest to it, by straight-line distance.
const YZU = { latitude: 32.398, longitude: 119.419 };
const NEAREST = [
  ['扬州大学瘦西湖校区运动场应急避难场所', '190 米'],
  ['江苏省扬州中学体育馆应急避难场所', '610 米'],
  ['荷花池公园应急避难场所', '1.8 公里'],
  ['扬州市职业大学体育馆应急避难场所', '2.1 公里'],
  ['宋夹城体育休闲公园应急避难场所', '2.5 公里'],
] as const;

const SHELTERS = yamlFilesIn(join(CONTENT_DIR, 'shelters')).map((f) => readYamlFile(f, shelterSchema));
const byName = (name: string) => SHELTERS.find((s) => s.name === name);
const f6 = (n: number) => n.toFixed(6);

/** Console errors, except the tile requests that fail here by design: no tile server is reachable. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.includes('/tiles/')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe.runIf(browserAvailable())('shelters in Chromium', () => {
  const site = withSiteBrowser();

  test('lists the nearest shelters to 扬州大学 in order, with distances, computed without sending the location', async () => {
    const context = await site.context({ geolocation: YZU, permissions: ['geolocation'] });
    const page = await context.newPage();
    const watch = watchPage(page, site.url);
    const errors = errorsOf(page);
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
    await page.goto(`${site.url}/shelters/`);
    await hydrated(page, 'NearestShelters', 30_000);
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    const items = page.getByRole('list', { name: '离你最近的避难场所' }).getByRole('listitem');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(NEAREST.length);
    const texts = await items.allTextContents();
    NEAREST.forEach(([name, distance], i) => {
      expect(texts[i]).toContain(name);
      expect(texts[i]).toContain(`直线距离 ${distance}`);
      expect(texts[i]).toMatch(/步行约 \d+ 分钟/);
    });
    // Each entry opens a walking route from the resident's position, converted for each app.
    const first = items.first();
    const here = { lng: YZU.longitude, lat: YZU.latitude };
    const there = byName(NEAREST[0][0])?.location ?? { lng: 0, lat: 0 };
    const amap = new URL((await first.getByRole('link', { name: `用高德地图导航到${NEAREST[0][0]}` }).getAttribute('href')) ?? '');
    expect(amap.origin + amap.pathname).toBe('https://uri.amap.com/navigation');
    expect(amap.searchParams.get('from')).toBe(`${f6(wgs84ToGcj02(here).lng)},${f6(wgs84ToGcj02(here).lat)},我的位置`);
    expect(amap.searchParams.get('to')).toBe(`${f6(wgs84ToGcj02(there).lng)},${f6(wgs84ToGcj02(there).lat)},${NEAREST[0][0]}`);
    const baidu = new URL((await first.getByRole('link', { name: `用百度地图导航到${NEAREST[0][0]}` }).getAttribute('href')) ?? '');
    expect(baidu.origin + baidu.pathname).toBe('https://api.map.baidu.com/direction');
    expect(baidu.searchParams.get('origin')).toBe(`latlng:${f6(wgs84ToBd09(here).lat)},${f6(wgs84ToBd09(here).lng)}|name:我的位置`);
    expect(baidu.searchParams.get('destination')).toBe(
      `latlng:${f6(wgs84ToBd09(there).lat)},${f6(wgs84ToBd09(there).lng)}|name:${NEAREST[0][0]}`,
    );
    const apple = new URL((await first.getByRole('link', { name: `用苹果地图导航到${NEAREST[0][0]}` }).getAttribute('href')) ?? '');
    expect(apple.searchParams.get('saddr')).toBe(`${f6(wgs84ToGcj02(here).lat)},${f6(wgs84ToGcj02(here).lng)}`);
    expect(apple.searchParams.get('daddr')).toBe(`${f6(wgs84ToGcj02(there).lat)},${f6(wgs84ToGcj02(there).lng)}`);
    expect(await items.getByRole('link', { name: /^用(高德|百度|苹果)地图导航到/ }).count()).toBe(3 * NEAREST.length);
    // The walking assumption is written on the page.
    expect(await page.locator('.nearest-assumption').textContent()).toMatch(/1\.3.*4\.5/);
    expect(sent.filter((s) => s.includes('32.398') || s.includes('119.419'))).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('with 洪涝 chosen near 扬州大学, offers no flood-unsafe site, in the nearest list, the full list or the map', async () => {
    const floodOk = new Set(SHELTERS.filter((s) => s.hazards.includes('洪涝')).map((s) => s.name));
    const unsafe = SHELTERS.filter((s) => s.notFor.some((n) => n.hazard === '洪涝'));
    const context = await site.context({ geolocation: YZU, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/shelters/`);
    await hydrated(page, 'NearestShelters', 30_000);
    await page.locator('#nearest-hazard').selectOption({ label: '洪涝' });
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    const items = page.getByRole('list', { name: '离你最近的避难场所' }).getByRole('listitem');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(Math.min(5, floodOk.size));
    const names = await items.locator('.nearest-name').allTextContents();
    for (const n of names) expect(floodOk.has(n.trim()), n).toBe(true);
    // Nearest of all is the 瘦西湖 campus sports ground: open ground, not for floods.
    expect(names.join()).not.toContain('扬州大学瘦西湖校区运动场');
    expect(names[0]).toBe('江苏省扬州中学体育馆应急避难场所');
    expect(new URL(page.url()).searchParams.get('hazard')).toBe('flood');
    // The full list and the map follow the same choice.
    await hydrated(page, 'ShelterFilters', 30_000);
    expect(await page.locator('#f-hazard').inputValue()).toBe('洪涝');
    await expect.poll(() => page.locator('[data-shelter]:visible').count(), { timeout: 10_000 }).toBe(floodOk.size);
    for (const s of unsafe) expect(await page.locator(`[data-shelter="${s.id}"]`).isVisible()).toBe(false);
    await page.locator('#map').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.shelter-pin').count(), { timeout: 15_000 }).toBe(floodOk.size);
    // A link from a warning page opens with the choice made.
    await page.goto(`${site.url}/shelters/?hazard=typhoon#nearest`);
    await hydrated(page, 'NearestShelters', 30_000);
    await expect.poll(() => page.locator('#nearest-hazard').inputValue(), { timeout: 10_000 }).toBe('台风');
    await context.close();
  });

  test('on a 390 × 844 phone, “use my location” on /shelters/ and the route buttons on a shelter page are in the first screen', async () => {
    const page = await site.page({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}/shelters/`);
    await hydrated(page, 'NearestShelters', 30_000);
    const button = await page.getByRole('button', { name: '用我的位置查找' }).boundingBox();
    expect(button && button.y + button.height).toBeLessThanOrEqual(844);
    expect(await page.locator('.sample-notice').first().isVisible()).toBe(true);
    await page.goto(`${site.url}/shelters/gy-wenhuayuan/`);
    for (const name of ['用高德地图导航', '用百度地图导航', '用苹果地图导航']) {
      const box = await page.getByRole('link', { name }).boundingBox();
      expect(box && box.y + box.height, name).toBeLessThanOrEqual(844);
    }
    // The note under them speaks plainly: no datum names.
    expect(await page.locator('.nav-note').textContent()).not.toMatch(/WGS|GCJ|BD-09|坐标/);
    await page.close();
  });

  test('offers districts and neighbourhoods instead when location is refused', async () => {
    const context = await site.context();
    const page = await context.newPage();
    await page.goto(`${site.url}/shelters/`);
    await hydrated(page, 'NearestShelters', 30_000);
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    await expect.poll(() => page.locator('.nearest-status').first().textContent(), { timeout: 10_000 }).toContain('没有获得位置权限');
    await page.getByLabel('区县或街道、镇').selectOption({ label: '文汇街道' });
    const found = page.getByRole('list', { name: '文汇街道的避难场所' }).getByRole('listitem');
    await expect.poll(() => found.count(), { timeout: 10_000 }).toBe(3);
    expect(await found.first().textContent()).toContain('Ⅱ类');
    await context.close();
  });

  test('filters the list in place by district, class, facility and barrier-free access', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/shelters/`);
    await hydrated(page, 'ShelterFilters', 30_000);
    const visible = () => page.locator('[data-shelter]:visible').count();
    expect(await visible()).toBe(42);
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '仪征市' });
    await expect.poll(visible, { timeout: 10_000 }).toBe(7);
    await page.getByLabel('类别').selectOption('Ⅰ');
    await expect.poll(visible, { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: '显示' }).textContent()).toContain('显示 1 个避难场所（共 42 个）');
    expect(new URL(page.url()).search).toBe('?district=321081&class=%E2%85%A0');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('需要的设施').selectOption('停机坪');
    await page.getByLabel('只看有无障碍设施的').check();
    const expected = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLElement>('[data-shelter]')].filter(
          (e) => e.dataset['facilities']?.includes('|停机坪|') && e.dataset['barrierFree'] === '1',
        ).length,
    );
    await expect.poll(visible, { timeout: 10_000 }).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    await page.close();
  });

  test('shows every shelter without JavaScript, grouped by district, with no filter form that cannot work', async () => {
    const context = await site.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/shelters/`);
    expect(await page.locator('[data-shelter]:visible').count()).toBe(42);
    expect(await page.getByRole('navigation', { name: '按区县查看' }).getByRole('link').count()).toBe(6);
    expect(await page.locator('.shelter-filters').isVisible()).toBe(false);
    expect(await page.getByText('用位置查找需要浏览器开启 JavaScript').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '避难场所表格（CSV）' }).getAttribute('href')).toBe('/data/shelters.csv');
    await context.close();
  });

  test('a shelter page opens walking routes in 高德 and Apple Maps (GCJ-02) and 百度 (BD-09), and draws the city without a base map', async () => {
    const page = await site.page();
    const watch = watchPage(page, site.url);
    const errors = errorsOf(page);
    await page.goto(`${site.url}/shelters/hj-songjiacheng/`);
    const wgs = { lng: 119.4275, lat: 32.419 };
    const gcj = wgs84ToGcj02(wgs);
    const bd = wgs84ToBd09(wgs);
    const amap = new URL((await page.getByRole('link', { name: '用高德地图导航' }).getAttribute('href')) ?? '');
    expect(amap.origin + amap.pathname).toBe('https://uri.amap.com/navigation');
    expect(amap.searchParams.get('to')).toBe(`${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)},宋夹城体育休闲公园应急避难场所`);
    expect(amap.searchParams.get('coordinate')).toBe('gaode');
    expect(amap.searchParams.get('mode')).toBe('walk');
    const baidu = new URL((await page.getByRole('link', { name: '用百度地图导航' }).getAttribute('href')) ?? '');
    expect(baidu.origin + baidu.pathname).toBe('https://api.map.baidu.com/direction');
    expect(baidu.searchParams.get('destination')).toBe(
      `latlng:${bd.lat.toFixed(6)},${bd.lng.toFixed(6)}|name:宋夹城体育休闲公园应急避难场所`,
    );
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
    const apple = new URL((await page.getByRole('link', { name: '用苹果地图导航' }).getAttribute('href')) ?? '');
    expect(apple.searchParams.get('daddr')).toBe(`${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)}`);
    expect(await page.getByRole('img', { name: '本页的二维码' }).count()).toBe(1);
    expect(await page.locator('[data-pagefind-filter="类型"]').textContent()).toBe('避难场所');
    // Which hazards it is for, and why not the others.
    expect(await page.locator('.facts').textContent()).toContain('不要用于');
    expect(await page.locator('.facts').textContent()).toContain('洪涝');
    await page.locator('.shelter-map').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.shelter-pin.is-focus').textContent(), { timeout: 15_000 }).toContain('本页：Ⅱ类避难场所 宋夹城');
    await expect.poll(() => page.locator('.map-notice').textContent(), { timeout: 10_000 }).toContain('未配置底图');
    await expect
      .poll(() => page.evaluate(() => document.querySelector<HTMLImageElement>('img.map-schematic')?.naturalWidth ?? 0), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(watch.foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('ships at most 60 KB of gzipped JavaScript on /shelters/, map included', async () => {
    const context = await site.context({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const bodies: Array<Promise<[string, Buffer]>> = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') bodies.push(res.body().then((b) => [new URL(res.url()).pathname, b]));
    });
    await page.goto(`${site.url}/shelters/`, { waitUntil: 'networkidle' });
    await page.locator('#map').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.shelter-pin').count(), { timeout: 15_000 }).toBe(42);
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(bodies);
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'),
    );
    const sizes = files.map(([path, body]) => [path, gzipSync(body, { level: 9 }).length] as const);
    const total = sizes.reduce((a, [, n]) => a + n, 0) + gzipSync(inline, { level: 9 }).length;
    expect(files.some(([path]) => path.includes('leaflet'))).toBe(true);
    expect(files.some(([path]) => path.includes('NearestShelters'))).toBe(true);
    console.log(`/shelters/ JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${files.length} files + inline`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
    await context.close();
  });

  test('keeps the list, its filters, 离我最近 and a past search working with the network cut after the first visit', async () => {
    const context = await site.context({ geolocation: YZU, permissions: ['geolocation'] });
    const page = await context.newPage();
    await page.goto(`${site.url}/shelters/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // A search while online leaves the Pagefind files it needed in the cache.
    await page.goto(`${site.url}/search/?q=暴雨`);
    await expect.poll(() => page.locator('.results li a').first().textContent(), { timeout: 15_000 }).toContain('暴雨');

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('.results li a').first().textContent(), { timeout: 15_000 }).toContain('暴雨');
    const res = await page.goto(`${site.url}/shelters/`);
    expect(res?.fromServiceWorker()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('应急避难场所');
    expect(await page.locator('[data-shelter]').count()).toBe(42);
    await hydrated(page, 'ShelterFilters', 30_000);
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '仪征市' });
    await expect.poll(() => page.locator('[data-shelter]:visible').count(), { timeout: 10_000 }).toBe(7);
    await hydrated(page, 'NearestShelters', 30_000);
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    const first = page.getByRole('list', { name: '离你最近的避难场所' }).getByRole('listitem').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain(NEAREST[0][0]);

    // A shelter page, the numbers and a guide open from the cache; any other page gets the offline page.
    await page.goto(`${site.url}/shelters/gl-sanwan/`);
    expect(await page.locator('h1').textContent()).toBe('运河三湾风景区应急避难场所');
    await page.goto(`${site.url}/numbers/`);
    expect(await page.locator('h1').textContent()).toBe('应急电话');
    await page.goto(`${site.url}/guides/rainstorm/`);
    expect(await page.locator('h1').textContent()).toContain('暴雨');
    await page.goto(`${site.url}/contest/`);
    expect(await page.locator('h1').textContent()).toBe('现在没有网络连接');
    expect(await page.locator('a[href="tel:120"]').count()).toBeGreaterThan(0);
    await context.close();
  });
});
