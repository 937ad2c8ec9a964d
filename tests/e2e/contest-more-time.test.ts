import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations } from '../fixtures/axe.ts';
import { browserAvailable, launchBrowser, watchPage } from '../fixtures/browser.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// 适老化: a time limit an older resident can extend. A community contest offers 我需要更多时间; in 长辈模式
// the notice comes five minutes before the end, says that answers are saved, and the button adds the time.
describe.runIf(browserAvailable())('more time in a contest, in 长辈模式 on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.addUser('zhou.shequ', ['organizer'], 'Community-Organiser-2027', ['--name', '周主任', '--unit', '东关街道长者服务中心']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the organiser offers five minutes; the resident sees the notice, takes the time once, and keeps her answer', async () => {
    const office = await browser.newContext();
    const organiser = await office.newPage();
    await organiser.goto(`${server.url}/admin/login/?next=/admin/contests/new/`);
    await organiser.getByLabel('用户名').fill('zhou.shequ');
    await organiser.getByLabel('密码').fill('Community-Organiser-2027');
    await organiser.getByRole('button', { name: '登录' }).click();
    await organiser.waitForURL(/\/admin\/contests\/new\//);
    await organiser.getByLabel('竞赛标题').fill('东关街道长者应急知识竞赛', { timeout: 10_000 });
    await organiser.getByLabel('题目数量（5–100）').fill('5');
    await organiser.getByRole('group', { name: '队伍' }).getByLabel('不分队伍').check();
    await organiser.getByLabel(/答题限时/).fill('1');
    // A community (成人) contest offers five minutes by default.
    const more = organiser.getByLabel(/参赛者可自行延长/);
    expect(await more.inputValue()).toBe('5');
    await organiser.getByRole('button', { name: '创建竞赛' }).click();
    await organiser.waitForURL(/\/admin\/contests\/view\/\?id=\d+/, { timeout: 10_000 });
    const code = ((await organiser.locator('.join-code').textContent({ timeout: 10_000 })) ?? '').trim();
    await office.close();

    const phone = await browser.newContext({ ...PHONE, bypassCSP: true });
    await phone.addInitScript(() => localStorage.setItem('yzready:elder', '1'));
    const page = await phone.newPage();
    const watch = watchPage(page, server.url);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/contest/join/?code=${code}`);
    expect(await page.locator('.contest-facts').textContent({ timeout: 10_000 })).toContain('可以再延长 5 分钟');
    await page.getByLabel('姓名').fill('周奶奶');
    await page.getByRole('button', { name: '开始答题' }).click();
    await page.waitForURL(/\/contest\/play\/\?code=/);
    await page.getByRole('timer').waitFor({ timeout: 10_000 });
    await page.locator('.option').first().click();
    await expect.poll(() => page.locator('.save-summary').textContent(), { timeout: 10_000 }).toBe('答案已全部保存');

    // One minute in all, so the notice is there at once; fixed to the bottom of the screen, wherever the page is.
    const notice = page.getByRole('region', { name: '时间提醒' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('已答的题目都已保存');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    // Scrolled to the end, 交卷 stays above the notice, not under it.
    const handIn = await page.getByRole('button', { name: '交卷', exact: true }).boundingBox();
    const noticeBox = await notice.boundingBox();
    expect((handIn?.y ?? 0) + (handIn?.height ?? 0)).toBeLessThanOrEqual(noticeBox?.y ?? 0);
    const button = notice.getByRole('button', { name: '我需要更多时间' });
    const box = await button.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const found = await axeViolations(page, ['color-contrast', 'color-contrast-enhanced']);
      expect(
        found.filter((v) => v.targets.some((t) => t.includes('time-notice'))),
        scheme,
      ).toEqual([]);
    }

    await button.click();
    // 1 minute left at most, plus 5: the clock jumps past five minutes and the notice goes.
    await expect.poll(() => page.getByRole('timer').textContent(), { timeout: 10_000 }).toMatch(/^[56]:\d\d$/);
    expect(await notice.count()).toBe(0);
    // The server has it: after a reload the time is still there, and the answer too.
    await page.reload();
    await expect.poll(() => page.getByRole('timer').textContent(), { timeout: 10_000 }).toMatch(/^[56]:\d\d$/);
    expect(await page.locator('.option input').first().isChecked()).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
    await phone.close();
  });
});
