import { readdirSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { lessonSchema } from '#site/schemas/training.ts';
import { browserAvailable, watchPage } from '#tests/fixtures/browser.ts';
import { withSiteBrowser } from '#tests/fixtures/site-browser.ts';
import { readFrontMatter } from '#api/front-matter.ts';

const COURSE = 'family-preparedness';
const LESSON_PATH = `/training/${COURSE}/family-emergency-plan/`;
// The questions as the lesson's author wrote them, so the test answers them the way a learner would.
const lesson = lessonSchema.parse(readFrontMatter(`content/training/${COURSE}/01-family-emergency-plan.mdx`).data);
const questions = lesson.selfCheck;

/** Ticks exactly `wanted` (by option index) in question `qi`, as a learner clicking labels would. */
async function answer(page: Page, qi: number, wanted: readonly number[]) {
  const q = questions[qi];
  if (!q) throw new Error(`no question ${qi}`);
  const group = page.getByRole('group', { name: q.stem });
  for (const [oi, option] of q.options.entries()) {
    const control = group.getByRole(q.type === 'multiple' ? 'checkbox' : 'radio', { name: option, exact: true });
    if (wanted.includes(oi)) await control.check();
    else if (q.type === 'multiple') await control.uncheck();
  }
}

// Islands hydrate after load; on a busy 2-core runner that can take longer than expect.poll's default second.
const HYDRATED = { timeout: 15_000 };

/** A wrong answer: the first option that is not right. */
const wrongOf = (answer: readonly number[], count: number) => [[...Array(count).keys()].find((i) => !answer.includes(i)) ?? 0];

describe.runIf(browserAvailable())('training in Chromium', () => {
  const site = withSiteBrowser();

  test('checks a self-check answer, explains it, and keeps the lesson complete after a reload', async () => {
    const page = await site.page();
    const watch = watchPage(page, site.url);
    await page.goto(`${site.url}${LESSON_PATH}`);
    expect(await page.locator('h1').textContent()).toBe(lesson.title);
    await page.getByRole('heading', { name: '自测' }).scrollIntoViewIfNeeded();
    const check = page.getByRole('button', { name: '检查答案' });
    await check.waitFor();

    for (const [qi, q] of questions.entries()) await answer(page, qi, wrongOf(q.answer, q.options.length));
    await check.click();
    const status = page.getByRole('status').filter({ hasText: '答对' });
    await expect.poll(() => status.textContent()).toContain(`答对 0 题，共 ${questions.length} 题`);
    const first = page.getByRole('group', { name: questions[0]?.stem ?? '' });
    await expect.poll(() => first.textContent()).toContain('✗ 错误');
    expect(await first.textContent()).toContain(questions[0]?.explanation);
    // After a wrong answer the right option is shown, on the option itself and in words.
    const rightPlace = questions[0]?.answer[0] ?? 0;
    expect(await first.locator('.sc-option').nth(rightPlace).textContent()).toContain('（正确答案）');
    expect(await first.locator('.sc-answer').textContent()).toContain(questions[0]?.options[rightPlace] ?? '');

    for (const [qi, q] of questions.entries()) await answer(page, qi, q.answer);
    await check.click();
    await expect.poll(() => status.textContent()).toContain('全部答对');
    for (const q of questions) expect(await page.getByRole('group', { name: q.stem }).textContent()).toContain('✓ 正确');

    await page.reload();
    await page.getByRole('heading', { name: '自测' }).scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByText('你已经完成本课').count(), HYDRATED).toBe(1);

    await page.goto(`${site.url}/training/${COURSE}/`);
    await expect.poll(() => page.getByText('已完成 1 课，共 5 课').count(), HYDRATED).toBe(1);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: lesson.title }) });
    expect(await item.textContent()).toContain('✓ 已完成');

    // Clearing the record asks first, in the site's own dialog; 保留 keeps it.
    const native: string[] = [];
    page.on('dialog', (d) => {
      native.push(d.message());
      void d.dismiss();
    });
    const ask = page.getByRole('dialog', { name: '清除学习记录？' });
    await page.getByRole('button', { name: '清除学习记录' }).click();
    await ask.getByRole('button', { name: '保留' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await page.getByText('已完成 1 课，共 5 课').count()).toBe(1);
    await page.getByRole('button', { name: '清除学习记录' }).click();
    await ask.getByRole('button', { name: '清除记录' }).click();
    await expect.poll(() => page.getByText('已完成 0 课，共 5 课').count()).toBe(1);
    expect(native).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test('shows the questions with answers behind 查看答案 when JavaScript is off', async () => {
    const context = await site.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}${LESSON_PATH}`);
    const summaries = page.locator('summary', { hasText: '查看答案' });
    expect(await summaries.count()).toBe(questions.length);
    const explanation = page.getByText(questions[0]?.explanation ?? '');
    expect(await explanation.isVisible()).toBe(false);
    await summaries.first().click();
    expect(await explanation.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '检查答案' }).count()).toBe(0);
    await context.close();
  });

  test('serves every event as a calendar that ical.js reads, 5·12 at 09:00 in Yangzhou', async () => {
    const res = await fetch(`${site.url}/training/events.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(readdirSync('content/events').filter((f) => f.endsWith('.yaml')).length);
    const expo = events.find((e) => e.uid === '2027-512-square-expo@yangzhou-ready');
    expect(expo?.summary).toContain('全国防灾减灾日');
    expect(expo?.startDate.toJSDate().toISOString()).toBe('2027-05-12T01:00:00.000Z');
    expect([expo?.startDate.hour, expo?.startDate.minute]).toEqual([9, 0]);
  });
});
