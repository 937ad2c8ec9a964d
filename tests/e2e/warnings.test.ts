import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../fixtures/axe.ts';
import { browserAvailable, hydrated, watchPage } from '../fixtures/browser.ts';
import { publishWarning } from '../fixtures/publish.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

// content/warnings/signals.yaml: the rainstorm orange signal's standard and first guidance line.
const ORANGE_STANDARD = '3小时内降雨量将达50毫米以上';
const ORANGE_GUIDANCE = '暂停户外作业，切断有危险的室外电源。';
const HEADLINE = '扬州市气象台发布暴雨橙色预警信号';
// content/warnings/actions.yaml: the first resident action for an orange rainstorm.
const ORANGE_ACTION = '尽量不出门；已在外面的，就近进入坚固的建筑避雨，不在桥洞、地道里躲雨。';

describe.runIf(browserAvailable())('预警信息 in Chromium', () => {
  // One server and one browser for the file; each test publishes the warnings it needs and looks only at those.
  const site = withSiteBrowser({
    users: [
      { name: 'li.fabu', roles: ['publisher'], password: 'Rain-Warning-Pass-2027', extra: ['--name', '李发布'] },
      // The second publisher of the two-person rule (四眼原则).
      { name: 'wang.shenhe', roles: ['publisher'], password: 'Rain-Warning-Pass-2027', extra: ['--name', '王审核'] },
    ],
  });

  /** 李发布's console on a page of its own, signed in and showing the empty draft form. */
  async function openDesk(): Promise<Page> {
    // bypassCSP only so that the test can inject axe-core later.
    const desk = await site.page({ bypassCSP: true });
    await site.signIn(desk, 'li.fabu', 'Rain-Warning-Pass-2027', '/admin/warnings/');
    await expect.poll(() => desk.getByRole('heading', { name: '起草新预警' }).count(), { timeout: 10_000 }).toBe(1);
    return desk;
  }

  /** An orange rainstorm warning for 广陵区 only, published over the API, with the texts the template gives. */
  const publishOrange = () =>
    publishWarning(site.server, {
      areas: ['321002'],
      actions: [ORANGE_ACTION],
      instruction: `${ORANGE_GUIDANCE}加强巡查，做好排涝准备。`,
    }).then((w) => String(w.id));

  /** 王审核 opens the console, checks the draft waiting for approval exactly as residents will see it, and approves it. */
  async function approveAs(desk: Page, expectTitle: string, expectPage: string) {
    const page = await site.page();
    await site.signIn(page, 'wang.shenhe', 'Rain-Warning-Pass-2027', '/admin/warnings/');
    const drafts = page.getByRole('list', { name: /草稿/ });
    const item = drafts.getByRole('listitem').filter({ hasText: '待审核' }).filter({ hasText: expectTitle });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toContain('起草人：李发布');
    await item.getByRole('button', { name: /^查看并审核/ }).click();
    const dialog = page.getByRole('dialog', { name: '审核预警（四眼原则）' });
    await expect.poll(() => dialog.locator('.notification-title').textContent(), { timeout: 10_000 }).toBe(expectTitle);
    expect(await dialog.locator('.approve-page').textContent()).toContain(expectPage);
    await dialog.getByRole('button', { name: '审核通过并发布' }).click();
    await expect.poll(() => page.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain(`已审核并发布：${expectTitle}`);
    await expect.poll(() => page.locator('.delivery').textContent(), { timeout: 10_000 }).toContain('王审核');
    await page.context().close();
    await desk.reload();
  }

  /** A resident's own browser on /warnings/, the live list hydrated. */
  async function openLiveWarnings(options: BrowserContextOptions = {}) {
    const context = await site.context(options);
    const page = await context.newPage();
    await page.goto(`${site.url}/warnings/`);
    await hydrated(page, 'WarningsLive');
    return { context, page };
  }

  /** Fills the draft form: status, hazard, level (the template fills the texts) and areas. */
  async function writeDraft(desk: Page, status: '实际预警' | '演练', level: string, areas: string[]) {
    await desk.getByRole('group', { name: '信息类型' }).getByLabel(status).check();
    await desk.getByLabel('灾种').selectOption('rainstorm');
    await desk.getByLabel('预警级别').selectOption(level);
    for (const a of areas) await desk.getByRole('group', { name: '影响区域' }).getByLabel(a, { exact: true }).check();
  }

  /** The warning ids the console's 正在生效 list links to. */
  const liveIds = async (desk: Page) =>
    (
      await desk
        .getByRole('list', { name: /正在生效/ })
        .locator('a[href^="/warnings/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    )
      .map((href) => href?.match(/\/warnings\/(\d+)\//)?.[1] ?? '')
      .filter(Boolean);

  /** The ids of the warnings in force, drills included, as the residents' API lists them. */
  const warningsInForce = async () =>
    ((await (await fetch(`${site.url}/api/warnings`)).json()) as { warnings: Array<{ id: number }> }).warnings.map((w) => String(w.id));

  test('a publisher signs in, writes an orange rainstorm draft from the template, previews and publishes it', async () => {
    const desk = await site.page();
    const watch = watchPage(desk, site.url);
    await site.signIn(desk, 'li.fabu', 'Rain-Warning-Pass-2027', '/admin/warnings/');
    await expect.poll(() => desk.getByRole('heading', { name: '起草新预警' }).count(), { timeout: 10_000 }).toBe(1);
    // What was already in force (the residents' API, all statuses), to tell this test's warning from the others'.
    const before = await warningsInForce();

    await writeDraft(desk, '实际预警', 'orange', ['广陵区']);
    const description = desk.getByLabel('情况说明：发生了什么、在哪里');
    await expect.poll(() => description.inputValue(), { timeout: 10_000 }).toContain(ORANGE_STANDARD);
    expect(await desk.getByLabel('官方防御指南（完整版）').inputValue()).toContain(ORANGE_GUIDANCE);
    // 你现在应该做什么 comes from content/warnings/actions.yaml, and orange means act now.
    expect(await desk.getByLabel(/你现在应该做什么/).inputValue()).toContain(ORANGE_ACTION);
    expect(await desk.getByLabel('紧急程度').inputValue()).toBe('Immediate');
    expect(await desk.getByLabel('建议居民采取的行动').inputValue()).toBe('Shelter');
    expect(await desk.getByLabel('标题（6–80 字）').inputValue()).toBe(HEADLINE);
    // The preview shows the notification as the phone would, and the page's facts.
    const preview = desk.getByRole('complementary', { name: '预览' });
    expect(await preview.locator('.notification-title').textContent()).toBe('【橙色预警】暴雨');
    expect(await preview.textContent()).toContain('橙色预警（Ⅱ级，严重）');
    expect(await preview.textContent()).toContain('广陵区');

    await desk.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => desk.getByRole('heading', { name: /修改草稿/ }).count(), { timeout: 10_000 }).toBe(1);
    await desk.getByRole('button', { name: '发布', exact: true }).click();
    await expect
      .poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 })
      .toContain(`已发布：【橙色预警】暴雨 ${HEADLINE}`);
    // Delivery progress is shown and finishes (nobody has subscribed here).
    await expect.poll(() => desk.locator('.delivery [role=status]').textContent(), { timeout: 15_000 }).toContain('推送完成');
    // The new warning, and only it, joins the live list.
    await expect.poll(async () => (await liveIds(desk)).filter((id) => !before.includes(id)).length, { timeout: 10_000 }).toBe(1);
    const [orangeId] = (await liveIds(desk)).filter((id) => !before.includes(id));
    const item = desk
      .getByRole('list', { name: /正在生效/ })
      .getByRole('listitem')
      .filter({ has: desk.locator(`a[href="/warnings/${orangeId}/"]`) });
    expect(await item.textContent()).toContain('【橙色预警】暴雨');
    expect(watch.consoleErrors).toEqual([]);
    await desk.context().close();
  });

  test('refuses to publish while template placeholders ［ ］ remain', async () => {
    const desk = await openDesk();
    await desk.getByRole('group', { name: '信息类型' }).getByLabel('实际预警').check();
    await desk.getByLabel('灾种').selectOption('geological');
    await expect.poll(() => desk.getByLabel('情况说明：发生了什么、在哪里').inputValue(), { timeout: 10_000 }).toContain('［');
    expect(await desk.getByText('发布前必须换成具体信息').count()).toBe(1);
    await desk.getByRole('group', { name: '影响区域' }).getByLabel('仪征市').check();
    await desk.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => desk.getByRole('alert').first().textContent()).toContain('占位符');
    // Nothing was published: no 地质灾害 warning is in force.
    const live = (await (await fetch(`${site.url}/api/warnings?status=Actual`)).json()) as { warnings: Array<{ hazard: string }> };
    expect(live.warnings.filter((w) => w.hazard === 'geological')).toEqual([]);
    await desk.context().close();
  });

  test('residents see it on /warnings/ with the level in words and what to do first, their district first, and on the home bar', async () => {
    const orangeId = await publishOrange();
    const context = await site.context({ bypassCSP: true });
    const page = await context.newPage();
    const watch = watchPage(page, site.url);
    await page.goto(`${site.url}/warnings/`);
    await hydrated(page, 'WarningsLive');
    const all = page.getByRole('list', { name: '正在生效的预警' });
    const card = all.locator('.warning-card').filter({ has: page.locator(`a[href="/warnings/${orangeId}/"]`) });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await card.locator('.level.level-orange').textContent()).toContain('橙色预警');
    expect(await card.textContent()).toContain('广陵区');
    expect(await card.locator('.warning-actions li').first().textContent()).toBe(ORANGE_ACTION);
    expect(await card.getByRole('link', { name: '【橙色预警】暴雨', exact: true }).getAttribute('href')).toBe(`/warnings/${orangeId}/`);
    expect(await page.getByText(/最后更新：\d\d:\d\d/).count()).toBe(1);
    expect(await page.locator('a[href="/feeds/warnings.atom"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="/feeds/cap.atom"]').count()).toBe(1);

    // A resident of 广陵区 keeps the choice; the home page's bar shows the warning with the first thing to do.
    await page
      .getByRole('group', { name: /我关心的区县/ })
      .getByLabel('广陵区')
      .check();
    expect(await page.evaluate(() => localStorage.getItem('yzready:districts'))).toBe('["321002"]');
    expect(await card.count()).toBe(1);
    const home = await context.newPage();
    await home.goto(`${site.url}/`);
    const bar = home.getByRole('region', { name: '预警信息' });
    expect(await bar.locator('.level-orange').textContent()).toBe('橙色预警');
    expect(await bar.getByRole('link', { name: '橙色预警 暴雨' }).getAttribute('href')).toBe(`/warnings/${orangeId}/`);
    expect(await bar.textContent()).toContain(`现在就做：${ORANGE_ACTION}`);

    expect(await axeViolations(page)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });

  test('the warning page and /warnings/ read without JavaScript', async () => {
    const orangeId = await publishOrange();
    const context = await site.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/warnings/${orangeId}/`);
    expect(await page.title()).toContain('【橙色预警】暴雨');
    expect(await page.locator('main').textContent()).toContain(ORANGE_GUIDANCE);
    await page.goto(`${site.url}/warnings/`);
    const list = page.getByRole('list', { name: '正在生效的预警' });
    const item = list.getByRole('listitem').filter({ has: page.locator(`a[href="/warnings/${orangeId}/"]`) });
    expect(await item.getByRole('link', { name: '【橙色预警】暴雨', exact: true }).getAttribute('href')).toBe(`/warnings/${orangeId}/`);
    expect(await item.textContent()).toContain(ORANGE_ACTION);
    expect(await page.locator('noscript a[href="/feeds/warnings.atom"], main a[href="/feeds/warnings.atom"]').count()).toBeGreaterThan(0);
    await context.close();
  });

  test('a drill for the whole city waits for a second publisher, and is shown only as 演练, never as a real warning', async () => {
    const orangeId = await publishOrange();
    const desk = await openDesk();
    await writeDraft(desk, '演练', 'yellow', ['全市']);
    await expect.poll(() => desk.locator('.notification-title').textContent(), { timeout: 10_000 }).toBe('【演练】【黄色预警】暴雨');
    await desk.getByRole('button', { name: '发布', exact: true }).click();
    // The author alone cannot publish it, and is told who can approve it.
    await expect.poll(() => desk.locator('.form-error').textContent(), { timeout: 10_000 }).toContain('可以审核的人：王审核');
    await approveAs(desk, '【演练】【黄色预警】暴雨', '这是演练信息，不是真实预警。');
    const href = await desk
      .getByRole('list', { name: /正在生效/ })
      .getByRole('link', { name: /演练/ })
      .getAttribute('href');
    const drillId = href?.match(/\/warnings\/(\d+)\//)?.[1] ?? '';
    expect(drillId).toMatch(/^\d+$/);

    const { context, page } = await openLiveWarnings();
    const drills = page.getByRole('region', { name: '演练和测试信息' });
    const drillCard = drills.locator('.warning-card').filter({ has: page.locator(`h3 a[href="/warnings/${drillId}/"]`) });
    await expect.poll(() => drillCard.count(), { timeout: 10_000 }).toBe(1);
    expect(await drillCard.textContent()).toContain('演练');
    const real = page.getByRole('list', { name: '正在生效的预警' });
    expect(await real.locator(`h3 a[href="/warnings/${drillId}/"]`).count()).toBe(0);
    expect(await real.locator(`h3 a[href="/warnings/${orangeId}/"]`).count()).toBe(1);
    await context.close();
    await desk.context().close();
  });

  test('when the network is cut it says so, points to 12379 and shows the last warnings with their age', async () => {
    const orangeId = await publishOrange();
    const { context, page } = await openLiveWarnings();
    const real = page.getByRole('list', { name: '正在生效的预警' });
    const card = real.locator('.warning-card').filter({ has: page.locator(`h3 a[href="/warnings/${orangeId}/"]`) });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    await context.setOffline(true);
    await page.getByRole('button', { name: '立即刷新' }).click();
    const alert = page.locator('.warning-offline[role=alert]');
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    const text = await alert.textContent();
    expect(text).toContain('无法连接');
    expect(text).toContain('12379');
    expect(text).toMatch(/这是.*分钟前的信息/);
    expect(await card.count()).toBe(1);
    await context.setOffline(false);
    await page.getByRole('button', { name: '立即刷新' }).click();
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(0);
    await context.close();
  });

  test('the subscribe panel is honest: the China caveat always, and a plain message when the browser has no push', async () => {
    const context = await site.context();
    await context.addInitScript(() => {
      delete (window as { PushManager?: unknown }).PushManager;
    });
    const page = await context.newPage();
    await page.goto(`${site.url}/warnings/#subscribe`);
    await hydrated(page, 'SubscribePanel');
    const panel = page.locator('#subscribe');
    expect(await panel.textContent()).toContain(
      '部分浏览器在中国大陆无法接收推送（例如依赖谷歌推送服务的 Chrome），预警页面和 Atom 订阅源始终可用',
    );
    expect(await panel.textContent()).toContain('12379');
    await expect.poll(() => panel.getByText('这个浏览器不支持网页推送通知').count(), { timeout: 10_000 }).toBe(1);
    expect(await panel.getByRole('button', { name: '订阅预警推送' }).count()).toBe(0);
    await context.close();

    // A browser with push gets the form. Headless Chromium then refuses the push registration itself, as an
    // incognito window does: the resident is told so plainly, and nothing is stored.
    const withPush = await site.context({ permissions: ['notifications'] });
    const page2 = await withPush.newPage();
    await page2.goto(`${site.url}/warnings/#subscribe`);
    await hydrated(page2, 'SubscribePanel');
    const form = page2.getByRole('form', { name: '预警推送设置' });
    await expect.poll(() => form.getByRole('button', { name: '订阅预警推送' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await form.getByRole('group', { name: '推送哪些区县的预警' }).getByRole('checkbox').count()).toBe(6);
    await form.getByRole('group', { name: '推送哪些区县的预警' }).getByLabel('江都区').check();
    await form.getByRole('button', { name: '订阅预警推送' }).click();
    const alert = page2.locator('#subscribe [role=alert]');
    await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
    expect(await alert.textContent()).toContain('这个浏览器拒绝了推送订阅');
    expect(await page2.evaluate(() => localStorage.getItem('yzready:subscription'))).toBeNull();
    await withPush.close();
  });

  test('the signed-in console passes axe; 更新 to red waits for approval and replaces the warning; 解除 ends it', async () => {
    const orangeId = await publishOrange();
    const desk = await openDesk();
    expect(await axeViolations(desk)).toEqual([]);

    const live = desk.getByRole('list', { name: /正在生效/ });
    const itemOf = (id: string) => live.getByRole('listitem').filter({ has: desk.locator(`a[href="/warnings/${id}/"]`) });
    await itemOf(orangeId).getByRole('button', { name: /^更新/ }).click();
    await expect.poll(() => desk.getByRole('heading', { name: /^更新预警/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await desk.getByLabel('标题（6–80 字）').inputValue()).toBe(HEADLINE);
    await desk.getByLabel('预警级别').selectOption('red');
    await desk.getByLabel('标题（6–80 字）').fill('扬州市气象台将暴雨橙色预警信号升级为红色');
    await desk.getByRole('button', { name: '发布更新' }).click();
    await expect.poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain('可以审核的人：王审核');
    // Until it is approved, the orange warning stays the live one.
    expect(await itemOf(orangeId).count()).toBe(1);
    await approveAs(desk, '【红色预警】暴雨', '扬州市气象台将暴雨橙色预警信号升级为红色');
    const redHref = await live.getByRole('link', { name: /【红色预警】暴雨/ }).getAttribute('href');
    const redId = redHref?.match(/\/warnings\/(\d+)\//)?.[1] ?? '';
    expect(redId).toMatch(/^\d+$/);
    expect(await itemOf(orangeId).count()).toBe(0);

    await itemOf(redId).getByRole('button', { name: /^解除/ }).click();
    await desk.getByLabel(/解除原因/).fill('降雨已明显减弱，暴雨红色预警解除。');
    await desk.getByRole('button', { name: '确认解除' }).click();
    await expect.poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain('等待审核');
    await approveAs(desk, '【解除】暴雨预警', '降雨已明显减弱，暴雨红色预警解除。');

    const res = await fetch(`${site.url}/api/warnings?status=Actual`);
    const ids = ((await res.json()) as { warnings: Array<{ id: number }> }).warnings.map((w) => String(w.id));
    expect(ids).not.toContain(orangeId);
    expect(ids).not.toContain(redId);
    await desk.context().close();
  });
});
