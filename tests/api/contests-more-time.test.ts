import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  answer,
  attemptOf,
  contestBody,
  createContest,
  createTestApp,
  errorOf,
  jsonInit,
  organiser,
  rightChoices,
  started,
  type TestApp,
} from './contests-fixture.ts';

// 我需要更多时间: the organiser lets participants (older residents above all) take more time once, near the end.
describe('more time for a participant who asks', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await organiser(t);
  });
  afterAll(async () => t.cleanup());

  const askMore = (token: string) => t.app.request(`/api/contests/attempts/${token}/more-time`, jsonInit('POST', {}));
  const view = (token: string) => attemptOf(t, token);

  test('extends the attempt once by the organiser’s minutes; answers in the added time count', async () => {
    const contest = await createContest(t, cookie, { audience: '成人', moreTimeMinutes: 5, teamMode: 'none', teams: [] });
    const body = await started(t, contest.code, { name: '周奶奶', team: '' });
    const token = body.attempt.token;
    expect(body.attempt.contest.moreTimeMs).toBe(5 * 60_000);
    expect(body.attempt.moreTimeTaken).toBe(false);
    const right = rightChoices(contest, body.attempt);
    expect((await answer(t, token, 0, right[0] ?? [])).status).toBe(200);
    t.clock.advance(19 * 60_000);
    const more = await askMore(token);
    expect(more.status).toBe(200);
    expect(await more.json()).toEqual({ remainingMs: 6 * 60_000 });
    const again = await askMore(token);
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'more_time_taken', message: expect.stringContaining('已经延长过') });
    const running = await view(token);
    expect(running).toMatchObject({ state: 'running', remainingMs: 6 * 60_000, moreTimeTaken: true });
    // Past the 20 minutes of the limit, inside the 5 added: still accepted.
    t.clock.advance(5 * 60_000);
    expect((await answer(t, token, 1, right[1] ?? [])).status).toBe(200);
    t.clock.advance(60_000);
    expect((await answer(t, token, 2, right[2] ?? [])).status).toBe(409);
    expect(await view(token)).toMatchObject({ state: 'finished', finishedBy: 'deadline', correct: 2, timeUsedMs: 25 * 60_000 });
  });

  test('refuses when the organiser offered none, or the time is up, and keeps the deadline', async () => {
    const contest = await createContest(t, cookie);
    const body = await started(t, contest.code, { name: '孙小华' });
    const token = body.attempt.token;
    expect(body.attempt.contest.moreTimeMs).toBe(0);
    const none = await askMore(token);
    expect(none.status).toBe(409);
    expect(await errorOf(none)).toMatchObject({ code: 'more_time_not_offered', message: expect.stringContaining('已答的题目都已保存') });
    expect(await view(token)).toMatchObject({ state: 'running', remainingMs: 20 * 60_000 });
    t.clock.advance(20 * 60_000);
    const late = await askMore(token);
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('time_up');
  });

  test('two taps at the same moment (two tabs) extend it once', async () => {
    const contest = await createContest(t, cookie, { moreTimeMinutes: 3 });
    const body = await started(t, contest.code, { name: '钱二' });
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => askMore(body.attempt.token)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(await view(body.attempt.token)).toMatchObject({ remainingMs: 23 * 60_000 });
  });

  test('the organiser extending the contest’s end keeps the more time a participant took', async () => {
    // Closes in 10 minutes: the attempt's deadline is cut to the close, then the organiser moves the close away.
    const contest = await createContest(t, cookie, { moreTimeMinutes: 5, closesAt: t.clock.now + 10 * 60_000 });
    const body = await started(t, contest.code, { name: '李三' });
    expect((await askMore(body.attempt.token)).status).toBe(200);
    expect(await view(body.attempt.token)).toMatchObject({ remainingMs: 15 * 60_000 });
    const extend = await t.app.request(
      `/api/admin/contests/${contest.id}/extend`,
      jsonInit('POST', { closesAt: t.clock.now + 3600_000 }, { cookie }),
    );
    expect(extend.status).toBe(200);
    expect(await view(body.attempt.token)).toMatchObject({ remainingMs: 25 * 60_000 });
  });

  test('refuses a limit the form should not send, in Chinese', async () => {
    for (const moreTimeMinutes of [-1, 61, 2.5]) {
      const res = await t.app.request('/api/admin/contests', jsonInit('POST', contestBody(t, { moreTimeMinutes }), { cookie }));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/延长/);
    }
  });

  test('any token in the path gets a clear 4xx, never a 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 90 }), async (token) => {
        const res = await askMore(encodeURIComponent(token) || '%20');
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect((await errorOf(res)).message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { seed: 20261205, numRuns: 40 },
    );
  });
});
