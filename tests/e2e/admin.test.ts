import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { BAD_SIGN_IN, CODE_NEEDED } from '#api/accounts/sign-in.ts';
import { browserAvailable, hydrated, watchPage } from '#tests/fixtures/browser.ts';
import { withSiteBrowser } from '#tests/fixtures/site-browser.ts';

describe.runIf(browserAvailable())('admin console in Chromium', () => {
  const site = withSiteBrowser({
    users: [
      { name: 'zhang.wei', roles: ['publisher', 'judge'], password: 'Publisher-Pass-2027', extra: ['--name', '张伟'] },
      { name: 'chief', roles: ['admin'], password: 'Office-Admin-Pass-99', extra: ['--name', '王主任'] },
    ],
  });

  /** Logs in with the keyboard alone. */
  async function keyboardLogin(page: Page, username: string, password: string) {
    await hydrated(page, 'Login');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-username');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  test('sends a visitor without a session to the login page and back, shows only the role sections, and logs out — keyboard only', async () => {
    const page = await site.page();
    const watch = watchPage(page, site.url);
    await page.goto(`${site.url}/admin/`);
    await page.waitForURL(/\/admin\/login\/\?next=%2Fadmin%2F/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-username');
    await keyboardLogin(page, 'zhang.wei', 'Publisher-Pass-2027');
    await page.waitForURL(`${site.url}/admin/`);
    const sections = page.getByRole('list', { name: '可用功能' }).getByRole('heading');
    await expect.poll(() => sections.allTextContents(), { timeout: 10_000 }).toEqual(['预警发布', '金点子评审']);
    expect(await page.getByText('账号管理').count()).toBe(0);
    // Reach the logout button by tabbing, then press it.
    let focused = '';
    for (let i = 0; i < 40 && focused !== '退出登录'; i++) {
      await page.keyboard.press('Tab');
      focused = (await page.evaluate(() => document.activeElement?.textContent ?? '')).trim();
    }
    expect(focused).toBe('退出登录');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/login\//);
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
    expect(me).toBe(401);
    // The only console noise allowed is the browser's own line for the expected 401 before login.
    expect(watch.consoleErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  test('shows a clear message for a wrong password, without saying which part was wrong', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/admin/login/`);
    await keyboardLogin(page, 'zhang.wei', 'not-the-password');
    // First the page asks for a code (as it does for a right password on an account with a second factor)...
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(CODE_NEEDED);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-code');
    // ...and with the code left empty, the answer names no part.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(BAD_SIGN_IN);
  });

  test('lets an admin create an organiser account that can then log in', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/admin/login/?next=/admin/accounts/`);
    await keyboardLogin(page, 'chief', 'Office-Admin-Pass-99');
    await page.waitForURL(`${site.url}/admin/accounts/`);
    await page.getByLabel('用户名（3–32 位小写字母、数字或 . _ -）').fill('teacher.chen');
    await page.getByLabel('姓名').last().fill('陈老师');
    await page.getByLabel('初始密码（至少 10 个字符，不能是常见密码）').fill('Safety-Contest-55');
    await page.locator('#new-organizer').check();
    await page.locator('#new-unit').fill('扬州市梅岭小学');
    await page.locator('#new-district').selectOption('321002');
    await page.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'teacher.chen', exact: true }).count(), { timeout: 10_000 }).toBe(1);
    const status = await page.evaluate(() =>
      fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
        body: JSON.stringify({ username: 'teacher.chen', password: 'Safety-Contest-55' }),
      }).then((r) => r.status),
    );
    expect(status).toBe(200);
  });
});
