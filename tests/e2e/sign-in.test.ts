import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { totpOf } from '#api/accounts/second-factor.ts';
import { BAD_SIGN_IN, CODE_NEEDED } from '#api/accounts/sign-in.ts';
import { axeViolations } from '../fixtures/axe.ts';
import { browserAvailable } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

const ADMIN_PASSWORD = 'Office-Admin-Pass-99';
const JUDGE_PASSWORD = 'Judge-Panel-Pass-2027';

describe.runIf(browserAvailable())('staff sign-in in Chromium', () => {
  const site = withSiteBrowser({
    // The default policy: admins and publishers must use a second factor.
    env: { STAFF_TOTP: 'required' },
    users: [
      { name: 'chief', roles: ['admin'], password: ADMIN_PASSWORD, extra: ['--name', '王主任'] },
      { name: 'judge.zhao', roles: ['judge'], password: JUDGE_PASSWORD, extra: ['--name', '赵评委'] },
    ],
  });

  /** Fills name and password and submits; returns once the page has answered (navigated or shown a message). */
  async function submitPassword(page: Page, username: string, password: string) {
    await page.getByLabel('用户名').fill(username, { timeout: 10_000 });
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  test('an admin enrols her authenticator, signs in with its code, and once with a recovery code', async () => {
    // bypassCSP only so that the test can inject axe-core.
    const context = await site.context({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${site.url}/admin/login/?next=/admin/accounts/`);
    await submitPassword(page, 'chief', ADMIN_PASSWORD);
    // Without a second factor yet, the console sends her to enrol before anything else.
    await page.waitForURL(/\/admin\/two-factor\/\?next=%2Fadmin%2Faccounts%2F/);
    await page.getByRole('button', { name: '开始设置' }).click({ timeout: 10_000 });
    await expect.poll(() => page.getByRole('img', { name: '用验证器 App 扫描的二维码' }).locator('svg').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    const phone = totpOf(secret, 'chief');
    await page.getByLabel('验证器 App 显示的 6 位数字').fill(phone.generate());
    await page.getByRole('button', { name: '确认开启' }).click();
    const codes = page.getByRole('list', { name: '恢复码' }).getByRole('listitem');
    await expect.poll(() => codes.count(), { timeout: 10_000 }).toBe(10);
    const recovery = (await codes.allTextContents()).map((c) => c.trim());
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '我已保存恢复码，继续' }).click();
    await page.waitForURL(`${site.url}/admin/accounts/`);
    await page.goto(`${site.url}/admin/`);
    await page.getByRole('button', { name: '退出登录' }).click({ timeout: 10_000 });
    await page.waitForURL(/\/admin\/login\//);

    // Right password with a wrong code, and a wrong password, read the same.
    await page.goto(`${site.url}/admin/login/`);
    await submitPassword(page, 'chief', 'Not-The-Password-1');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(CODE_NEEDED);
    await page.goto(`${site.url}/admin/login/`);
    await submitPassword(page, 'chief', ADMIN_PASSWORD);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(CODE_NEEDED);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('两步验证码').fill('000000');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(BAD_SIGN_IN);

    // The code the app shows in the next 30-second step (the server accepts one step of clock drift):
    // the one used to confirm enrolment is spent, and waiting for the next would cost up to 30 s.
    await page.goto(`${site.url}/admin/login/`);
    await submitPassword(page, 'chief', ADMIN_PASSWORD);
    await page.getByLabel('两步验证码').fill(phone.generate({ timestamp: Date.now() + 30_000 }), { timeout: 10_000 });
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${site.url}/admin/`);
    await page.getByRole('button', { name: '退出登录' }).click({ timeout: 10_000 });
    await page.waitForURL(/\/admin\/login\//);

    // A recovery code instead of the phone: once.
    for (const expected of ['signed in', BAD_SIGN_IN]) {
      await page.goto(`${site.url}/admin/login/`);
      await submitPassword(page, 'chief', ADMIN_PASSWORD);
      await page.getByLabel('两步验证码').fill(recovery[0] ?? '', { timeout: 10_000 });
      await page.getByRole('button', { name: '登录' }).click();
      if (expected === 'signed in') await page.waitForURL(`${site.url}/admin/`);
      else await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(expected);
    }
    await context.close();
  });

  test('after sign-in, next leads only to a path of this site', async () => {
    const hostile = [
      '//evil.example/',
      '///evil.example/',
      '/\\evil.example/',
      '\\/evil.example/',
      '/%2F%2Fevil.example/',
      '/%5Cevil.example/',
      '/\t/evil.example/',
      '/\n/evil.example/',
      'javascript:alert(document.domain)',
      'https://evil.example/',
      'http:evil.example',
      'evil.example',
    ];
    const context = await site.context();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const landings: string[] = [];
    for (const next of [...hostile, '/admin/password/']) {
      await page.goto(`${site.url}/admin/login/?next=${encodeURIComponent(next)}`);
      await submitPassword(page, 'judge.zhao', JUDGE_PASSWORD);
      await page.waitForURL((u) => u.pathname !== '/admin/login/', { timeout: 10_000 });
      landings.push(page.url());
    }
    expect(landings).toEqual([...hostile.map(() => `${site.url}/admin/`), `${site.url}/admin/password/`]);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
