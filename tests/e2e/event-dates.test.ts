import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { browserAvailable } from '../fixtures/browser.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

interface EventFile {
  slug: string;
  title: string;
  start: Date;
  end: Date;
}
const events: EventFile[] = readdirSync('content/events')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const d = parse(readFileSync(`content/events/${f}`, 'utf8')) as Record<string, string>;
    return {
      slug: String(d['slug']),
      title: String(d['title']),
      start: new Date(String(d['start'])),
      end: new Date(String(d['end'])),
      campaign: d['campaign'],
    };
  });
const DAY = 86_400_000;

/** Titles under the list of one side of the events page, as a reader sees them (hidden ones left out). */
const titlesIn = (page: Page, heading: string) =>
  page
    .locator('section', { has: page.getByRole('heading', { name: heading, level: 2 }) })
    .locator('li:visible h3')
    .allTextContents();

/** The titles each side should show on `day`: soonest first above, most recent first below. */
function expected(day: number) {
  const upcoming = events.filter((e) => e.end.getTime() > day).sort((a, b) => +a.start - +b.start);
  const past = events.filter((e) => e.end.getTime() <= day).sort((a, b) => +b.start - +a.start);
  return { upcoming: upcoming.map((e) => e.title), past: past.map((e) => e.title) };
}

// The same build, read on later days: what has finished moves down without a rebuild.
describe.runIf(browserAvailable())('event pages on any day', () => {
  const site = withSiteBrowser();

  const lastEnd = Math.max(...events.map((e) => e.end.getTime()));
  const days = [
    ['today', Date.now()],
    ['a month later', Date.now() + 31 * DAY],
    ['after the last event', lastEnd + DAY],
  ] as const;

  test.each(days)('%s, the events page splits upcoming and past by the reader’s date', async (_, day) => {
    const page = await site.page();
    await page.clock.setFixedTime(day);
    await page.goto(`${site.url}/training/events/`);
    const want = expected(day);
    await expect.poll(() => titlesIn(page, '即将举行')).toEqual(want.upcoming);
    expect(await titlesIn(page, '往期活动')).toEqual(want.past);
    // The page says which day it is sorted by, in Yangzhou's calendar.
    const ymd = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(day);
    expect(await page.locator('.asof').textContent()).toContain(ymd);
    expect(await page.getByText('近期暂时没有安排活动').isVisible()).toBe(want.upcoming.length === 0);
    await page.close();
  });

  test('an event page says the event has ended once it has, and the training page lists only what is to come', async () => {
    const soonest = events.filter((e) => e.end.getTime() > Date.now()).sort((a, b) => +a.end - +b.end)[0];
    if (!soonest) throw new Error('content/events has no upcoming event to test with');
    const page = await site.page();
    await page.clock.setFixedTime(soonest.end.getTime() - DAY);
    await page.goto(`${site.url}/training/events/${soonest.slug}/`);
    await expect.poll(() => page.getByText('本活动已经结束').isVisible()).toBe(false);
    await page.close();

    const later = await site.page();
    const day = soonest.end.getTime() + DAY;
    await later.clock.setFixedTime(day);
    await later.goto(`${site.url}/training/events/${soonest.slug}/`);
    await expect.poll(() => later.getByText('本活动已经结束').isVisible()).toBe(true);
    await later.goto(`${site.url}/training/`);
    const next = expected(day).upcoming.slice(0, 3);
    await expect.poll(() => later.locator('section[aria-labelledby="events-title"] li:visible h3').allTextContents()).toEqual(next);
    await later.close();
  });

  test('without JavaScript, the build’s split stands and says which day it was made', async () => {
    const context = await site.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/training/events/`);
    expect(await page.locator('.asof').textContent()).toMatch(/本页按 \d{4}年\d{1,2}月\d{1,2}日 的情况/);
    expect((await titlesIn(page, '即将举行')).length + (await titlesIn(page, '往期活动')).length).toBe(events.length);
    await context.close();
  });
});
