import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { securityHeaders } from '#api/security-headers.ts';
import { serveSite, staticFastPath } from '#api/static-site.ts';

describe('the built site, served from memory', () => {
  let dir: string;
  let app: Hono;
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yzready-site-'));
    mkdirSync(join(dir, 'guides', 'flood'), { recursive: true });
    writeFileSync(join(dir, 'guides', 'flood', 'index.html'), '<!doctype html><title>洪水</title><script>window.x=1</script>');
    writeFileSync(join(dir, '404.html'), '<!doctype html><title>页面不存在</title>');
    app = new Hono().use('*', securityHeaders(false)).use('*', serveSite(dir));
    // The real server's arrangement: built files answered before the app, the rest by Hono.
    const fast = staticFastPath(dir, { secure: false });
    server = createServer((req, res) => {
      if (fast(req, res)) return;
      res.writeHead(418).end('app');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // Everything was read at start: the folder can go and the site still answers.
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the fast path sends the same bytes and headers as the app, and leaves everything else to it', async () => {
    const viaApp = await app.request('/guides/flood/?x=1');
    const direct = await fetch(`${origin}/guides/flood/?x=1`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).toBe(await viaApp.text());
    for (const name of [
      'content-type',
      'content-security-policy',
      'etag',
      'cache-control',
      'x-frame-options',
      'x-content-type-options',
      'referrer-policy',
    ]) {
      expect(direct.headers.get(name), name).toBe(viaApp.headers.get(name));
    }
    const again = await fetch(`${origin}/guides/flood/`, { headers: { 'if-none-match': direct.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    // Not built files: redirects, 404s, the API and escapes all go on to the app.
    for (const path of ['/guides/flood', '/api/health', '/missing/', '//evil.example/', '/%5Cevil.example']) {
      expect((await fetch(`${origin}${path}`, { redirect: 'manual' })).status, path).toBe(418);
    }
  });

  test('answers from memory, with the page’s own CSP hash and a revalidating cache policy', async () => {
    const res = await app.request('/guides/flood/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('洪水');
    expect(res.headers.get('content-security-policy')).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const head = await app.request('/guides/flood/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('adds the slash to a folder with one redirect on this site', async () => {
    const res = await app.request('/guides/flood?from=home');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/guides/flood/?from=home');
  });

  // Paths a browser could read as another host, or that try to leave the site folder.
  test.each([
    '//evil.example/',
    '//evil.example',
    '/%2F%2Fevil.example',
    '/\\evil.example',
    '/%5Cevil.example',
    '/guides/%2E%2E%2F404.html',
    '/%00',
    '/%E0%A4%A',
  ])('%s gets the 404 page, never a redirect elsewhere', async (path) => {
    const res = await app.request(`http://127.0.0.1${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('页面不存在');
  });
});
