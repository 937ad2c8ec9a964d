import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { QR_SVG_PATTERN } from '#api/domain/qr-svg.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

// The build in dist/ was made for its own SITE_URL (the default, http://127.0.0.1:4321); the city serves it elsewhere.
const SERVED = 'https://yingji.yangzhou.example';

/** What a phone camera reads from the page's QR code: the SVG drawn at 8× and decoded. */
async function decodeQr(html: string): Promise<string | undefined> {
  const svg = [...html.matchAll(QR_SVG_PATTERN)][0]?.[0];
  if (!svg) return undefined;
  const { data, info } = await sharp(Buffer.from(svg), { density: 600 })
    .flatten({ background: '#fff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

describe('addresses follow the deployment: one build served with another SITE_URL', () => {
  let server: RunningServer;
  let built = '';
  beforeAll(async () => {
    server = await startServer({ SITE_URL: SERVED });
    built = (await (await fetch(`${server.url}/build-origin.txt`)).text()).trim();
  });
  afterAll(async () => server?.stop());

  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  test('the build was made for another address, so the test means something', () => {
    expect(built).not.toBe('');
    expect(built).not.toBe(SERVED);
  });

  test('a shelter page’s QR code decodes to the served address, as do its caption and canonical link', async () => {
    const html = await get('/shelters/gl-sanwan/');
    expect(await decodeQr(html)).toBe(`${SERVED}/shelters/gl-sanwan/`);
    expect(html).toContain(`<link rel="canonical" href="${SERVED}/shelters/gl-sanwan/"`);
    expect(html).toContain(`${SERVED}/shelters/gl-sanwan/</span>`);
    expect(html).not.toContain(new URL(built).host);
  });

  test('the open-data 详情页 links and the calendar URLs use the served address, the calendar still folded at 75 octets', async () => {
    const geo = JSON.parse(await get('/data/shelters.geojson')) as { features: Array<{ properties: Record<string, string> }> };
    for (const f of geo.features) expect(f.properties['详情页']).toMatch(new RegExp(`^${SERVED}/shelters/[a-z0-9-]+/$`));
    const csv = await get('/data/shelters.csv');
    expect(csv).toContain(`${SERVED}/shelters/gl-sanwan/`);
    const ics = await get('/training/events.ics');
    const urls = ics.replace(/\r\n[ \t]/g, '').match(/^URL:.*$/gm) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u.startsWith(`URL:${SERVED}/training/events/`)).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics + csv).not.toContain(new URL(built).host);
  });

  test('robots.txt points at the sitemap, and the sitemap lists the public pages, at the served address', async () => {
    const robots = await get('/robots.txt');
    expect(robots).toContain(`Sitemap: ${SERVED}/sitemap.xml`);
    expect(robots).toMatch(/^Disallow: \/admin\/$/m);
    const sitemap = await get('/sitemap.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(locs).toContain(`${SERVED}/`);
    expect(locs).toContain(`${SERVED}/guides/rainstorm/`);
    expect(locs).toContain(`${SERVED}/shelters/gl-sanwan/`);
    expect(locs.every((l) => l.startsWith(`${SERVED}/`))).toBe(true);
    expect(locs.some((l) => l.includes('/admin/'))).toBe(false);
    // Every listed page is there to be read.
    for (const loc of locs.filter((_, i) => i % 10 === 0)) {
      const res = await fetch(`${server.url}${new URL(loc).pathname}`);
      expect(res.status, loc).toBe(200);
    }
  });

  test('a guide shared in WeChat shows its title, its summary and the site’s icon, at the served address', async () => {
    const html = await get('/guides/rainstorm/');
    expect(html).toContain('<meta property="og:title" content="暴雨与城市内涝 - 扬州应急"');
    expect(html).toMatch(/<meta property="og:description" content="看懂暴雨预警[^"]*"/);
    expect(html).toContain(`<meta property="og:url" content="${SERVED}/guides/rainstorm/"`);
    expect(html).toContain(`<meta property="og:image" content="${SERVED}/icons/icon-512.png"`);
    expect(html).toContain(`<meta itemprop="description" content="看懂暴雨预警`);
    expect((await fetch(`${server.url}/icons/icon-512.png`)).headers.get('content-type')).toBe('image/png');
  });
});
