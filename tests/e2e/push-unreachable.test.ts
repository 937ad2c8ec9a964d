import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, hydrated, launchBrowser } from '../fixtures/browser.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

/**
 * A resident whose browser pushes through Google's FCM (Chrome), which cannot be reached from
 * mainland China. Headless Chromium has no push service, so `pushManager.subscribe` hands back the
 * kind of subscription Chrome would; the server runs with its default allowlist.
 */
describe.runIf(browserAvailable())('a browser whose push service is blocked in mainland China', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ permissions: ['notifications'] });
    await context.addInitScript(() => {
      const fake = {
        endpoint: 'https://fcm.googleapis.com/fcm/send/e2e-resident',
        expirationTime: null,
        options: { userVisibleOnly: true },
        toJSON: () => ({
          endpoint: 'https://fcm.googleapis.com/fcm/send/e2e-resident',
          expirationTime: null,
          keys: {
            p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
            auth: 'tBHItJI5svbpez7KI4CCXg',
          },
        }),
        unsubscribe: () => Promise.resolve(((window as unknown as { unsubscribed?: boolean }).unsubscribed = true)),
      };
      PushManager.prototype.subscribe = () => Promise.resolve(fake as unknown as PushSubscription);
      PushManager.prototype.getSubscription = () => Promise.resolve(null);
    });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('is told that push will not reach it here, and where warnings can be had instead', async () => {
    await page.goto(`${server.url}/warnings/#subscribe`);
    await hydrated(page, 'SubscribePanel');
    const form = page.getByRole('form', { name: '预警推送设置' });
    await expect.poll(() => form.getByRole('button', { name: '订阅预警推送' }).count(), { timeout: 10_000 }).toBe(1);
    await form.getByRole('group', { name: '推送哪些区县的预警' }).getByLabel('广陵区').check();
    await form.getByRole('button', { name: '订阅预警推送' }).click();
    const notice = page.locator('#subscribe .push-unreachable');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.textContent()).toContain('12379');
    expect(await notice.getByRole('link', { name: '预警页面' }).getAttribute('href')).toBe('/warnings/');
    expect(await notice.getByRole('link', { name: 'Atom 订阅源' }).getAttribute('href')).toBe('/feeds/warnings.atom');
    expect(await page.locator('#subscribe .form-error').textContent()).toContain('中国大陆连接不上');
    // Not left subscribed at a service that will never deliver.
    expect(await page.evaluate(() => (window as unknown as { unsubscribed?: boolean }).unsubscribed)).toBe(true);
    expect(await page.locator('#subscribe .push-done').count()).toBe(0);
  });
});
