import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

describe.runIf(browserAvailable())('the service worker shows warning pushes', () => {
  const site = withSiteBrowser();
  let context: BrowserContext;
  let page: Page;
  let deliver: (data: object) => Promise<void>;
  let deliverRaw: (data: string) => Promise<void>;

  beforeAll(async () => {
    context = await site.context();
    await context.grantPermissions(['notifications'], { origin: site.url });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string }> }) =>
      registrations.push(...e.registrations),
    );
    await cdp.send('ServiceWorker.enable');
    await page.goto(`${site.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    for (let i = 0; i < 100 && !registrations.some((r) => r.scopeURL === `${site.url}/`); i++) await page.waitForTimeout(100);
    const registrationId = registrations.find((r) => r.scopeURL === `${site.url}/`)?.registrationId ?? '';
    // DevTools' ServiceWorker.deliverPushMessage hands the worker a push event as a push service would.
    deliver = async (data) => {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: site.url, registrationId, data: JSON.stringify(data) });
    };
    deliverRaw = async (data) => {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: site.url, registrationId, data });
    };
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

  const urls = () =>
    page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return Object.fromEntries((await reg.getNotifications()).map((n) => [n.tag, (n.data as { url?: string } | null)?.url]));
    });

  test('a message that expired on the way replaces the event’s notification with a short notice linking to /warnings/', async () => {
    await deliver(message({ id: 10, title: '【红色预警】暴雨', rank: 4, msgType: 'Update', expires: Date.now() - 1000 }));
    await expect
      .poll(shown, { timeout: 10_000 })
      .toEqual([{ title: '扬州应急', tag: '32100000400001_20270512090000_7', body: '预警已更新，请打开查看', requireInteraction: false }]);
    expect((await urls())['32100000400001_20270512090000_7']).toBe('/warnings/');
  });

  test('a push it cannot read still shows the notice, once, however many arrive', async () => {
    await deliverRaw('not json {');
    await deliverRaw(JSON.stringify({ v: 1, title: 42 }));
    await deliverRaw('\uFFFE');
    await expect
      .poll(async () => (await shown()).filter((n) => n.tag === 'yzready-warning-notice'), { timeout: 10_000 })
      .toEqual([{ title: '扬州应急', tag: 'yzready-warning-notice', body: '预警已更新，请打开查看', requireInteraction: false }]);
    expect((await urls())['yzready-warning-notice']).toBe('/warnings/');
  });
});
