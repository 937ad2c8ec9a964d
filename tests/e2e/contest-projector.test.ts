import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { AttemptRunning, ContestDetail } from '#api/contests/contract.ts';
import { browserAvailable, hydrated, watchPage } from '#tests/fixtures/browser.ts';
import { apiSignIn, joinInBrowser, meilingOrganiser, openContest } from '../fixtures/contests.ts';
import { withSiteBrowser } from '#tests/fixtures/site-browser.ts';

const PASSWORD = 'Projector-Teacher-2027';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Whether an element lies wholly inside the viewport. */
async function wholeInView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
}

describe.runIf(browserAvailable())('projector mode and the focused quiz screen in Chromium', () => {
  const site = withSiteBrowser({
    users: [meilingOrganiser('wang.teacher', '王老师', PASSWORD)],
  });
  /** Calls the API as a participant's browser would (same origin, the site's request marker). */
  const api = async <T>(path: string, method: string, body: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${site.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch', origin: site.url },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const joinAs = (contest: ContestDetail, name: string) =>
    api<{ attempt: AttemptRunning }>(`/api/contests/join/${contest.code}`, 'POST', {
      name,
      deviceToken: `device-${name.length}-${Math.random().toString(36).slice(2, 12)}`,
    });

  /**
   * 王老师 signs in on the room's 1280×720 projector, creates a contest of her own that opens in ten
   * minutes (within the half hour in which participants may join and wait) and opens its projector view.
   */
  async function projectorBeforeStart(): Promise<{ room: Page; contest: ContestDetail }> {
    const room = await site.page({ viewport: { width: 1280, height: 720 } });
    await site.signIn(room, 'wang.teacher', PASSWORD, '/admin/contests/');
    const now = Date.now();
    const contest = await room.evaluate(
      async (input) => {
        const res = await fetch('/api/admin/contests', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
          body: JSON.stringify(input),
        });
        const body = (await res.json()) as { contest: ContestDetail };
        if (!body.contest) throw new Error(`create: ${res.status} ${JSON.stringify(body)}`);
        return body.contest;
      },
      {
        title: '梅岭小学礼堂应急知识竞赛',
        opensAt: now + 10 * 60_000,
        closesAt: now + 2 * 3600_000,
        audience: '小学',
        selection: { mode: 'mix', count: 5, category: {}, type: {}, difficulty: {} },
        timeLimitMinutes: 20,
        teamMode: 'none',
        nameDisplay: 'full',
        sharedDevices: true,
      },
    );
    expect(contest.code).toMatch(/^[A-Z0-9]{6}$/);
    await room.goto(`${site.url}/admin/contests/projector/?id=${contest.id}`);
    await hydrated(room, 'ContestProjector');
    return { room, contest };
  }

  /** Presses S on the projector and waits until the contest has started. */
  async function startOnProjector(room: Page) {
    await room.keyboard.press('s');
    await expect.poll(() => room.getByRole('status').textContent(), { timeout: 10_000 }).toContain('竞赛已开始');
  }

  test('before the start, the whole QR code and the join code fit a 1280×720, a 1920×1080 and a 4:3 projector', async () => {
    const { room, contest } = await projectorBeforeStart();
    const watch = watchPage(room, site.url);
    const qr = room.getByRole('img', { name: /参赛二维码/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    expect(await room.locator('.pj-code').textContent()).toBe(contest.code);
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
      { width: 1024, height: 768 },
    ]) {
      await room.setViewportSize(viewport);
      expect(await wholeInView(room, '.pj-qr'), `QR at ${viewport.width}×${viewport.height}`).toBe(true);
      expect(await wholeInView(room, '.pj-code'), `code at ${viewport.width}×${viewport.height}`).toBe(true);
      // Large enough to scan from the back of a room: at least 40% of the screen's height.
      expect((await room.locator('.pj-qr').boundingBox())?.height ?? 0).toBeGreaterThan(viewport.height * 0.4);
      expect(await room.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
    }
    await room.setViewportSize({ width: 1280, height: 720 });
    await room.screenshot({ path: `${site.server.dataDir}/../projector-1280x720.png` });
    // The site's header and footer give way to the room's view.
    expect(await room.locator('.site-header').isVisible()).toBe(false);
    expect(watch.foreignRequests).toEqual([]);
    await room.context().close();
  });

  test('three participants join before the start and the count rises live; S starts everyone at once', async () => {
    const { room, contest } = await projectorBeforeStart();
    const count = room.locator('.pj-count strong');
    expect(await count.textContent()).toBe('0');
    const waiting: AttemptRunning[] = [];
    for (const [i, name] of ['王小明', '李小红', '张伟'].entries()) {
      const joined = await joinAs(contest, name);
      expect(joined.status).toBe(201);
      // In the lobby: no questions reach the phone before the start.
      expect(joined.body.attempt).toMatchObject({ state: 'waiting' });
      expect(JSON.stringify(joined.body)).not.toContain('"questions"');
      waiting.push(joined.body.attempt);
      await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe(String(i + 1));
    }
    expect(await room.locator('.pj-names li').allTextContents()).toEqual(['王小明', '李小红', '张伟']);
    await startOnProjector(room);
    const started = await fetch(`${site.url}/api/contests/attempts/${waiting[0]?.token ?? ''}`);
    const view = ((await started.json()) as { attempt: AttemptRunning }).attempt;
    expect(view.state).toBe('running');
    expect(view.questions).toHaveLength(5);
    // The full 20 minutes, counted from the start rather than from joining.
    expect(view.remainingMs).toBeGreaterThan(19 * 60_000);
    await room.keyboard.press('n');
    await room.getByRole('timer').waitFor({ timeout: 5_000 });
    expect(await room.locator('.pj-progress').textContent()).toContain('已交卷 0 / 已加入 3 人');
    await room.context().close();
  });

  test('a participant’s first question is in the first screen of a 390×844 phone, and leaving asks first', async () => {
    // A contest of its own that is already open.
    const contest = await openContest(site.url, await apiSignIn(site.url, 'wang.teacher', PASSWORD));
    const phone = await site.context(PHONE);
    const pupil = await phone.newPage();
    await joinInBrowser(pupil, site.url, contest.code, '赵小四', '三（1）班');
    await pupil.waitForURL(/\/contest\/play\/\?code=/);
    await pupil.getByRole('timer').waitFor({ timeout: 10_000 });
    // The quiz screen hides the site's header and footer once it has mounted (an effect, just after the timer shows).
    await expect.poll(() => pupil.locator('.site-header').isVisible(), { timeout: 5_000 }).toBe(false);
    expect(await pupil.locator('.site-footer').isVisible()).toBe(false);
    expect(await wholeInView(pupil, '.question-stem')).toBe(true);
    expect(await wholeInView(pupil, '.option >> nth=0')).toBe(true);
    expect(await wholeInView(pupil, '.option >> nth=1')).toBe(true);
    await pupil.locator('.option').first().click();
    await expect.poll(() => pupil.locator('.save-summary').textContent(), { timeout: 10_000 }).toBe('答案已全部保存');
    const asked: string[] = [];
    pupil.on('dialog', (d) => {
      asked.push(d.type());
      void d.dismiss();
    });
    // Dismissing the question keeps the pupil on the page.
    await pupil.reload({ timeout: 3_000 }).catch(() => undefined);
    expect(asked).toEqual(['beforeunload']);
    expect(await pupil.locator('.question-stem').isVisible()).toBe(true);
    await phone.close();
  });

  test('practice marks “你的选择” beside the right answer and ends with a review of the set', async () => {
    const page = await site.page(PHONE);
    await page.goto(`${site.url}/contest/practice/`);
    await page.getByRole('button', { name: /开始练习/ }).click({ timeout: 15_000 });
    for (let n = 0; n < 10; n++) {
      const first = page.locator('.option').first();
      await first.click();
      await page.getByRole('button', { name: '提交答案' }).click();
      expect(await first.textContent()).toContain('你的选择');
      expect(await page.locator('.option', { hasText: '正确答案' }).count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: n === 9 ? '查看本组成绩' : '下一题' }).click();
    }
    const review = page.getByRole('region', { name: '本组回顾' });
    await review.waitFor();
    expect(await review.locator('.review > li').count()).toBe(10);
    expect(await review.getByText('（你的选择）').count()).toBe(10);
    await page.close();
  });

  test('after the end, the podium shows the top three and the board follows, readable from the back', async () => {
    const { room, contest } = await projectorBeforeStart();
    // Four join and never hand in; the end of the contest closes their attempts.
    for (const name of ['王小明', '李小红', '张伟', '赵小四']) expect((await joinAs(contest, name)).status).toBe(201);
    // The room sees them (its live connection is open, so the start's notice is not wiped by the connection opening).
    await expect.poll(() => room.locator('.pj-count strong').textContent(), { timeout: 10_000 }).toBe('4');
    await startOnProjector(room);
    await room.keyboard.press('n');
    await room.getByRole('timer').waitFor({ timeout: 5_000 });
    const pupils = ['陈一', '陈二', '陈三'];
    for (const [i, name] of pupils.entries()) {
      const { body } = await joinAs(contest, name);
      for (const q of body.attempt.questions.slice(0, 5 - i))
        await api(`/api/contests/attempts/${body.attempt.token}/answers/${q.n}`, 'PUT', { choice: [0], rev: Date.now() });
      expect((await api(`/api/contests/attempts/${body.attempt.token}/submit`, 'POST', {})).status).toBe(200);
    }
    await expect.poll(() => room.locator('.pj-progress').textContent(), { timeout: 10_000 }).toContain('已交卷 3');
    await room.emulateMedia({ reducedMotion: 'reduce' });
    await room.keyboard.press('e');
    await expect.poll(() => room.getByRole('status').textContent()).toContain('再按一次');
    await room.keyboard.press('e');
    const podium = room.getByRole('region', { name: '个人前三名' });
    await podium.waitFor({ timeout: 10_000 });
    const places = await podium.locator('li:not(.pj-empty)').count();
    expect(places).toBe(3);
    expect(await podium.locator('.pj-place').allTextContents()).toEqual(expect.arrayContaining(['第 1 名']));
    await room.screenshot({ path: `${site.server.dataDir}/../projector-podium.png` });
    // Motion is optional: with reduced motion the podium does not move.
    expect(
      await podium
        .locator('li')
        .first()
        .evaluate((el) => getComputedStyle(el).animationName),
    ).toBe('none');
    await room.keyboard.press('n');
    const board = room.getByRole('region', { name: '排行榜' });
    await board.waitFor({ timeout: 5_000 });
    // The three who handed in and, once the contest closed, the four whose attempts the end closed.
    expect(await board.getByRole('row').count()).toBe(8);
    const size = await board
      .locator('td')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    // 4.6vmin on a 720 px projector: about 33 px, several times body text.
    expect(size).toBeGreaterThanOrEqual(30);
    expect(await wholeInView(room, '.pj-board table')).toBe(true);
    await room.screenshot({ path: `${site.server.dataDir}/../projector-board.png` });
    await room.context().close();
  });
});
