import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveSite } from '#api/static-site.ts';

/** A raw GET over loopback: the path goes on the wire exactly as written (fetch would normalise it). */
function rawGet(port: number, path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('directory redirects of the static server over real HTTP', () => {
  let dir: string;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yzready-redirect-'));
    mkdirSync(join(dir, 'shelters'));
    writeFileSync(join(dir, 'shelters', 'index.html'), '<!doctype html><title>避难场所</title>');
    writeFileSync(join(dir, '404.html'), '<!doctype html><title>页面不存在</title>');
    const app = new Hono().use('*', serveSite(dir));
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  test('adds the trailing slash to a directory on this site', async () => {
    expect(await rawGet(port, '/shelters?from=home')).toEqual({ status: 301, location: '/shelters/?from=home' });
  });

  test('never redirects a path starting with // or /\\ to another host', async () => {
    for (const path of ['//shelters', '///shelters', '/\\shelters', '//shelters?x=1', '/%2Fshelters']) {
      const res = await rawGet(port, path);
      if (res.location !== undefined) {
        // Resolved the way a browser resolves a Location header: it must stay on this server.
        const target = new URL(res.location.replace(/\\/g, '/'), `http://127.0.0.1:${port}${path}`);
        expect(target.host, `${path} → ${res.location}`).toBe(`127.0.0.1:${port}`);
        expect(res.location, path).not.toMatch(/^[/\\]{2}/);
      } else {
        // Node's parser refuses a raw backslash with 400 before the app sees it; that is fine too.
        expect([400, 404], path).toContain(res.status);
      }
    }
  });
});
