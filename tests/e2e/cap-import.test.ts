import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { publicWarnings } from '#api/warnings/public.ts';
import { axeViolations } from '../fixtures/axe.ts';
import { browserAvailable, hydrated, watchPage } from '../fixtures/browser.ts';
import { COLOURS, sampleCap, sampleIdentifier } from '../fixtures/cap-messages.ts';
import { serverClientOf } from '../fixtures/client.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

describe.runIf(browserAvailable())('a publisher imports a CAP file from the release system', () => {
  const site = withSiteBrowser({
    // An allowed origin where nothing listens: the feed's failure is what the admin page shows.
    env: { CAP_FEED_ALLOWLIST: 'https://127.0.0.1:9', CAP_FEED_POLL_SECONDS: '1' },
    users: [
      { name: 'zhou.fabu', roles: ['publisher'], password: 'Flood-Signal-Pass-2027', extra: ['--name', '周发布'] },
      { name: 'chief', roles: ['admin'], password: 'Feed-Admin-Pass-2027', extra: ['--name', '王主任'] },
    ],
  });

  test('uploads the file, reviews the draft it became and publishes it under its issued identifier', async () => {
    const sent = Date.now() - 5 * 60_000;
    const file = join(mkdtempSync(join(tmpdir(), 'cap-upload-')), '暴雨黄色预警.xml');
    writeFileSync(file, sampleCap({ hazard: 'rainstorm', colour: COLOURS[1], sent, serial: 7 }));

    const context = await site.context();
    const desk = await context.newPage();
    const watch = watchPage(desk, site.url);
    await site.signIn(desk, 'zhou.fabu', 'Flood-Signal-Pass-2027', '/admin/warnings/');
    await hydrated(desk, 'CapImport');

    await desk.getByLabel('上传 CAP 文件（.xml）').setInputFiles(file);
    await expect
      .poll(() => desk.getByLabel('或粘贴 CAP 文件内容').inputValue(), { timeout: 10_000 })
      .toContain(sampleIdentifier({ sent, serial: 7 }));
    await desk.getByRole('button', { name: '导入为草稿' }).click();
    await expect
      .poll(() => desk.locator('.cap-import .notice').textContent(), { timeout: 10_000 })
      .toContain('已生成草稿：【黄色预警】暴雨');

    // The draft joins the list with what the message said: level, areas, the office's headline.
    const drafts = desk.getByRole('list', { name: /草稿/ });
    const item = drafts.getByRole('listitem').filter({ hasText: '扬州市气象台发布暴雨黄色预警信号' });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toContain('广陵区、邗江区');
    await item.getByRole('button', { name: /^发布/ }).click();
    await expect.poll(() => desk.locator('.publish-message').textContent(), { timeout: 10_000 }).toContain('已发布：【黄色预警】暴雨');

    const live = await (await serverClientOf<typeof publicWarnings>(site.url, '/api/warnings').index.$get({ query: {} })).json();
    expect(live.warnings.map((w) => w.identifier)).toEqual([sampleIdentifier({ sent, serial: 7 })]);
    expect(watch.consoleErrors).toEqual([]);
    await context.close();
  });

  test('an admin adds a feed and sees its state: last poll and the error, in words', async () => {
    const context = await site.context({ bypassCSP: true });
    const page = await context.newPage();
    await site.signIn(page, 'chief', 'Feed-Admin-Pass-2027', '/admin/cap-feeds/');
    await hydrated(page, 'CapFeeds');
    await page.getByLabel('名称').fill('江苏省预警信息发布中心');
    // A source off the allowlist is refused, and what the admin typed stays in the form to correct.
    await page.getByLabel('地址（https://）').fill('https://cap.example.org/feed.atom');
    await page.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBeTruthy();
    expect(await page.getByLabel('地址（https://）').inputValue()).toBe('https://cap.example.org/feed.atom');
    expect(await page.getByLabel('名称').inputValue()).toBe('江苏省预警信息发布中心');
    await page.getByLabel('地址（https://）').fill('https://127.0.0.1:9/cap/feed.atom');
    await page.getByRole('button', { name: '添加' }).click();
    const card = page.locator('.cap-feeds li.card').filter({ hasText: '江苏省预警信息发布中心' });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    // The server polls within a second; the page refreshes every 15 s.
    await expect
      .poll(async () => (await page.reload(), await hydrated(page, 'CapFeeds'), await card.textContent()), { timeout: 30_000 })
      .toContain('无法连接');
    expect(await card.textContent()).not.toContain('上次检查从未');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${site.url}/admin/warnings/`);
    await hydrated(page, 'CapImport');
    await expect.poll(() => page.locator('.cap-inbox').textContent(), { timeout: 10_000 }).toContain('订阅源暂无待处理的新消息');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
