import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { contestDetailSchema, contestSummarySchema, type ContestInput } from '#api/contests/contract.ts';
import { CODE_ALPHABET } from '#api/contests/codes.ts';
import { auditLog } from '#api/db/schema.ts';
import { signedIn } from '../fixtures/accounts.ts';
import {
  answer,
  contestBody,
  createContest,
  errorOf,
  join,
  jsonInit,
  organiser,
  organiserApi,
  runningAttemptOf,
  started,
  type TestApp,
  organiserApp,
} from '#tests/api/contests-fixture.ts';

describe('organising a contest', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => ({ t, cookie } = await organiserApp()));
  afterAll(async () => t.cleanup());

  const actions = async () => (await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id))).map((e) => e.action);
  const post = (path: string, body: unknown, c = cookie) =>
    t.app.request(`/api/admin/contests${path}`, jsonInit('POST', body, { cookie: c }));
  const get = (path: string, c = cookie) => t.app.request(`/api/admin/contests${path}`, { headers: { cookie: c } });
  /** The organiser's list, through the typed client, checked against the contract. */
  const list = async (c = cookie) => z.array(contestSummarySchema).parse((await (await organiserApi(t, c).index.$get()).json()).contests);
  /** A created contest's body, checked against the contract. */
  const created = async (res: Response) => z.object({ contest: contestDetailSchema }).parse(await res.json()).contest;

  test('creates a contest for the organiser’s own unit with a six-character code without look-alike characters', async () => {
    const res = await post('', { ...contestBody(t), unitName: '别的学校' });
    expect(res.status).toBe(201);
    const contest = await created(res);
    expect(contest.unitName).toBe('扬州市梅岭小学');
    expect(contest.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(contest.joinUrl).toBe(`http://127.0.0.1:4321/contest/join/?code=${contest.code}`);
    expect(contest.questions).toHaveLength(10);
    expect(new Set(contest.questions.map((q) => q.category))).toEqual(new Set(['natural', 'accident']));
    expect(contest.questions.filter((q) => q.category === 'natural')).toHaveLength(5);
    expect(await actions()).toContain('contest.create');
  });

  test('explains in Chinese what is wrong with a contest it cannot create', async () => {
    const backwards = await post('', contestBody(t, { closesAt: t.clock.now - 120_000 }));
    expect(backwards.status).toBe(400);
    expect((await errorOf(backwards)).fields?.['closesAt']).toBe('结束时间应晚于开始时间');
    const noTeams = await post('', contestBody(t, { teams: [] }));
    expect((await errorOf(noTeams)).message).toContain('班级或社区');
    const tooMany = await post(
      '',
      contestBody(t, { selection: { mode: 'mix', count: 30, category: { social: 1 }, type: {}, difficulty: {} } as never }),
    );
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).message).toMatch(/社会安全事件.*只有 \d+ 道/);
  });

  test('keeps hand-picked questions in the organiser’s order and refuses ids not in the bank', async () => {
    const ids = ['rainstorm-001', 'home-fire-002', 'cpr-aed-001', 'earthquake-003', 'flood-001'];
    const picked = await createContest(t, cookie, {
      audience: '成人',
      shuffleQuestions: false,
      selection: { mode: 'picked', questionIds: ids },
    });
    expect(picked.questions.map((q) => q.questionId)).toEqual(ids);
    const bad = await post('', contestBody(t, { selection: { mode: 'picked', questionIds: [...ids.slice(0, 4), 'nope-999'] } }));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toContain('nope-999');
  });

  test('shows an organiser only their own unit’s contests, and an admin all of them', async () => {
    const other = await organiser(t, '扬州市东关街道', '321002');
    const theirs = await createContest(t, other, { title: '东关街道社区应急知识竞赛' });
    const mine = await list();
    expect(mine.map((c) => c.title)).not.toContain('东关街道社区应急知识竞赛');
    expect(mine.length).toBeGreaterThan(0);
    expect((await get(`/${theirs.id}`)).status).toBe(404);
    expect((await post(`/${theirs.id}/close`, {})).status).toBe(404);
    const admin = (await signedIn(t, ['admin'])).cookie;
    const all = await list(admin);
    expect(all.map((c) => c.title)).toContain('东关街道社区应急知识竞赛');
    expect(all.length).toBe(mine.length + 1);
  });

  test('lets an admin create a contest for a unit they name', async () => {
    const admin = (await signedIn(t, ['admin'])).cookie;
    const res = await post('', { ...contestBody(t), unitName: '扬州市汶河小学' }, admin);
    expect(res.status).toBe(201);
    expect((await created(res)).unitName).toBe('扬州市汶河小学');
    const none = await post('', contestBody(t), admin);
    expect(none.status).toBe(400);
    expect((await errorOf(none)).message).toContain('组织单位');
  });

  test('refuses an organiser without a unit, and staff without the organiser role', async () => {
    const noUnit = (await signedIn(t, ['organizer'])).cookie;
    const res = await post('', contestBody(t), noUnit);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toContain('所属单位');
    const publisher = (await signedIn(t, ['publisher'])).cookie;
    expect((await get('', publisher)).status).toBe(403);
  });

  test('serves the poster’s QR code as SVG for the join link', async () => {
    const contest = await createContest(t, cookie);
    const res = await get(`/${contest.id}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  test('closes early: running attempts end at once and later answers are refused; extending reopens it', async () => {
    const contest = await createContest(t, cookie);
    const body = await started(t, contest.code, { name: '王小明' });
    const closed = await post(`/${contest.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ status: 'closed' });
    expect((await answer(t, body.attempt.token, 0, [0])).status).toBe(409);
    expect((await join(t, contest.code, { name: '李小红' })).status).toBe(409);
    expect((await post(`/${contest.id}/close`, {})).status).toBe(409);
    const extended = await post(`/${contest.id}/extend`, { closesAt: t.clock.now + 3600_000 });
    expect(await extended.json()).toMatchObject({ status: 'open' });
    expect((await join(t, contest.code, { name: '李小红' })).status).toBe(201);
    expect((await post(`/${contest.id}/extend`, { closesAt: t.clock.now - 1 })).status).toBe(400);
    expect(await actions()).toEqual(expect.arrayContaining(['contest.close', 'contest.extend']));
  });

  test('gives a named participant extra time, before they join and while they answer (WCAG 2.2.1)', async () => {
    const contest = await createContest(t, cookie);
    const before = await post(`/${contest.id}/extra-time`, { name: '赵 小 军', team: '三（1）班', minutes: 10 });
    expect(await before.json()).toMatchObject({ ok: true, runningAttempts: 0 });
    const body = await started(t, contest.code, { name: '赵小军' });
    expect(body.attempt.remainingMs).toBe(30 * 60_000);
    const other = await started(t, contest.code, { name: '钱小华' });
    expect(other.attempt.remainingMs).toBe(20 * 60_000);
    t.clock.advance(25 * 60_000);
    const more = await post(`/${contest.id}/extra-time`, { name: '赵小军', team: '三（1）班', minutes: 15 });
    expect(await more.json()).toMatchObject({ runningAttempts: 1 });
    const view = { attempt: await runningAttemptOf(t, body.attempt.token) };
    expect(view.attempt.remainingMs).toBe(10 * 60_000);
    expect((await answer(t, other.attempt.token, 0, [0])).status).toBe(409);
    expect(await actions()).toContain('contest.extra_time');
  });

  test('changes display settings after creation and audits the change with before and after', async () => {
    const contest = await createContest(t, cookie);
    const res = await t.app.request(
      `/api/admin/contests/${contest.id}`,
      jsonInit('PATCH', { nameDisplay: 'full', honourTop: 5 }, { cookie }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      contest: { nameDisplay: 'full', honourTop: 5, revealAnswers: 'submit', title: contest.title },
    });
    const entry = (await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];
    expect(entry?.action).toBe('contest.update');
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({
      before: { nameDisplay: 'masked', honourTop: 3 },
      after: { nameDisplay: 'full', honourTop: 5 },
    });
  });

  test('deletes a contest nobody has joined, and refuses to delete one with participants', async () => {
    const empty = await createContest(t, cookie, {
      title: '删除测试：没人参加的竞赛',
      opensAt: t.clock.now + 3600_000,
      closesAt: t.clock.now + 7200_000,
    });
    const gone = await t.app.request(`/api/admin/contests/${empty.id}`, jsonInit('DELETE', undefined, { cookie }));
    expect(gone.status).toBe(200);
    expect((await get(`/${empty.id}`)).status).toBe(404);
    expect((await t.app.request(`/api/contests/join/${empty.code}`)).status).toBe(404);
    const left = await t.database.client.execute({
      sql: 'SELECT count(*) AS n FROM contest_questions WHERE contest_id = ?',
      args: [empty.id],
    });
    expect(Number(left.rows[0]?.['n'])).toBe(0);

    const busy = await createContest(t, cookie, { title: '删除测试：有人参加的竞赛' });
    await join(t, busy.code, { name: '孙小雨' });
    const refused = await t.app.request(`/api/admin/contests/${busy.id}`, jsonInit('DELETE', undefined, { cookie }));
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toContain('已经有人参加了这个竞赛，不能删除');
    expect((await get(`/${busy.id}`)).status).toBe(200);
    expect(await actions()).toContain('contest.delete');
  });

  test('withholds contest-only answers until the contest starts, and keeps a started contest from being deleted', async () => {
    const reserved = { mode: 'mix', count: 5, category: {}, type: {}, difficulty: {}, source: 'reserved' } as ContestInput['selection'];
    const later = await createContest(t, cookie, {
      title: '保密测试：明天开始的竞赛',
      selection: reserved,
      opensAt: t.clock.now + 86_400_000,
      closesAt: t.clock.now + 2 * 86_400_000,
    });
    expect(later.keysWithheld).toBe(5);
    expect(later.questions.map((q) => [q.answer, q.explanation])).toEqual(Array.from({ length: 5 }, () => [[], '']));
    expect(later.questions.every((q) => q.stem.length > 0 && q.options.length >= 2)).toBe(true);
    // Started: the organiser sees the answers, and the contest can no longer be deleted, though nobody joined.
    const now = await createContest(t, cookie, { title: '保密测试：已经开始的竞赛', selection: reserved });
    expect(now.keysWithheld).toBe(0);
    expect(now.questions.every((q) => q.answer.length > 0 && q.explanation.length > 0)).toBe(true);
    const refused = await t.app.request(`/api/admin/contests/${now.id}`, jsonInit('DELETE', undefined, { cookie }));
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toContain('竞赛专用题的答案');
    expect((await get(`/${now.id}`)).status).toBe(200);
    // Not started: deleting it goes through, and at no point were its answers sent.
    const gone = await t.app.request(`/api/admin/contests/${later.id}`, jsonInit('DELETE', undefined, { cookie }));
    expect(gone.status).toBe(200);
    expect(JSON.stringify(await gone.json())).not.toMatch(/answer|explanation/);
  });

  test('archives a contest only after it closes; the list marks it, and its board stays public', async () => {
    const contest = await createContest(t, cookie, { title: '归档测试竞赛' });
    const early = await post(`/${contest.id}/archive`, { archived: true });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).message).toContain('竞赛结束后才能归档');
    await post(`/${contest.id}/close`, {});
    expect((await post(`/${contest.id}/archive`, { archived: true })).status).toBe(200);
    const listed = (await list()).find((c) => c.id === contest.id);
    expect(listed?.archived).toBe(true);
    expect((await t.app.request(`/api/contests/board/${contest.code}`)).status).toBe(200);
    expect((await post(`/${contest.id}/archive`, { archived: 'yes' })).status).toBe(400);
    expect((await post(`/${contest.id}/archive`, { archived: false })).status).toBe(200);
    const back = (await list()).find((c) => c.id === contest.id);
    expect(back?.archived).toBe(false);
    expect(await actions()).toEqual(expect.arrayContaining(['contest.archive', 'contest.unarchive']));
  });

  test('draws a contest only from the contest-only questions when asked, and tells the organiser how many are public', async () => {
    const base = contestBody(t);
    const closed = await createContest(t, cookie, {
      selection: { ...(base.selection as { mode: 'mix'; count: number }), mode: 'mix', count: 20, source: 'reserved' } as never,
    });
    expect(closed.openQuestions).toBe(0);
    const open = await createContest(t, cookie, {
      selection: { ...(base.selection as { mode: 'mix'; count: number }), mode: 'mix', count: 20, source: 'all' } as never,
    });
    expect(open.openQuestions).toBeGreaterThan(0);
    const tooMany = await post('', {
      ...base,
      selection: { ...(base.selection as object), mode: 'mix', count: 100, source: 'reserved' },
    });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).message).toContain('或把题目来源改为“全部题库”');
  });
});
