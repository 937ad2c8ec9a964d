import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { browserAvailable, watchPage } from '../fixtures/browser.ts';
import { apiSignIn, handedInRight, joinInBrowser, meilingOrganiser, openContest } from '../fixtures/contests.ts';
import { withSiteBrowser } from '../fixtures/site-browser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const PASSWORD = 'Contest-Teacher-2027';

describe.runIf(browserAvailable())('knowledge contest in Chromium on a phone', () => {
  const site = withSiteBrowser({
    users: [meilingOrganiser('li.teacher', '李老师', PASSWORD)],
  });
  /** 李老师 on her phone, signed in to the console at `next`. */
  async function teacherAt(next: string) {
    const organiser = await site.page(PHONE);
    const watch = watchPage(organiser, site.url);
    await site.signIn(organiser, 'li.teacher', PASSWORD, next);
    return { organiser, watch };
  }
  /** A contest of 李老师's, open now, made through the API. */
  const contestOfTeacher = async () => openContest(site.url, await apiSignIn(site.url, 'li.teacher', PASSWORD));

  test('an organiser creates a contest in one form and prints its poster with a QR code', async () => {
    const { organiser } = await teacherAt('/admin/contests/new/');
    await organiser.getByLabel('竞赛标题').fill('梅岭小学防灾减灾日应急知识竞赛', { timeout: 10_000 });
    // The form says what the contest-only questions can supply before anything is sent.
    await organiser.getByLabel('题目数量（5–100）').fill('100');
    await expect.poll(() => organiser.locator('#mix-category').textContent(), { timeout: 10_000 }).toContain('可用：自然灾害');
    expect(await organiser.getByText('可用的题目一共只有').count()).toBe(1);
    // Hand-picking lists the same bank, each question marked as contest-only or public in 练一练.
    await organiser.getByRole('group', { name: '出题方式' }).getByLabel('手动选题').check();
    const picker = organiser.getByRole('group', { name: /手动选题/ });
    await expect.poll(() => picker.getByRole('checkbox').count(), { timeout: 10_000 }).toBeGreaterThan(100);
    expect(await picker.textContent()).toContain('竞赛专用');
    await organiser.getByRole('group', { name: '出题方式' }).getByLabel('按比例随机抽题').check();
    await organiser.getByLabel('题目数量（5–100）').fill('5');
    // Required fields say so; the class list appears only for the mode that needs it.
    expect(await organiser.locator('label[for="c-title"]').textContent()).toContain('（必填）');
    await organiser.getByRole('group', { name: '队伍' }).getByLabel('不分队伍').check();
    expect(await organiser.getByLabel(/班级或社区名单/).count()).toBe(0);
    expect(await organiser.getByRole('group', { name: '队伍排名方式' }).count()).toBe(0);
    await organiser
      .getByRole('group', { name: '队伍' })
      .getByLabel(/从名单中选择/)
      .check();
    expect(await organiser.locator('label[for="c-teams"]').textContent()).toContain('（必填）');
    // Radio buttons and checkboxes are at least 24 px, and 44 px in 长辈模式.
    const box = organiser.locator('.contest-form input[type="checkbox"]').first();
    expect((await box.boundingBox())?.width).toBeGreaterThanOrEqual(24);
    await organiser.evaluate(() => document.documentElement.setAttribute('data-elder', ''));
    expect((await box.boundingBox())?.width).toBeGreaterThanOrEqual(44);
    await organiser.evaluate(() => document.documentElement.removeAttribute('data-elder'));
    await organiser.getByLabel('班级或社区名单（每行一个）').fill('三（1）班\n三（2）班');
    await organiser.getByRole('button', { name: '创建竞赛' }).click();
    await organiser.waitForURL(/\/admin\/contests\/view\/\?id=\d+/, { timeout: 10_000 });
    const code = (await organiser.locator('.join-code').textContent({ timeout: 10_000 })) ?? '';
    expect(code).toMatch(/^[ACDEFHJKMNPRTWXY3479]{6}$/);
    // Drawn by default from the contest-only questions, which 练一练 never shows.
    expect(await organiser.locator('.settings').textContent()).toContain('全部是竞赛专用题');
    await organiser.getByRole('link', { name: '打印海报（含二维码）' }).click();
    await organiser.waitForURL(/\/admin\/contests\/poster\//);
    const qr = organiser.getByRole('img', { name: /参赛二维码/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    expect(await organiser.locator('.poster-code').textContent()).toBe(code);
    expect(await organiser.locator('.poster-title').textContent()).toBe('梅岭小学防灾减灾日应急知识竞赛');
    await organiser.context().close();
  });

  test('a pupil joins from the QR link, answers, reloads without losing anything, hands in and gets a certificate — and no answer reaches the phone before that', async () => {
    const contest = await contestOfTeacher();
    const keys = contest.questions;
    const explanations = keys.map((q) => q.explanation);
    expect(explanations).toHaveLength(5);
    /** Gives the right answer to the question on screen, as a pupil who knows it would. */
    const answerRight = async () => {
      const stem = await pupil.locator('.question-stem').textContent();
      const key = keys.find((k) => k.stem === stem);
      if (!key) throw new Error(`no key for ${stem}`);
      const right = key.answer.map((i) => key.options[i]);
      const labels = pupil.locator('.option');
      for (let i = 0; i < (await labels.count()); i++) {
        const label = labels.nth(i);
        const want = right.includes((await label.locator('span').nth(1).textContent()) ?? '');
        if ((await label.locator('input').isChecked()) !== want) await label.click();
      }
    };
    const phone = await site.context(PHONE);
    const pupil = await phone.newPage();
    const watch = watchPage(pupil, site.url);
    const bodies: Array<{ url: string; text: string }> = [];
    pupil.on('response', (res) => {
      if (res.url().includes('/api/contests/'))
        void res.text().then(
          (text) => bodies.push({ url: res.url(), text }),
          () => undefined,
        );
    });
    await joinInBrowser(pupil, site.url, contest.code, '王小明', '三（1）班');
    await pupil.waitForURL(/\/contest\/play\/\?code=/);
    await pupil.getByRole('timer').waitFor({ timeout: 10_000 });
    // Answer the first question, wait until the server has it, then reload: the same attempt comes back.
    await pupil.locator('.option').first().click();
    await expect.poll(() => pupil.locator('.save-summary').textContent(), { timeout: 10_000 }).toBe('答案已全部保存');
    const firstStem = await pupil.locator('.question-stem').textContent();
    // Leaving a running contest asks first; here the pupil confirms.
    const asked: string[] = [];
    pupil.on('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await pupil.reload();
    expect(asked).toEqual(['beforeunload']);
    await expect.poll(() => pupil.locator('.question-stem').textContent(), { timeout: 10_000 }).toBe(firstStem);
    expect(await pupil.locator('.option input').first().isChecked()).toBe(true);
    expect(await pupil.getByRole('button', { name: '第 1 题，已答' }).count()).toBe(1);
    await answerRight();
    for (let n = 1; n < 5; n++) {
      await pupil.getByRole('button', { name: '下一题' }).click();
      await answerRight();
    }
    await expect.poll(() => pupil.locator('.progress').textContent(), { timeout: 10_000 }).toBe('已答 5/5');
    await expect.poll(() => pupil.locator('.save-summary').textContent(), { timeout: 10_000 }).toBe('答案已全部保存');
    const beforeSubmit = bodies.map((b) => b.text).join('\n');
    expect(bodies.length).toBeGreaterThanOrEqual(7);
    expect(explanations.filter((e) => beforeSubmit.includes(e))).toEqual([]);
    expect(beforeSubmit).not.toMatch(/"(answer|explanation|correct)"/);
    await pupil.getByRole('button', { name: '交卷', exact: true }).click();
    await pupil.getByRole('button', { name: '确定交卷' }).click();
    await pupil.getByRole('heading', { name: '你的成绩' }).waitFor({ timeout: 10_000 });
    expect(await pupil.getByText('（共 5 题）').count()).toBe(1);
    // After handing in, the right answers and explanations are shown (the check above could see them).
    await expect.poll(() => pupil.locator('.explanation').count(), { timeout: 10_000 }).toBe(5);
    // All right (100 of 100): a 合格证书 at once; a place waits for the close.
    const certificate = pupil.getByRole('article', { name: '合格证书：王小明' });
    expect(await certificate.textContent()).toContain('梅岭小学防灾减灾日应急知识竞赛');
    const certificateCode = /证书编号 ([\w-]+)/.exec((await certificate.textContent()) ?? '')?.[1] ?? '';
    expect(certificateCode).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect(await pupil.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await phone.close();
  });

  test('a name that only looks like 王小明 cannot start a second attempt from another phone', async () => {
    const contest = await contestOfTeacher();
    await handedInRight(site.url, contest, '王小明', '三（1）班');
    const other = await site.context(PHONE);
    const page = await other.newPage();
    // Spaces around and inside, a zero-width space, a word joiner, a variation selector: each looks like 王小明 on screen.
    for (const lookAlike of [' 王小明 ', '王 小明', '王小明\u200b', '王\u2060小明', '王小明\ufe00']) {
      await joinInBrowser(page, site.url, contest.code, lookAlike, '三（1）班');
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
        .toBe('你已经参加过本次竞赛了（每人限 1 次），不能再次答题。');
      expect(page.url()).toContain('/contest/join/');
    }
    await other.close();
  });

  test('the organiser sees the results, closes the contest and prints the certificates; anyone can verify one', async () => {
    const contest = await contestOfTeacher();
    // 王小明 answered all five right (100 of 100): a 合格证书 at once, whose code the 荣誉证书 keeps.
    const certificateCode = (await handedInRight(site.url, contest, '王小明', '三（1）班')).certificate.code;
    const { organiser, watch: organiserWatch } = await teacherAt(`/admin/contests/view/?id=${contest.id}`);
    await organiser.getByRole('cell', { name: '王小明' }).waitFor({ timeout: 10_000 });
    expect(
      await organiser
        .getByRole('table', { name: /各题难度/ })
        .getByRole('row')
        .count(),
    ).toBe(6);
    await organiser.getByRole('button', { name: '提前结束竞赛' }).click();
    await organiser.getByRole('button', { name: '确定提前结束' }).click();
    await expect.poll(() => organiser.getByText('竞赛已结束。').count(), { timeout: 10_000 }).toBe(1);
    await organiser.getByRole('link', { name: '打印证书' }).click();
    await organiser.waitForURL(/\/admin\/contests\/certificates\//);
    const honour = organiser.getByRole('article', { name: '荣誉证书：王小明' });
    await honour.waitFor({ timeout: 10_000 });
    expect(await honour.textContent()).toContain('成绩优异（100 分），荣获第 1 名');
    expect(await honour.textContent()).toContain('扬州市梅岭小学');
    // Printed, each certificate is one landscape A4 page (841.89 × 595.28 pt).
    const pdf = (await organiser.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes).toEqual([[expect.closeTo(841.89, 0), expect.closeTo(595.28, 0)]]);
    // Its QR code, read from the pixels as a phone would, opens the verification page of this certificate.
    const qr = honour.getByRole('img', { name: /查验二维码/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    const { data, info } = await sharp(await qr.screenshot())
      .flatten({ background: '#fff' })
      .extend({ top: 16, bottom: 16, left: 16, right: 16, background: '#fff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
    expect(decoded).toBe(`${site.url}/contest/certificate/?code=${certificateCode}`);
    const scanner = await site.page(PHONE);
    await scanner.goto(decoded ?? '');
    await scanner.getByRole('heading', { name: '✓ 证书有效' }).waitFor({ timeout: 10_000 });
    expect(await scanner.locator('.verified dd').first().textContent()).toBe('荣誉证书');
    await scanner.close();
    expect(organiserWatch.consoleErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);

    const visitor = await site.page(PHONE);
    await visitor.goto(`${site.url}/contest/certificate/`);
    await visitor.getByLabel(/证书编号/).fill(certificateCode.toLowerCase());
    await visitor.getByRole('button', { name: '查验' }).click();
    await visitor.getByRole('heading', { name: '✓ 证书有效' }).waitFor({ timeout: 10_000 });
    const shown = await visitor.locator('.verified dd').allTextContents();
    expect(shown).toEqual([
      '荣誉证书',
      '王小明',
      '梅岭小学防灾减灾日应急知识竞赛',
      '扬州市梅岭小学',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    await visitor.close();

    // Once it is over, the organiser puts it away; it moves under 已归档 in the list.
    await organiser.goto(`${site.url}/admin/contests/view/?id=${contest.id}`);
    await organiser.getByRole('button', { name: '归档', exact: true }).click();
    await expect.poll(() => organiser.getByText('已归档。').count(), { timeout: 10_000 }).toBe(1);
    await organiser.goto(`${site.url}/admin/contests/`);
    const archived = organiser.locator('details', { hasText: '已归档的竞赛（1）' });
    await archived.locator('summary').click();
    expect(await archived.getByRole('link', { name: '梅岭小学防灾减灾日应急知识竞赛' }).count()).toBe(1);
  });
});
