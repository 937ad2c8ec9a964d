import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { liveSnapshotSchema, type LiveSnapshot } from '#api/contests/contract.ts';
import {
  answer,
  attemptOf,
  createContest,
  errorOf,
  join,
  jsonInit,
  organiser,
  rightChoices,
  started,
  submit,
  type TestApp,
  organiserApp,
} from '#tests/api/contests-fixture.ts';

/** Reads server-sent events from a streaming response, one snapshot at a time. */
function eventReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<LiveSnapshot> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (block.includes('event: snapshot') && data) return liveSnapshotSchema.parse(JSON.parse(data));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('the projector’s live stream', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => ({ t, cookie } = await organiserApp()));
  afterAll(async () => t.cleanup());

  test('carries joins, hand-ins and the board as they happen, with names as the organiser chose', async () => {
    const contest = await createContest(t, cookie, { teamMode: 'none', teams: [] });
    const res = await t.app.request(`/api/admin/contests/${contest.id}/stream`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = eventReader(res);
    expect(await events.next()).toMatchObject({ status: 'open', joined: 0, finished: 0, names: [], board: [] });
    const pupils = [];
    for (const name of ['王小明', '李小红', '张伟']) {
      pupils.push((await started(t, contest.code, { name, team: '' })).attempt);
      // Each join reaches the projector in a later snapshot.
      let s = await events.next();
      while (s.joined < pupils.length) s = await events.next();
      expect(s.joined).toBe(pupils.length);
    }
    const [first] = pupils;
    if (!first) throw new Error('no pupil');
    const right = rightChoices(contest, first);
    for (const q of first.questions) await answer(t, first.token, q.n, right[q.n] ?? []);
    await submit(t, first.token);
    let s = await events.next();
    while (s.finished < 1) s = await events.next();
    expect(s).toMatchObject({ joined: 3, finished: 1, namesShown: true });
    expect(s.names.map((n) => n.name)).toEqual(['王*明', '李*红', '张*']);
    expect(s.board).toEqual([{ rank: 1, name: '王*明', team: '', score: 100, timeUsedMs: 0 }]);
    await events.cancel();
  });

  test('is for the organiser of the contest only', async () => {
    const contest = await createContest(t, cookie);
    expect((await t.app.request(`/api/admin/contests/${contest.id}/stream`)).status).toBe(401);
    const other = await organiser(t, '扬州市育才小学', '321002');
    expect((await t.app.request(`/api/admin/contests/${contest.id}/stream`, { headers: { cookie: other } })).status).toBe(404);
  });

  test('starts a scheduled contest now, once', async () => {
    const contest = await createContest(t, cookie, { opensAt: t.clock.now + 3600_000, closesAt: t.clock.now + 7200_000 });
    expect((await join(t, contest.code, { name: '早到' })).status).toBe(409);
    const open = await t.app.request(`/api/admin/contests/${contest.id}/open`, jsonInit('POST', {}, { cookie }));
    expect(open.status).toBe(200);
    expect(await open.json()).toMatchObject({ status: 'open', opensAt: t.clock.now });
    expect((await join(t, contest.code, { name: '早到' })).status).toBe(201);
    const again = await t.app.request(`/api/admin/contests/${contest.id}/open`, jsonInit('POST', {}, { cookie }));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toContain('已经开始');
  });

  test('lets participants join and wait in the last half hour before the start, then starts them all with the contest', async () => {
    const contest = await createContest(t, cookie, { opensAt: t.clock.now + 10 * 60_000, closesAt: t.clock.now + 7200_000 });
    const joined = await join(t, contest.code, { name: '等候甲' });
    expect(joined.status).toBe(201);
    expect(joined.body?.attempt).toMatchObject({ state: 'waiting', startsInMs: 10 * 60_000 });
    expect(joined.text).not.toContain('"questions"');
    const token = joined.body?.attempt.token ?? '';
    // Nothing can be answered or handed in before the start.
    const early = await answer(t, token, 0, [0]);
    expect(early.status).toBe(409);
    expect(await errorOf(early)).toMatchObject({ code: 'not_started' });
    const handIn = await t.app.request(`/api/contests/attempts/${token}/submit`, jsonInit('POST', {}));
    expect(handIn.status).toBe(409);
    t.clock.advance(5 * 60_000);
    const open = await t.app.request(`/api/admin/contests/${contest.id}/open`, jsonInit('POST', {}, { cookie }));
    expect(open.status).toBe(200);
    const view = { attempt: await attemptOf(t, token) };
    // Started by the organiser five minutes early, with the full 20 minutes from now.
    expect(view.attempt).toMatchObject({ state: 'running', remainingMs: 20 * 60_000 });
    expect((await answer(t, token, 0, [0])).status).toBe(200);
  });

  test('refuses to join more than half an hour before the start, saying when to come', async () => {
    const contest = await createContest(t, cookie, { opensAt: t.clock.now + 31 * 60_000, closesAt: t.clock.now + 7200_000 });
    const early = await join(t, contest.code, { name: '太早' });
    expect(early.status).toBe(409);
    expect(early.error?.message).toContain('开始前半小时可以先加入等候');
  });
});
