import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { adminWarnings } from '#api/warnings/admin.ts';
import type { publicWarnings } from '#api/warnings/public.ts';
import { axeViolations } from '../fixtures/axe.ts';
import { browserAvailable, hydrated } from '../fixtures/browser.ts';
import { serverClientOf } from '../fixtures/client.ts';
import { sessionCookie } from '../fixtures/publish.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';
import { byId, rainstormInput } from '../fixtures/warnings.ts';

const PASSWORD = 'Rain-Warning-Pass-2027';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Sums layout shifts (CLS as Chromium reports them) from the first paint on; read with `cls(page)`. */
async function measuringContext(browser: Browser, viewport: { width: number; height: number }, elder = false): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  await context.addInitScript((elderMode: boolean) => {
    if (elderMode) localStorage.setItem('yzready:elder', '1');
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
        if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  }, elder);
  return context;
}
const cls = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls);

/** Opens a page and lets it settle: islands hydrated, the first refresh answered, a moment for late shifts. */
async function settle(page: Page, url: string) {
  await page.goto(url);
  if (url.includes('/warnings/') && !/\/warnings\/\d+\//.test(url)) await hydrated(page, 'WarningsLive');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
}

/** Whether the element's box lies wholly inside the first screen. */
async function onFirstScreen(page: Page, selector: string, height: number): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= height;
}

