import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, launchBrowser } from '../fixtures/browser.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

describe.runIf(browserAvailable())('the service worker shows warning pushes', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let deliver: (data: object) => Promise<void>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin: server.url });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string }> }) =>
      registrations.push(...e.registrations),
    );
    await cdp.send('ServiceWorker.enable');
    await page.goto(`${server.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    for (let i = 0; i < 100 && !registrations.some((r) => r.scopeURL === `${server.url}/`); i++) await page.waitForTimeout(100);
    const registrationId = registrations.find((r) => r.scopeURL === `${server.url}/`)?.registrationId ?? '';
    // DevTools' ServiceWorker.deliverPushMessage hands the worker a push event as a push service would.
    deliver = async (data) => {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data: JSON.stringify(data) });
    };
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shown = () =>
    page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return (await reg.getNotifications()).map((n) => ({
        title: n.title,
        tag: n.tag,
        body: n.body,
        requireInteraction: n.requireInteraction,
      }));
    });
  const message = (over: object) => ({
    v: 1,
    id: 7,
    tag: '32100000400001_20270512090000_7',
    title: '【橙色预警】暴雨',
    body: '扬州市气象台发布暴雨橙色预警信号',
    level: 'orange',
    rank: 3,
    status: 'Actual',
    msgType: 'Alert',
    url: '/warnings/7/',
    expires: Date.now() + 3600_000,
    ...over,
  });

  test('shows 【橙色预警】暴雨 with the warning identifier as the tag', async () => {
    await deliver(message({}));
    await expect.poll(shown, { timeout: 10_000 }).toEqual([
      {
        title: '【橙色预警】暴雨',
        tag: '32100000400001_20270512090000_7',
        body: '扬州市气象台发布暴雨橙色预警信号',
        requireInteraction: false,
      },
    ]);
  });

  test('an Update to red replaces the notification instead of adding one, and stays until dismissed', async () => {
    await deliver(
      message({
        id: 8,
        title: '【红色预警】暴雨',
        body: '暴雨橙色预警升级为红色',
        level: 'red',
        rank: 4,
        msgType: 'Update',
        url: '/warnings/8/',
      }),
    );
    await expect
      .poll(shown, { timeout: 10_000 })
      .toEqual([
        { title: '【红色预警】暴雨', tag: '32100000400001_20270512090000_7', body: '暴雨橙色预警升级为红色', requireInteraction: true },
      ]);
  });

  test('drops a message whose warning has already expired', async () => {
    await deliver(message({ id: 9, tag: 'expired-one', title: '【黄色预警】大雾', rank: 2, expires: Date.now() - 1000 }));
    await page.waitForTimeout(1000);
    expect((await shown()).map((n) => n.tag)).not.toContain('expired-one');
  });
});
