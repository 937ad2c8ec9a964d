import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { totpOf } from '#api/accounts/second-factor.ts';
import { FREE_ATTEMPTS } from '#api/accounts/throttle.ts';
import { browserAvailable } from '#tests/fixtures/browser.ts';
import { nginxAvailable, startNginx, type RunningNginx } from '../fixtures/nginx.ts';
import { freePort } from '../fixtures/ports.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

const PASSWORD = 'Flood-Signal-Pass-2027';

describe.runIf(browserAvailable() && nginxAvailable())('behind nginx with the README configuration, over https', () => {
  let nginx: RunningNginx;
  let port = 0;
  let secret = '';

  beforeAll(async () => {
    port = await freePort();
    nginx = await startNginx(port);
  });
  afterAll(async () => {
    await nginx?.stop();
  });
  const site = withSiteBrowser({ env: () => ({ PORT: String(port), SITE_URL: nginx.url, TRUST_PROXY: '127.0.0.1' }) });
  beforeAll(() => {
    secret = site.server.addUserWithTotp('zhou.fabu', ['publisher'], PASSWORD, ['--name', '周发布']);
  });

  /** A client on its own loopback address (127.0.0.2, 127.0.0.3 …) talking to nginx, as a separate machine would. */
  function clientAt(localAddress: string) {
    return (path: string, body: unknown, headers: Record<string, string> = {}) =>
      new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
        const req = httpsRequest(
          `${nginx.url}${path}`,
          {
            method: 'POST',
            localAddress,
            rejectUnauthorized: false,
            agent: false,
            headers: { origin: nginx.url, 'x-requested-with': 'fetch', 'content-type': 'application/json', ...headers },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
  }

  test('counts two clients behind the proxy apart, and a client forging X-Forwarded-For or Forwarded is still one', async () => {
    const attacker = clientAt('127.0.0.2');
    const colleague = clientAt('127.0.0.3');
    const guess = { username: 'zhou.fabu', password: 'guessing-her-pass' };
    let n = 0;
    const forged = () => ({ 'x-forwarded-for': `198.51.100.${++n}`, forwarded: `for=203.0.113.${n}` });
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await attacker('/api/auth/login', guess, forged())).statusCode).toBe(401);
    const refused = await attacker('/api/auth/login', guess, forged());
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await colleague('/api/auth/login', guess)).statusCode).toBe(401);
  });

  test('the publisher signs in in Chromium with her code while the attacker is throttled; the cookie is __Host- and Secure, and signing out clears it', async () => {
    const context = await site.context({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${nginx.url}/admin/login/?next=/admin/warnings/`);
    await page.getByLabel('用户名').fill('zhou.fabu');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('两步验证码').fill(totpOf(secret, 'zhou.fabu').generate(), { timeout: 10_000 });
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${nginx.url}/admin/warnings/`);
    await expect.poll(() => page.getByRole('heading', { name: '起草新预警' }).count(), { timeout: 10_000 }).toBe(1);
    const cookies = await context.cookies();
    expect(cookies.map((c) => ({ name: c.name, secure: c.secure, httpOnly: c.httpOnly, path: c.path }))).toEqual([
      { name: '__Host-yz_session', secure: true, httpOnly: true, path: '/' },
    ]);

    // API responses are compressed by nginx (the README's gzip_types).
    const templates = await context.request.get(`${nginx.url}/api/admin/warning-templates`, { headers: { 'accept-encoding': 'gzip' } });
    expect(templates.status()).toBe(200);
    expect(templates.headers()['content-encoding']).toBe('gzip');

    await page.goto(`${nginx.url}/admin/`);
    await page.getByRole('button', { name: '退出登录' }).click({ timeout: 10_000 });
    await page.waitForURL(/\/admin\/login\//);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
