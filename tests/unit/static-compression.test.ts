import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accepts } from '#api/representations.ts';
import { serveSite } from '#api/static-site.ts';

describe('compressed pages from the built site', () => {
  let dir: string;
  let app: Hono;
  const page = `<!doctype html><html lang="zh-CN"><title>避难场所</title><body>${'<li>扬州市江都区龙川广场应急避难场所，可容纳 5000 人</li>'.repeat(200)}</body></html>`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yzready-static-'));
    mkdirSync(join(dir, 'shelters'));
    writeFileSync(join(dir, 'shelters', 'index.html'), page);
    writeFileSync(join(dir, 'tiny.txt'), '小文件');
    const res = spawnSync(process.execPath, ['scripts/precompress.ts', dir], { encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    app = new Hono().use('*', serveSite(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  test('sends Brotli to a browser that takes it, a fraction of the size and the same page once decoded', async () => {
    const res = await get('/shelters/', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(Buffer.byteLength(page) / 5);
    expect(brotliDecompressSync(body).toString()).toBe(page);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  test('falls back to gzip, then to the file itself, as the browser asks', async () => {
    const gz = await get('/shelters/', { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
    const plain = await get('/shelters/');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(page);
  });

  test('gives each encoding its own ETag, so a cached copy is revalidated as what it is', async () => {
    const br = await get('/shelters/', { 'accept-encoding': 'br' });
    const plain = await get('/shelters/');
    expect(br.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const again = await get('/shelters/', { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
    const other = await get('/shelters/', { 'if-none-match': br.headers.get('etag') ?? '' });
    expect(other.status).toBe(200);
  });

  test('leaves files under 1 KB alone', () => {
    expect(existsSync(join(dir, 'tiny.txt.br'))).toBe(false);
    expect(readFileSync(join(dir, 'shelters', 'index.html.br')).length).toBeGreaterThan(0);
  });

  test('reads Accept-Encoding as RFC 9110 says', () => {
    expect(accepts('gzip, br', 'br')).toBe(true);
    expect(accepts('gzip;q=1.0, br;q=0', 'br')).toBe(false);
    expect(accepts('*', 'gzip')).toBe(true);
    expect(accepts('identity', 'gzip')).toBe(false);
    expect(accepts(undefined, 'br')).toBe(false);
  });
});
