import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, hydrated, launchBrowser } from '../fixtures/browser.ts';
import { png } from '../fixtures/images.ts';
import { freePort } from '../fixtures/ports.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

/** A map tile service on loopback: answers every `/{z}/{x}/{y}.png` with a PNG and remembers what was asked. */
async function startTileServer(): Promise<{ origin: string; requested: string[]; close: () => Promise<void> }> {
  const tile = await png(256, 256);
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? ''))
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': tile.length }).end(tile);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requested, close: () => new Promise((r) => server.close(() => r())) };
}

/** Scrolls the shelter map into view and waits until Leaflet has drawn it. */
async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await hydrated(page, 'ShelterMap', 30_000);
  await expect.poll(() => page.locator('.leaflet-marker-icon').count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

/** How many images in `selector` have finished loading with real pixels. */
const drawn = (page: Page, selector: string) =>
  page.evaluate(
    (sel) => [...document.querySelectorAll<HTMLImageElement>(sel)].filter((i) => i.complete && i.naturalWidth > 0).length,
    selector,
  );

describe.runIf(browserAvailable())('the shelter map’s base layer, configured at run time', () => {
  let browser: Browser;
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    tiles = await startTileServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await tiles?.close();
  });

  test('draws the tiles of the configured service, which the CSP admits and nothing else', async () => {
    const server = await startServer({
      MAP_TILE_URL: `${tiles.origin}/{z}/{x}/{y}.png`,
      MAP_TILE_ATTRIBUTION: '测试底图 © 本地瓦片服务',
      MAP_TILE_MAX_ZOOM: '17',
    });
    servers.push(server);
    const csp = (await fetch(`${server.url}/shelters/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`img-src 'self' data: blob: ${tiles.origin};`));
    expect(csp.match(/https?:\/\/[^\s;']+/g)).toEqual([tiles.origin]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openMap(page, `${server.url}/shelters/`);
    await expect.poll(() => drawn(page, 'img.leaflet-tile'), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.locator('img.leaflet-tile').first().getAttribute('src')).toMatch(
      new RegExp(`^${tiles.origin}/\\d+/\\d+/\\d+\\.png$`),
    );
    // At the city view (zoom 9) Yangzhou is around tile x 425, y 205.
    expect(tiles.requested.some((u) => /^\/9\/42[4-6]\/20[4-7]\.png$/.test(u))).toBe(true);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('测试底图 © 本地瓦片服务');
    expect((await page.locator('.map-notice').textContent())?.trim()).toBe('');
    expect(await page.locator('img.map-schematic').count()).toBe(0);
    await page.close();
  });

  test('when the configured service cannot be reached, says so and draws the city schematic', async () => {
    const closed = await freePort();
    const server = await startServer({ MAP_TILE_URL: `http://127.0.0.1:${closed}/{z}/{x}/{y}.png`, MAP_TILE_ATTRIBUTION: '测试底图' });
    servers.push(server);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await openMap(page, `${server.url}/shelters/`);
    await expect.poll(() => page.locator('.map-notice').textContent(), { timeout: 15_000 }).toContain('底图暂时无法加载');
    await expect.poll(() => drawn(page, 'img.map-schematic'), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.map-notice').textContent()).not.toContain('未配置');
    await page.close();
  });
});
