import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserAvailable } from '../fixtures/browser.ts';
import { COLOURS, sampleCap } from '../fixtures/cap-messages.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';
import { apiErrorSchema } from '#api/errors.ts';

const PASSWORD = 'Check-Before-Send-2027';
const ACTIONS = '你现在应该做什么（居民行动，每行一条，最多 5 条）';

describe.runIf(browserAvailable())("the publishers' forms in Chromium", () => {
  const site = withSiteBrowser({
    users: [
      { name: 'zhao.fabu', roles: ['publisher'], password: PASSWORD, extra: ['--name', '赵发布'] },
      { name: 'qian.zhuren', roles: ['admin', 'publisher'], password: PASSWORD, extra: ['--name', '钱主任'] },
    ],
  });
  test('a field the API would refuse is marked in its words and nothing is sent; right values are sent once', async () => {
    const desk = await site.page();
    await site.signIn(desk, 'zhao.fabu', PASSWORD, '/admin/warnings/');
    await expect.poll(() => desk.getByRole('heading', { name: '起草新预警' }).count(), { timeout: 10_000 }).toBe(1);
    // A yellow rainstorm for 广陵区: the template fills the texts.
    await desk.getByLabel('灾种').selectOption('rainstorm');
    await desk.getByLabel('预警级别').selectOption('yellow');
    await desk.getByRole('group', { name: '影响区域' }).getByLabel('广陵区', { exact: true }).check();
    await expect.poll(() => desk.getByLabel('标题（6–80 字）').inputValue(), { timeout: 10_000 }).toContain('暴雨黄色预警信号');
    // From here on, every request the page makes to the warnings API: method and path.
    const sent: string[] = [];
    desk.on('request', (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith('/api/admin/warnings')) sent.push(`${r.method()} ${pathname}`);
    });

    // A headline of two characters: marked at once, in the API's words.
    await desk.getByLabel('标题（6–80 字）').fill('暴雨');
    await desk.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => desk.getByRole('alert').first().textContent(), { timeout: 5_000 }).toBe('标题至少 6 个字');
    expect(await errorAt(desk, '标题（6–80 字）')).toBe('错误：标题至少 6 个字');
    expect(sent).toEqual([]);

    // The API, asked the same thing from the same signed-in page, answers with these very words.
    const answer = await desk.evaluate(async () => {
      const now = Date.now();
      const body = {
        hazard: 'rainstorm',
        level: 'yellow',
        effective: now,
        expires: now + 3_600_000,
        headline: '暴雨',
        description: '预计未来 6 小时内降雨量将达 50 毫米以上。',
        instruction: '注意防范，减少外出。',
        areas: ['321002'],
      };
      const r = await fetch('/api/admin/warnings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as unknown };
    });
    expect(answer.status).toBe(400);
    expect(apiErrorSchema.parse(answer.body).error.fields?.['headline']).toBe('标题至少 6 个字');
    sent.length = 0;

    // One action line too short: the API names it `actions.0`; the form marks the actions field.
    await desk.getByLabel('标题（6–80 字）').fill('扬州市气象台发布暴雨黄色预警信号');
    await desk.getByLabel(ACTIONS).fill('别出门\n已在外面的，就近进入坚固的建筑避雨。');
    await desk.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => errorAt(desk, ACTIONS), { timeout: 5_000 }).toBe('错误：每条行动至少 4 个字');
    expect(await desk.getByLabel('标题（6–80 字）').getAttribute('aria-invalid')).toBe('false');
    expect(sent).toEqual([]);

    // Every field right: the draft is sent once and saved.
    await desk.getByLabel(ACTIONS).fill('尽量不出门。\n已在外面的，就近进入坚固的建筑避雨。');
    await desk.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain('草稿已保存');
    expect(sent.filter((s) => s.startsWith('POST'))).toEqual(['POST /api/admin/warnings']);
  });

  test('with the two-person rule off, a red warning asks for a second click in the site dialog, then publishes', async () => {
    const desk = await site.page();
    await site.signIn(desk, 'qian.zhuren', PASSWORD, '/admin/warnings/');
    await expect.poll(() => desk.getByRole('heading', { name: '起草新预警' }).count(), { timeout: 10_000 }).toBe(1);
    // The rule is switched through the admin API (the console has no switch for it).
    const rule = await desk.evaluate(async () => {
      const r = await fetch('/api/admin/warning-settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
        body: JSON.stringify({ twoPersonRule: false }),
      });
      return r.status;
    });
    expect(rule).toBe(200);
    // An admin's page also has the templates editor: the draft form is the one named by its heading.
    const form = desk.getByRole('form', { name: '起草新预警' });
    await form.getByLabel('灾种').selectOption('rainstorm');
    await form.getByLabel('预警级别').selectOption('red');
    await form.getByRole('group', { name: '影响区域' }).getByLabel('邗江区', { exact: true }).check();
    await expect.poll(() => form.getByLabel('标题（6–80 字）').inputValue(), { timeout: 10_000 }).toContain('暴雨红色预警信号');
    await form.getByRole('button', { name: '发布', exact: true }).click();
    const dialog = desk.getByRole('dialog', { name: '请再次确认' });
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 10_000 }).toBe('这是红色预警，请再次确认后发布。');
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await expect.poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain('已发布：');
    expect(await dialog.count()).toBe(0);
  });

  test('a CAP message whose hazard and level cannot be matched asks for both, and imports what the publisher chose', async () => {
    const desk = await site.page();
    await site.signIn(desk, 'zhao.fabu', PASSWORD, '/admin/warnings/');
    const xml = sampleCap({ hazard: 'heat', colour: COLOURS[0], sent: Date.now() - 5 * 60_000, serial: 31 })
      .replace('<event>高温蓝色预警</event>', '<event>特殊天气提示</event>')
      .replace('<severity>Minor</severity>', '<severity>Unknown</severity>')
      .replace('扬州市气象台发布高温蓝色预警信号', '扬州市气象台特殊天气提示');
    await desk.getByLabel('或粘贴 CAP 文件内容').fill(xml);
    await desk.getByRole('button', { name: '导入为草稿' }).click();
    const review = desk.getByRole('group', { name: '请核对以下无法从消息中确定的项目' });
    await expect.poll(() => review.getByRole('combobox').count(), { timeout: 10_000 }).toBe(2);
    await review.getByLabel('灾种').selectOption('heat');
    await review.getByLabel('预警级别').selectOption('yellow');
    await desk.getByRole('button', { name: '按所选内容导入为草稿' }).click();
    await expect
      .poll(() => desk.locator('.cap-import .notice').textContent(), { timeout: 10_000 })
      .toContain('已生成草稿：【黄色预警】高温');
  });
});

/** The error shown at the field labelled `label`, read through the control's own description. */
async function errorAt(page: Page, label: string): Promise<string> {
  const control = page.getByLabel(label);
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  return (await page.locator(`[id="${ids.split(' ').find((id) => id.endsWith('-error'))}"]`).textContent()) ?? '';
}
