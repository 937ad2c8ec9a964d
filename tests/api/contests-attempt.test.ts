import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contestPublicSchema, type AttemptRunning, type ContestDetail } from '#api/contests/contract.ts';
import {
  answer,
  attemptOf,
  createContest,
  createTestApp,
  errorOf,
  join,
  jsonInit,
  newDevice,
  organiser,
  organiserApp,
  participantApi,
  rightChoices,
  runningAttemptOf,
  started,
  submit,
  TEAMS,
  type TestApp,
} from './contests-fixture.ts';

describe('a participant’s attempt', () => {
  let t: TestApp;
  let cookie: string;
  let contest: ContestDetail;
  beforeAll(async () => {
    ({ t, cookie } = await organiserApp());
    contest = await createContest(t, cookie);
  });
  afterAll(async () => t.cleanup());

  test('joins with the code in any case and gets questions without answers, in its own shuffled order', async () => {
    const a = await started(t, contest.code.toLowerCase(), { name: '王小明' });
    const b = await started(t, contest.code, { name: '李小红' });
    expect(a.status).toBe(201);
    expect(a.text).not.toMatch(/"answer"|"explanation"|"correct"/);
    expect(a.attempt.questions).toHaveLength(10);
    expect(a.attempt.remainingMs).toBe(20 * 60_000);
    const orderA = a.attempt.questions.map((q) => q.stem).join('|');
    const orderB = b.attempt.questions.map((q) => q.stem).join('|');
    const sameSet = (x: string) => x.split('|').sort().join('|');
    expect(sameSet(orderA)).toBe(sameSet(orderB));
    // 10! orders: two participants with the same one would mean no shuffling.
    expect(orderA).not.toBe(orderB);
  });

  test('refuses an unknown code, a team not on the list and a missing name, in Chinese', async () => {
    const bad = await join(t, 'AAAAAA', { name: '张三' });
    expect(bad.status).toBe(404);
    expect(bad.error?.message).toContain('没有找到这个竞赛码');
    const team = await join(t, contest.code, { name: '张三', team: '五（9）班' });
    expect(team.status).toBe(400);
    expect(team.error?.message).toContain('名单');
    const noName = await join(t, contest.code, { name: ' ' });
    expect(noName.status).toBe(400);
  });

  test('saves each answer as given, idempotently, and an older retry never overwrites a newer answer', async () => {
    const body = await started(t, contest.code, { name: '赵一' });
    const token = body.attempt.token;
    expect((await answer(t, token, 0, [1], 100)).status).toBe(200);
    expect((await answer(t, token, 0, [1], 100)).status).toBe(200);
    expect((await answer(t, token, 0, [0], 300)).status).toBe(200);
    const late = await answer(t, token, 0, [1], 200);
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ saved: true, stale: true });
    const again = { attempt: await runningAttemptOf(t, token) };
    expect(again.attempt.saved[0]).toEqual({ choice: [0], rev: 300 });
  });

  test('refuses two options for a single-choice question and an option that does not exist', async () => {
    const body = await started(t, contest.code, { name: '赵二' });
    const n = body.attempt.questions.findIndex((q) => q.type !== 'multiple');
    const two = await answer(t, body.attempt.token, n, [0, 1]);
    expect(two.status).toBe(400);
    expect((await errorOf(two)).message).toContain('只能选一个');
    expect((await answer(t, body.attempt.token, n, [4])).status).toBe(400);
    expect((await answer(t, body.attempt.token, 42, [0])).status).toBe(404);
  });

  test('resumes the same attempt after a reload or from a second tab, and on joining again from the same device', async () => {
    const device = newDevice();
    const first = await started(t, contest.code, { name: '钱二', device });
    const token = first.attempt.token;
    await answer(t, token, 3, [0]);
    t.clock.advance(5 * 60_000);
    const reload = { attempt: await runningAttemptOf(t, token) };
    expect(reload.attempt.state).toBe('running');
    expect(reload.attempt.saved[3]?.choice).toEqual([0]);
    expect(reload.attempt.remainingMs).toBe(15 * 60_000);
    const rejoin = await started(t, contest.code, { name: '钱二', device });
    expect(rejoin.status).toBe(200);
    expect(rejoin.resumed).toBe(true);
    expect(rejoin.attempt.token).toBe(token);
    expect(rejoin.attempt.questions.map((q) => q.stem)).toEqual(first.attempt.questions.map((q) => q.stem));
    const elsewhere = await join(t, contest.code, { name: '钱二' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.error?.message).toContain('另一台设备');
  });

  test('refuses a second attempt by the same person, and a second person on the same device', async () => {
    const device = newDevice();
    const body = await started(t, contest.code, { name: '孙三', device });
    await submit(t, body.attempt.token);
    const again = await join(t, contest.code, { name: '孙三', device: newDevice() });
    expect(again.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'no_attempts_left' });
    expect(again.error?.message).toContain('已经参加过');
    const friend = await join(t, contest.code, { name: '周四', device });
    expect(friend.status).toBe(409);
    expect(friend.error?.message).toContain('孙*');
  });

  test('refuses a second attempt under a name that only looks different', async () => {
    const body = await started(t, contest.code, { name: '陈 Xiao Li' });
    await submit(t, body.attempt.token);
    for (const name of ['陈\u200BXiao Li', '\uFEFF陈 xiao li ', '陈 ＸＩＡＯ ＬＩ', '陈\u00A0Xiao\u2060Li', '\u3000陈Xiao\u200DLi']) {
      const again = await join(t, contest.code, { name });
      expect(again.status, name).toBe(409);
      expect(again.error?.code).toBe('no_attempts_left');
    }
  });

  test('starts only one attempt when the same person joins twice at the same moment', async () => {
    const both = await Promise.all([join(t, contest.code, { name: '同时甲' }), join(t, contest.code, { name: '同时甲' })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await t.database.client.execute({ sql: 'SELECT count(*) AS n FROM contest_attempts WHERE name = ?', args: ['同时甲'] });
    expect(Number(rows.rows[0]?.['n'])).toBe(1);
  });

  test('closes the attempt at its deadline on the server: later answers are refused and the score counts what was saved', async () => {
    const body = await started(t, contest.code, { name: '吴五', team: TEAMS[1] });
    const token = body.attempt.token;
    const right = rightChoices(contest, body.attempt);
    expect((await answer(t, token, 0, right[0] ?? [])).status).toBe(200);
    t.clock.advance(20 * 60_000 - 1);
    expect((await answer(t, token, 1, right[1] ?? [])).status).toBe(200);
    t.clock.advance(1);
    const late = await answer(t, token, 2, right[2] ?? []);
    expect(late.status).toBe(409);
    const err = { error: await errorOf(late) };
    expect(err.error.code).toBe('time_up');
    expect(err.error.message).toContain('答题时间已到');
    const view = { attempt: await attemptOf(t, token) };
    expect(view.attempt).toMatchObject({
      state: 'finished',
      finishedBy: 'deadline',
      correct: 2,
      total: 10,
      score: 20,
      timeUsedMs: 20 * 60_000,
    });
  });

  test('refuses answers after submitting, with its own message', async () => {
    const body = await started(t, contest.code, { name: '郑六' });
    await submit(t, body.attempt.token);
    const res = await answer(t, body.attempt.token, 0, [0]);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('已经交卷');
  });

  test('slows down an address that keeps guessing join codes, even for a right code afterwards', async () => {
    const guess = (code: string) => t.app.request(`/api/contests/join/${code}`, { headers: { 'x-test-client': 'guesser' } });
    for (let i = 0; i < 60; i++) expect((await guess('AAAAAA')).status).toBe(404);
    const blocked = await guess(contest.code);
    expect(blocked.status).toBe(429);
    expect((await errorOf(blocked)).message).toContain('输错竞赛码的次数太多');
    expect((await t.app.request(`/api/contests/join/${contest.code}`, { headers: { 'x-test-client': 'someone-else' } })).status).toBe(200);
  });

  test('holds the join-code limit when a burst of guesses arrives at once', async () => {
    const guess = (code: string) => t.app.request(`/api/contests/join/${code}`, { headers: { 'x-test-client': 'burst' } });
    // 90 wrong codes and the right one, all in flight together: only 60 guesses may be answered.
    const codes = [...Array.from({ length: 45 }, () => 'AAAAAA'), contest.code, ...Array.from({ length: 45 }, () => 'CCCCCC')];
    const statuses = (await Promise.all(codes.map(guess))).map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(codes.length - 60 - statuses.filter((s) => s === 200).length);
    expect((await guess(contest.code)).status).toBe(429);
  });

  // A hall's join wave reaches the server before the contest has been read: one lookup serves every join
  // that arrives meanwhile, and what it cannot serve (an unknown code, an address over its limit) each
  // join looks up and is counted for itself.
  test('gives every pupil of a hall joining at the same moment their own attempt', async () => {
    const hall = await createContest(t, cookie);
    const joins = await Promise.all(Array.from({ length: 60 }, (_, i) => join(t, hall.code, { name: `礼堂${i}` }, 'hall')));
    expect(joins.map((j) => j.status)).toEqual(joins.map(() => 201));
    expect(new Set(joins.map((j) => j.body?.attempt.token)).size).toBe(60);
    const rows = await t.database.client.execute({
      sql: 'SELECT count(*) AS n FROM contest_attempts WHERE contest_id = ?',
      args: [hall.id],
    });
    expect(Number(rows.rows[0]?.['n'])).toBe(60);
  });

  test('shows the contest to a hall scanning the poster at the same moment', async () => {
    const hall = await createContest(t, cookie, { title: '礼堂扫码竞赛' });
    const scans = await Promise.all(
      Array.from({ length: 60 }, () => participantApi(t, 'scan').join[':code'].$get({ param: { code: hall.code } })),
    );
    const titles = await Promise.all(
      scans.map(async (r) => (r.status === 200 ? contestPublicSchema.parse((await r.json()).contest).title : r.status)),
    );
    expect(titles).toEqual(scans.map(() => '礼堂扫码竞赛'));
  });

  test('counts every wrong code in a burst of joins, and refuses the rest', async () => {
    const wrong = await Promise.all(Array.from({ length: 90 }, (_, i) => join(t, 'DDDDDD', { name: `猜码${i}` }, 'join-burst')));
    expect(wrong.filter((j) => j.status === 404)).toHaveLength(60);
    expect(wrong.filter((j) => j.status === 429)).toHaveLength(30);
    expect((await join(t, contest.code, { name: '猜码之后' }, 'join-burst')).status).toBe(429);
  });

  test.each([
    ['first', 0],
    ['among them', 10],
  ])('lets a school join while an address over its wrong-code limit, joining %s, is refused', async (_, at) => {
    const hall = await createContest(t, cookie);
    const guesser = `over-limit-${at}`;
    for (let i = 0; i < 60; i++) expect((await join(t, 'EEEEEE', { name: '猜码' }, guesser)).status).toBe(404);
    const who = Array.from({ length: 20 }, (_, i) => (i === at ? guesser : 'school'));
    const joins = await Promise.all(who.map((client, i) => join(t, hall.code, { name: `同校${at}-${i}` }, client)));
    expect(joins.map((j) => j.status)).toEqual(who.map((client) => (client === guesser ? 429 : 201)));
  });

  test('refuses a forged or unknown attempt token', async () => {
    const res = await t.app.request('/api/contests/attempts/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toContain('没有找到你的答题记录');
  });

  test('refuses joining before the contest opens and after it closes', async () => {
    const later = await createContest(t, cookie, { opensAt: t.clock.now + 3600_000, closesAt: t.clock.now + 7200_000 });
    const early = await join(t, later.code, { name: '冯七' });
    expect(early.status).toBe(409);
    expect(early.error?.message).toContain('还没开始');
    t.clock.advance(3 * 3600_000);
    const closed = await join(t, later.code, { name: '冯七' });
    expect(closed.status).toBe(409);
    expect(closed.error?.message).toContain('已经结束');
  });
});

describe('the answer key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.cleanup());

  /** Every key/value in a JSON body, flattened. */
  function walk(value: unknown, out: Array<[string, unknown]> = [], key = ''): Array<[string, unknown]> {
    if (Array.isArray(value)) value.forEach((v) => walk(v, out, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, out, k);
    else out.push([key, value]);
    return out;
  }

  test('never reaches the participant before submitting, in any response of the attempt', async () => {
    const cookie = await organiser(t);
    const contest = await createContest(t, cookie, {
      revealAnswers: 'submit',
      selection: { mode: 'mix', count: 20, category: {}, type: { single: 1, multiple: 1, truefalse: 1 }, difficulty: {} } as never,
    });
    const bodies: Array<{ what: string; text: string }> = [];
    const record = async (what: string, res: Response) => {
      bodies.push({ what, text: await res.text() });
      return JSON.parse(bodies[bodies.length - 1]?.text ?? 'null') as unknown;
    };
    await record('lookup', await t.app.request(`/api/contests/join/${contest.code}`));
    const device = newDevice();
    const joinBody = { name: '陈同学', team: TEAMS[0], className: '', studentNo: '', deviceToken: device };
    const joined = (await record('join', await t.app.request(`/api/contests/join/${contest.code}`, jsonInit('POST', joinBody)))) as {
      attempt: AttemptRunning;
    };
    const token = joined.attempt.token;
    const right = rightChoices(contest, joined.attempt);
    for (const q of joined.attempt.questions) {
      await record(`answer ${q.n}`, await answer(t, token, q.n, (right[q.n] ?? []).slice(0, q.type === 'multiple' ? 5 : 1)));
      await record(`reload ${q.n}`, await t.app.request(`/api/contests/attempts/${token}`));
    }
    await record('rejoin', await t.app.request(`/api/contests/join/${contest.code}`, jsonInit('POST', joinBody)));
    await record('board', await t.app.request(`/api/contests/board/${contest.code}`));
    expect(bodies.length).toBeGreaterThan(40);
    const explanations = contest.questions.map((q) => q.explanation);
    const leaks: string[] = [];
    for (const { what, text } of bodies) {
      for (const e of explanations) if (text.includes(e)) leaks.push(`${what}: explanation`);
      for (const [k] of walk(JSON.parse(text)))
        if (/^(answer|answers|correct|right|explanation|key)$/i.test(k)) leaks.push(`${what}: field ${k}`);
    }
    expect(leaks).toEqual([]);
    // After submitting, the right answers and explanations are shown (the control: the check above can see them).
    const done = await submit(t, token);
    expect(done.score).toBe(100);
    expect(done.review?.[0]?.explanation).toBeTruthy();
  });

  test('is withheld after submitting until the contest closes when the organiser chose so', async () => {
    const cookie = await organiser(t, '扬州市汶河小学');
    const contest = await createContest(t, cookie, { revealAnswers: 'close' });
    const body = await started(t, contest.code, { name: '林同学' });
    const done = await submit(t, body.attempt.token);
    expect(done.review).toBeNull();
    expect(done.reviewAt).toBe(contest.closesAt);
    expect(JSON.stringify(done)).not.toMatch(/"explanation"/);
    t.clock.advance(3 * 3600_000);
    const later = { attempt: await attemptOf(t, body.attempt.token) };
    expect(later.attempt.state === 'finished' && later.attempt.review?.length).toBe(10);
  });
});
