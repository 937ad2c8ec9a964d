import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';
import { subscribeToDistrict } from '../fixtures/subscribe.ts';

/**
 * A resident whose browser pushes through Google's FCM (Chrome), which cannot be reached from
 * mainland China. Headless Chromium has no push service, so `pushManager.subscribe` hands back the
 * kind of subscription Chrome would; the server runs with its default allowlist.
 */
describe.runIf(browserAvailable())('a browser whose push service is blocked in mainland China', () => {
  const site = withSiteBrowser();
  let page: Page;

  beforeAll(async () => {
    const context = await site.context({ permissions: ['notifications'] });
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
  });

  test('is told that push will not reach it here, and where warnings can be had instead', async () => {
    await subscribeToDistrict(page, site.url, '广陵区');
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
