import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { subscriptionRoutes } from '#api/push/subscriptions.ts';
import type { publicWarnings } from '#api/warnings/public.ts';
import { browserAvailable, watchPage } from '../fixtures/browser.ts';
import { serverClientOf } from '../fixtures/client.ts';
import { startPushService, type FakeBrowser } from '../fixtures/push-service.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';
import { subscribeToDistrict } from '../fixtures/subscribe.ts';
import { byId } from '../fixtures/warnings.ts';

/**
 * From a publisher's login to a notification on a resident's screen. Headless Chromium cannot
 * reach a browser vendor's push service, so two stand-ins take its place: the page's
 * `pushManager.subscribe` hands back a subscription at the local push service (with keys the test
 * holds), and whatever that service receives — decrypted as the browser would — is handed to the
 * page's real service worker through DevTools. Everything between is the real server.
 */
describe.runIf(browserAvailable())('a warning travels from the publisher to the resident’s screen', () => {
  let push: Awaited<ReturnType<typeof startPushService>>;
  beforeAll(async () => {
    push = await startPushService();
  });
  afterAll(async () => {
    await push?.close();
  });
  const site = withSiteBrowser({
    env: () => ({ PUSH_ENDPOINT_ALLOWLIST: push.origin, NODE_EXTRA_CA_CERTS: push.certPath }),
    users: [{ name: 'zhou.fabu', roles: ['publisher'], password: 'Flood-Signal-Pass-2027', extra: ['--name', '周发布'] }],
  });

  /** A resident's browser whose push registration (as the vendor would make it) points at the local push service as `name`. */
  async function residentPhone(name: string) {
    const phone: FakeBrowser = push.browser(name);
    const resident = await site.context({ permissions: ['notifications'] });
    await resident.addInitScript((sub: FakeBrowser['subscription']) => {
      const seen = window as unknown as { appServerKey?: string };
      let current: object | null = null;
      const fake = {
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true },
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
        unsubscribe: () => Promise.resolve(((current = null), true)),
      };
      PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
        const key = options?.applicationServerKey;
        if (key instanceof Uint8Array)
          seen.appServerKey = btoa(String.fromCharCode(...key))
            .replace(/\+/g, '-')
            .replace(/\//g, '_')
            .replace(/=+$/, '');
        current = fake;
        return Promise.resolve(fake as unknown as PushSubscription);
      };
      PushManager.prototype.getSubscription = () => Promise.resolve(current as PushSubscription | null);
    }, phone.subscription);
    return { resident, home: await resident.newPage() };
  }

  test('the resident subscribes for 广陵区, the publisher signs in and publishes, and the phone shows 【橙色预警】暴雨', async () => {
    const { resident, home } = await residentPhone('resident-phone');
    // 1. A resident subscribes on the warnings page.
    const watch = watchPage(home, site.url);
    await subscribeToDistrict(home, site.url, '广陵区');
    await expect.poll(() => home.locator('#subscribe .push-done').textContent(), { timeout: 20_000 }).toContain('已订阅');
    // The browser was asked to subscribe with the server's own VAPID key.
    const pushApi = serverClientOf<ReturnType<typeof subscriptionRoutes>['push']>(site.url, '/api/push');
    const { publicKey } = await (await pushApi['public-key'].$get()).json();
    expect(await home.evaluate(() => (window as unknown as { appServerKey?: string }).appServerKey)).toBe(publicKey);

    // 2. A publisher signs in and publishes an orange rainstorm warning for 广陵区.
    const office = await site.context();
    const desk = await office.newPage();
    await site.signIn(desk, 'zhou.fabu', 'Flood-Signal-Pass-2027', '/admin/warnings/');
    await expect.poll(() => desk.getByRole('heading', { name: '起草新预警' }).count(), { timeout: 10_000 }).toBe(1);
    await desk.getByRole('group', { name: '信息类型' }).getByLabel('实际预警').check();
    await desk.getByLabel('灾种').selectOption('rainstorm');
    await desk.getByLabel('预警级别').selectOption('orange');
    await desk.getByRole('group', { name: '影响区域' }).getByLabel('广陵区', { exact: true }).check();
    await expect.poll(() => desk.getByLabel('官方防御指南（完整版）').inputValue(), { timeout: 10_000 }).not.toBe('');
    await desk.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => desk.getByRole('heading', { name: /修改草稿/ }).count(), { timeout: 10_000 }).toBe(1);
    await desk.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain('已发布：【橙色预警】暴雨');

    // 3. The publisher watches it go out: one matching subscription, sent.
    await expect.poll(() => desk.locator('.delivery [role=status]').textContent(), { timeout: 30_000 }).toBe('推送完成：共 1 个订阅。');
    const counts = await desk.locator('.delivery-counts dd').allTextContents();
    expect(counts).toEqual(['1', '1', '0', '0', '0']);
    await office.close();

    // 4. The push service got one message for this phone, signed with the server's key and readable only with the phone's keys.
    const got = push.for('resident-phone');
    expect(got).toHaveLength(1);
    expect(got[0]?.vapidKey).toBe(publicKey);
    expect(got[0]?.headers['urgency']).toBe('high');
    const payload = got[0]?.payload ?? {};
    const warning = await (
      await serverClientOf<typeof publicWarnings>(site.url, '/api/warnings')[':id'].$get(byId(Number(payload['id'])))
    ).json();

    // 5. The phone's real service worker receives it and shows the notification, tagged with the warning's identifier.
    const cdp = await resident.newCDPSession(home);
    const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string }> }) =>
      registrations.push(...e.registrations),
    );
    await cdp.send('ServiceWorker.enable');
    await home.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => registrations.some((r) => r.scopeURL === `${site.url}/`), { timeout: 10_000 }).toBe(true);
    const registrationId = registrations.find((r) => r.scopeURL === `${site.url}/`)?.registrationId ?? '';
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: site.url, registrationId, data: JSON.stringify(payload) });
    const shown = () =>
      home.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return (await reg.getNotifications()).map((n) => ({ title: n.title, tag: n.tag, body: n.body }));
      });
    await expect
      .poll(shown, { timeout: 10_000 })
      // The lock screen leads with the first thing to do (the template's 你现在应该做什么).
      .toEqual([{ title: '【橙色预警】暴雨', tag: warning.warning.identifier, body: `现在就做：${warning.warning.actions[0] ?? ''}` }]);
    expect(watch.consoleErrors).toEqual([]);
  });
});