describe.runIf(browserAvailable())('预警信息 as residents read them, in Chromium', () => {
  const site = withSiteBrowser({
    users: [
      { name: 'li.fabu', roles: ['publisher'], password: PASSWORD, extra: ['--name', '李发布'] },
      { name: 'wang.shenhe', roles: ['publisher'], password: PASSWORD, extra: ['--name', '王审核'] },
    ],
  });
  const cookies: Record<string, string> = {};

  /** The publisher desk's API as `who`, through the typed client. */
  const desk = (who: string) =>
    serverClientOf<typeof adminWarnings>(site.url, '/api/admin/warnings', () => ({ cookie: cookies[who] ?? '' }));
  /** The warning of an accepted request; throws with the API's answer otherwise. */
  async function accepted<T>(res: { ok: boolean; status: number; text(): Promise<string>; json(): Promise<{ warning: T }> }) {
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()).warning;
  }
  /** Publishes through the API; a red or whole-city one is approved by the second publisher (四眼原则). */
  async function publish(over: Parameters<typeof rainstormInput>[1]) {
    // Leaves urgency and response type out: the level decides them (JSON leaves out a key whose value is undefined).
    const input = { ...rainstormInput(over?.effective ?? Date.now(), over), urgency: undefined, responseType: undefined };
    const draft = await accepted(await desk('li').index.$post({ json: input }));
    if (over?.level === 'red' || over?.areas?.includes('321000'))
      return accepted(await desk('wang')[':id'].approve.$post({ ...byId(draft.id), json: { revision: draft.revision } }));
    return accepted(await desk('li')[':id'].publish.$post({ ...byId(draft.id), json: { confirm: true } }));
  }

  beforeAll(async () => {
    cookies['li'] = await sessionCookie(site.server, 'li.fabu', PASSWORD);
    cookies['wang'] = await sessionCookie(site.server, 'wang.shenhe', PASSWORD);
  });

  test('with nothing in force: a calm line on the home page and /warnings/, on the first screen, nothing moving', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await measuringContext(site.browser, viewport);
      const page = await context.newPage();
      await settle(page, `${site.url}/warnings/`);
      expect(await page.locator('#active-list').textContent()).toBe('扬州市现在没有正在生效的预警。');
      expect(await onFirstScreen(page, '#active-list', viewport.height)).toBe(true);
      expect(await cls(page)).toBeLessThan(0.02);
      await settle(page, `${site.url}/`);
      const calm = page.locator('.warning-bar-calm');
      expect(await calm.textContent()).toMatch(/^扬州市目前没有生效的预警（\d+月\d+日 \d\d:\d\d 查询）/);
      expect(await onFirstScreen(page, '.warning-bar-calm', viewport.height)).toBe(true);
      expect(await cls(page)).toBeLessThan(0.02);
      await context.close();
    }
  });

  test('an orange warning: its title is on the first screen of /warnings/ and the home page, and nothing moves', async () => {
    const w = await publish({ level: 'orange', areas: ['321002', '321003'] });
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await measuringContext(site.browser, viewport);
      const page = await context.newPage();
      await settle(page, `${site.url}/warnings/`);
      const title = page.locator('#active-list h3 a');
      expect(await title.textContent()).toBe('【橙色预警】暴雨');
      expect(await title.getAttribute('href')).toBe(`/warnings/${w.id}/`);
      expect(await onFirstScreen(page, '#active-list h3', viewport.height)).toBe(true);
      expect(await cls(page)).toBeLessThan(0.02);
      await settle(page, `${site.url}/`);
      expect(await page.locator('.warning-bar-title').textContent()).toBe('橙色预警 暴雨');
      expect(await page.locator('.warning-bar-meta').textContent()).toMatch(/^广陵区、邗江区 · 有效期至 \d+月\d+日 \d\d:\d\d$/);
      expect(await onFirstScreen(page, '.warning-bar-action', viewport.height)).toBe(true);
      expect(await cls(page)).toBeLessThan(0.02);
      await context.close();
    }
    // Without JavaScript the home bar and the list are there all the same.
    const off = await site.context({ javaScriptEnabled: false, viewport: PHONE });
    const page = await off.newPage();
    await page.goto(`${site.url}/`);
    expect(await page.locator('.warning-bar-action').textContent()).toBe(`现在就做：${rainstormInput(0).actions[0]}`);
    await off.close();
  });

  test('a resident who chose a district reads its warning first, and nothing moves to put it there', async () => {
    await publish({ level: 'orange', areas: ['321002'], headline: '广陵区将有暴雨' });
    const mine = await publish({ level: 'yellow', areas: ['321012'], headline: '江都区将有大雨' });
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await measuringContext(site.browser, viewport);
      await context.addInitScript(() => localStorage.setItem('yzready:districts', JSON.stringify(['321012'])));
      const page = await context.newPage();
      await settle(page, `${site.url}/warnings/`);
      expect(await page.locator('#active-list h3 a').first().getAttribute('href')).toBe(`/warnings/${mine.id}/`);
      expect(await cls(page)).toBeLessThan(0.02);
      await context.close();
    }
    // Already so on the first paint, before the island has loaded (its scripts held back here): no flash of another order.
    const context = await site.context({ viewport: PHONE });
    await context.addInitScript(() => localStorage.setItem('yzready:districts', JSON.stringify(['321012'])));
    const page = await context.newPage();
    await page.route('**/_astro/**', (route) => route.abort());
    await page.goto(`${site.url}/warnings/`);
    expect(await page.locator('#active-list h3 a').first().getAttribute('href')).toBe(`/warnings/${mine.id}/`);
    await context.close();
  });

  test('a red warning for the whole city is an alarm across the home page; an orange one for a district is not', async () => {
    const context = await site.context({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    const orangeBackground = await page.locator('.warning-bar-active').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await page.locator('.warning-bar-alarm').count()).toBe(0);
    const red = await publish({ level: 'red', areas: ['321000'], headline: '扬州市气象台发布暴雨红色预警信号' });
    await page.goto(`${site.url}/`);
    const bar = page.locator('.warning-bar-active');
    expect(await bar.getAttribute('class')).toContain('warning-bar-alarm');
    expect(await page.locator('.warning-bar-title a').getAttribute('href')).toBe(`/warnings/${red.id}/`);
    expect(await page.locator('.warning-bar-meta').textContent()).toMatch(/^扬州市全市 · /);
    const redBackground = await bar.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(redBackground).toBe('rgb(200, 16, 46)');
    expect(redBackground).not.toBe(orangeBackground);
    // The others in force (earlier tests' too) are counted, not shown.
    const others = (await page.locator('.warning-bar-links').textContent()) ?? '';
    expect(others).toMatch(/^另有 [1-9]\d* 条预警，查看全部预警$/);
    // On /warnings/ the red one comes first, with the level in words.
    await page.goto(`${site.url}/warnings/`);
    expect(await page.locator('#active-list .warning-card').first().locator('.level').textContent()).toBe('红色预警（Ⅰ级，特别严重）');
    await context.close();
  });

  test('a warning page opened once reads offline, marked with the time it was saved and that it may have changed', async () => {
    const w = await publish({ level: 'yellow', areas: ['321081'], headline: '仪征市将有短时强降雨' });
    const context = await site.context({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${site.url}/warnings/${w.id}/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Now under the service worker: this visit is the one it keeps.
    await page.reload();
    await expect.poll(() => page.evaluate(() => caches.has('yzready-warning-pages')), { timeout: 10_000 }).toBe(true);
    await context.setOffline(true);
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('【黄色预警】暴雨');
    const note = await page.locator('.saved-copy').textContent();
    expect(note).toMatch(/现在无法连接网络。这是这台设备在 \d+月\d+日 \d\d:\d\d（北京时间）保存的副本/);
    expect(note).toContain('可能已经更新、解除或取消');
    await context.close();
  });

  test('解除 and 取消 read differently on their pages, in the history (live) and on the page of the message they end', async () => {
    const context = await site.context({ viewport: DESKTOP });
    const list = await context.newPage();
    await list.goto(`${site.url}/warnings/`);
    await hydrated(list, 'WarningsLive');
    const at = Date.now();
    const first = await publish({
      level: 'yellow',
      areas: ['321023'],
      headline: '宝应县将有大雨',
      effective: at,
      expires: at + 6 * 3600_000,
    });
    const li = desk('li')[':id'];
    const updated = await accepted(
      await li.update.$post({
        ...byId(first.id),
        json: {
          warning: rainstormInput(at, { level: 'yellow', areas: ['321023', '321084'], headline: '宝应县、高邮市将有大雨' }),
          confirm: true,
        },
      }),
    );
    const allClear = await accepted(await li.cancel.$post({ ...byId(updated.id), json: { reason: '降雨已经停止', allClear: true } }));
    const wrong = await publish({ level: 'yellow', areas: ['321012'], headline: '江都区将有大雨' });
    const cancel = await accepted(await li.cancel.$post({ ...byId(wrong.id), json: { reason: '区域发错了，江都区没有大雨' } }));

    const page = await context.newPage();
    await page.goto(`${site.url}/warnings/${allClear.id}/`);
    expect(await page.locator('h1').textContent()).toBe('【解除】暴雨预警');
    expect(await page.locator('.ended').textContent()).toBe('已解除：危险已经过去，预警解除。');
    expect(await page.locator('main .level').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('有效期至');
    await page.goto(`${site.url}/warnings/${cancel.id}/`);
    expect(await page.locator('h1').textContent()).toBe('【取消】暴雨预警');
    expect(await page.locator('.ended').textContent()).toBe('已取消：此前发布的这条预警有误或不再适用，不需要按它行动。');
    expect(await page.locator('main .level').count()).toBe(0);
    expect(await page.locator('main a[href^="/guides/"]').count()).toBe(0);
    // The updated message of the ended event says it has ended, not "updated".
    await page.goto(`${site.url}/warnings/${updated.id}/`);
    expect(await page.locator('.ended').textContent()).toBe('已解除：这条预警已经解除，危险已经过去。');
    expect(await page.locator('.warning-change').textContent()).toBe('更新：增加高邮市；说明文字有修改');

    // The open list follows without a reload: the history shows both badges, and the screen reader hears it.
    await list.getByRole('button', { name: '立即刷新' }).click();
    const history = list.locator('.history-list');
    await expect.poll(() => history.locator('.ended-badge.ended-cancel').first().textContent(), { timeout: 10_000 }).toBe('取消通知');
    expect(await history.locator('.ended-badge.ended-allclear').first().textContent()).toBe('解除通知');
    expect(
      await history
        .locator('li')
        .filter({ has: list.locator(`a[href="/warnings/${updated.id}/"]`) })
        .textContent(),
    ).toContain('已解除');
    await context.close();
  });

  test('axe finds nothing on these pages, on a phone and at 1280 px, in normal and 长辈模式', async () => {
    const residents = serverClientOf<typeof publicWarnings>(site.url, '/api/warnings');
    const ids = (await (await residents.index.$get({ query: { all: '1' } })).json()).warnings;
    const paths = ['/', '/warnings/', ...ids.filter((w, i) => w.msgType === 'Cancel' || i === 0).map((w) => `/warnings/${w.id}/`)];
    const found: Record<string, unknown> = {};
    for (const viewport of [PHONE, DESKTOP])
      for (const elder of [false, true]) {
        const context = await measuringContext(site.browser, viewport, elder);
        const page = await context.newPage();
        for (const path of paths) {
          await settle(page, `${site.url}${path}`);
          const v = await axeViolations(page);
          if (v.length) found[`${path} ${viewport.width}${elder ? ' 长辈模式' : ''}`] = v;
        }
        await context.close();
      }
    expect(found).toEqual({});
  }, 120_000);

  test('the Atom feed opens in a browser as a readable page', async () => {
    const context = await site.context();
    const page = await context.newPage();
    await page.goto(`${site.url}/feeds/warnings.atom`);
    expect(await page.locator('h1').textContent()).toBe('扬州应急 预警信息');
    expect(await page.getByText('这是一个订阅源').count()).toBe(1);
    expect(await page.locator('li h3 a').first().getAttribute('href')).toMatch(/\/warnings\/\d+\/$/);
    await context.close();
  });
});
