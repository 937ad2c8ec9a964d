import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../fixtures/axe.ts';
import { browserAvailable, watchPage } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

const PASSWORD = 'Golden-Ideas-2027!';
const TITLE = '<script>window.__pwned=1</script>社区应急物资共享柜';
const SUMMARY = '<img src=x onerror="window.__pwned=2">暴雨停电时居民就近取用手电、雨衣和急救包。';
const PASSPHRASE = '东关街那口老井';
const poll = { timeout: 10_000 };

describe.runIf(browserAvailable())('金点子 in Chromium', () => {
  /** Native dialogs (window.confirm and the like) seen on any page: the site uses its own. */
  const nativeDialogs: string[] = [];
  const site = withSiteBrowser({
    users: [
      { name: 'chief', roles: ['admin'], password: PASSWORD, extra: ['--name', '王主任'] },
      { name: 'mod.li', roles: ['moderator'], password: PASSWORD, extra: ['--name', '李审核'] },
      { name: 'judge.zhao', roles: ['judge'], password: PASSWORD, extra: ['--name', '赵评委'] },
    ],
  });

  /** A fresh browser profile signed in as `username`, on `path`. */
  async function staffPage(username: string, path: string): Promise<Page> {
    const page = await (await site.context()).newPage();
    page.on('dialog', (d) => {
      nativeDialogs.push(d.message());
      void d.dismiss();
    });
    await site.signIn(page, username, PASSWORD, path);
    return page;
  }

  /** Confirms in the site's own modal dialog titled `title`, with its button `button`. */
  async function confirmIn(page: Page, title: RegExp, button: string): Promise<void> {
    const dialog = page.getByRole('dialog', { name: title });
    await expect.poll(() => dialog.count(), poll).toBe(1);
    await dialog.getByRole('button', { name: button }).click();
    await expect.poll(() => dialog.count(), poll).toBe(0);
  }

  /** Whether any script the resident wrote has run. */
  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

  test('takes an idea from the submit form to an award on the results page, its HTML shown as plain text', async () => {
    // An admin opens a campaign with the default themes, awards and criteria, reaching it from the dashboard.
    const admin = await staffPage('chief', '/admin/');
    await admin.getByRole('link', { name: '金点子征集活动' }).click();
    await admin.waitForURL(`${site.url}/admin/campaigns/`, poll);
    await admin.getByRole('button', { name: '新建征集活动' }).click();
    await admin.getByLabel('活动名称').fill('2027 年应急管理金点子征集');
    // Too short a description is stopped by the API's own schema, its message beside the field and read with it.
    const description = admin.getByLabel('活动说明（征集什么、谁可以参加、奖励）');
    await description.fill('征集建议');
    await admin.getByRole('button', { name: '创建活动' }).click();
    await expect.poll(() => description.getAttribute('aria-invalid'), poll).toBe('true');
    const describedBy = (await description.getAttribute('aria-describedby')) ?? '';
    expect(await admin.locator(`[id="${describedBy}"]`).textContent()).toBe('错误：说明至少 10 个字');
    await description.fill('欢迎市民围绕应急物资、避难场所等提出建议。');
    await admin.getByRole('button', { name: '创建活动' }).click();
    await expect.poll(() => admin.getByRole('cell', { name: '2027 年应急管理金点子征集', exact: true }).count(), poll).toBe(1);

    // A resident writes an idea containing HTML; the form refuses nothing it should not and loses nothing.
    // bypassCSP: the page's own rendering must keep the HTML inert, not just the Content-Security-Policy.
    const residentContext: BrowserContext = await site.context({ bypassCSP: true });
    const resident = await residentContext.newPage();
    const watch = watchPage(resident, site.url);
    await resident.goto(`${site.url}/ideas/submit/`);
    await resident.getByLabel('标题（必填）').fill(TITLE);
    await resident.getByLabel('简介（必填）').fill(SUMMARY);
    await resident.getByLabel('具体内容（必填）').fill('在每个社区服务中心设置应急物资共享柜，由网格员每月检查补充，居民扫码登记后取用。');
    await resident.getByLabel('主题（必填）').selectOption('物资保障');
    await resident.getByLabel('所在县（市、区）（必填）').selectOption('321002');
    await resident.getByLabel(/^署名（/).fill('李阿姨');
    // The submissions that reach the API, from here on (reloads included).
    const submissions: string[] = [];
    resident.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/ideas/submissions') submissions.push(r.method());
    });
    const contact = resident.getByLabel(/^联系方式/);
    await contact.fill('12345');
    await resident.getByRole('button', { name: '提交金点子' }).click();
    // A contact that is no phone number or e-mail, and consent missing: refused by the API's own schema
    // before anything is sent, each message beside its field in the API's words, everything typed still there.
    await expect.poll(() => resident.getByRole('alert').textContent(), poll).toContain('个人信息保护说明');
    expect(await contact.getAttribute('aria-invalid')).toBe('true');
    expect(await contact.getAttribute('aria-describedby')).toContain('idea-contact-error');
    expect(await resident.locator('#idea-contact-error').textContent()).toBe('错误：请填写手机号码、固定电话或电子邮箱，便于组织方联系你');
    expect(await resident.locator('#idea-consent-error').textContent()).toBe('错误：请阅读并同意个人信息保护说明');
    expect(submissions).toEqual([]);
    expect(await resident.getByLabel('标题（必填）').inputValue()).toBe(TITLE);
    // The resident comes back to the draft later (more than the 5-second minimum after the form was first shown).
    await resident.waitForTimeout(5500);
    // The draft survives a reload; the contact and passphrase are deliberately not kept on the device.
    await resident.reload();
    await expect.poll(() => resident.getByLabel('标题（必填）').inputValue(), poll).toBe(TITLE);
    expect(await resident.getByLabel('主题（必填）').inputValue()).toBe('物资保障');
    expect(await resident.getByLabel(/^联系方式/).inputValue()).toBe('');
    await resident.getByLabel(/^联系方式/).fill('13912345678');
    await resident.getByLabel(/^找回口令/).fill(PASSPHRASE);
    await resident.getByLabel(/我已阅读并同意/).check();
    // Sent at once: the restored draft counts from when the form was first shown, so it is not "too fast".
    await resident.getByRole('button', { name: '提交金点子' }).click();
    const receipt = resident.locator('[data-receipt]');
    await expect.poll(() => receipt.count(), poll).toBe(1);
    expect(submissions).toEqual(['POST']);
    const code = (await receipt.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await resident.getByText(/凭联系方式和找回口令重新领取/).count()).toBe(1);

    // The moderator publishes it.
    const mod = await staffPage('mod.li', '/admin/ideas/');
    await mod.getByRole('button', { name: /^通过并公开 #/ }).click();
    await expect.poll(() => mod.getByText(/^已处理 #/).count(), poll).toBe(1);

    // On its page, the resident's HTML is text: nothing ran, no element was made from it.
    await resident.goto(`${site.url}/ideas/`);
    await resident.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => resident.getByRole('heading', { level: 1 }).textContent(), poll).toBe(TITLE);
    expect(await resident.title()).toBe(`${TITLE} - 金点子 - 扬州应急`);
    expect(await resident.getByText(SUMMARY).count()).toBe(1);
    expect(await resident.locator('img[onerror]').count()).toBe(0);
    expect(await resident.evaluate(() => [...document.scripts].some((el) => el.textContent.includes('__pwned')))).toBe(false);
    expect(await pwned(resident)).toBeNull();
    expect(await axeViolations(resident)).toEqual([]);

    // Support once; a second tab of the same browser is refused.
    const secondTab = await residentContext.newPage();
    await secondTab.goto(resident.url());
    await secondTab.getByRole('button', { name: /^支持这条金点子/ }).waitFor();
    await resident.getByRole('button', { name: /^支持这条金点子/ }).click();
    await expect.poll(() => resident.getByText('谢谢你的支持！').count(), poll).toBe(1);
    await secondTab.getByRole('button', { name: /^支持这条金点子/ }).click();
    await expect.poll(() => secondTab.getByText('你已经支持过这条金点子了，每台设备只能支持一次。').count(), poll).toBe(1);

    // The admin closes collection, seats the judge and shortlists the idea.
    await admin.reload();
    await admin.getByRole('button', { name: /^结束征集/ }).click();
    await confirmIn(admin, /的征集？$/, '结束征集，进入评审');
    await expect.poll(() => admin.getByText(/已结束征集，进入评审/).count(), poll).toBe(1);
    await admin.goto(`${site.url}/admin/judging/`);
    await admin.getByLabel(/赵评委/).check();
    await admin.getByRole('button', { name: '保存评委名单' }).click();
    await expect.poll(() => admin.getByText('已指派 1 位评委。').count(), poll).toBe(1);
    await admin.getByRole('button', { name: /^入围 #/ }).click();
    await expect.poll(() => admin.getByRole('button', { name: /^取消入围 #/ }).count(), poll).toBe(1);

    // The judge scores it.
    const judge = await staffPage('judge.zhao', '/admin/judging/');
    await judge.getByLabel('创新性（权重 30%）').selectOption('9');
    await judge.getByLabel('可行性（权重 40%）').selectOption('8');
    await judge.getByLabel('实用效益（权重 30%）').selectOption('9');
    // The judge sees how many devices and addresses stand behind the support count.
    expect(await judge.getByText('计 1 人支持（共 1 台设备，来自 1 个网络地址）').count()).toBe(1);
    // Nothing is final until the judge confirms in the dialog; going back keeps the form as it was.
    await judge.getByRole('button', { name: /^提交对 #/ }).click();
    await confirmIn(judge, /^确认对 #\d+ 的评分？$/, '返回修改');
    expect(await judge.getByLabel('可行性（权重 40%）').inputValue()).toBe('8');
    expect(await judge.getByText(/加权 8\.60 分/).count()).toBe(0);
    await judge.getByRole('button', { name: /^提交对 #/ }).click();
    await confirmIn(judge, /^确认对 #\d+ 的评分？$/, '确认提交，不再修改');
    await expect.poll(() => judge.getByText(/加权 8\.60 分/).count(), poll).toBe(1);

    // The admin awards it as the ranking suggests and announces.
    await admin.reload();
    await expect.poll(() => admin.getByText(/综合 8\.60 分（1 位评委）· 按排名建议：一等奖/).count(), poll).toBe(1);
    await admin.getByRole('button', { name: '按排名建议填入奖项' }).click();
    await admin.getByRole('button', { name: '公布评选结果' }).click();
    await confirmIn(admin, /的评选结果？$/, '确认公布');
    await expect.poll(() => admin.getByText('评选结果已公布。').count(), poll).toBe(1);

    // The results page shows the award; the receipt shows it too.
    await resident.goto(`${site.url}/ideas/results/`);
    const winner = resident.locator('[data-award="一等奖"]');
    await expect.poll(() => winner.count(), poll).toBe(1);
    expect(await winner.getByRole('link').textContent()).toBe(TITLE);
    expect(await axeViolations(resident)).toEqual([]);
    await resident.goto(`${site.url}/ideas/track/#${code}`);
    await expect.poll(() => resident.getByText('一等奖').count(), poll).toBe(1);

    // The receipt is lost: the contact (typed differently) and the passphrase bring a new one, and the old one stops working.
    await resident.getByLabel('提交时填写的联系方式').fill('139 1234 5678');
    await resident.getByLabel('找回口令', { exact: true }).fill(PASSPHRASE);
    await resident.getByRole('button', { name: '领取新的回执码' }).click();
    const recovered = resident.locator('[data-recovered]');
    await expect.poll(() => recovered.count(), poll).toBe(1);
    const newCode = (await recovered.textContent())?.trim() ?? '';
    expect(newCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(newCode).not.toBe(code);
    expect(await axeViolations(resident)).toEqual([]);
    await resident.locator('li', { has: recovered }).getByRole('link', { name: '查询进度' }).click();
    await expect.poll(() => resident.locator('#track-code').inputValue(), poll).toBe(newCode);
    await expect.poll(() => resident.getByText('一等奖').count(), poll).toBe(1);
    await resident.locator('#track-code').fill(code);
    await resident.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => resident.getByRole('alert').textContent(), poll).toContain('没有找到这个回执码');
    expect(await pwned(resident)).toBeNull();
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors.filter((e) => !/status of (400|404|409)/.test(e))).toEqual([]);
    expect(nativeDialogs).toEqual([]);
  }, 240_000);
});
