import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

type W = { id: number; active: boolean; supersededBy: number | null; state?: string; msgType: string };
type Err = { error: { code: string; message: string; current?: { id: number; url: string } } };
type App = Awaited<ReturnType<typeof createTestApp>>['app'];

// Each pair of requests goes to two API "processes" (own connection, own write queue) on one
// database, so only the database can decide which one wins.
describe('one live message per event', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let other: App;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    t = await createTestApp();
    other = await t.secondProcess();
    ({ cookie: alice } = await signedIn(t, ['publisher']));
    ({ cookie: bob } = await signedIn(t, ['publisher']));
  });
  afterAll(async () => t.cleanup());

  const post = (app: App, cookie: string, path: string, body: unknown) => app.request(path, jsonInit('POST', body, { cookie }));
  async function published(over = {}) {
    const draft = (await (await post(t.app, alice, '/api/admin/warnings', rainstormInput(t.clock.now, over))).json()) as { warning: W };
    const res = await post(t.app, alice, `/api/admin/warnings/${draft.warning.id}/publish`, {});
    expect(res.status).toBe(200);
    return ((await res.json()) as { warning: W }).warning;
  }
  const liveOfEvent = async (ids: number[]) =>
    ((await (await t.app.request('/api/warnings')).json()) as { warnings: W[] }).warnings.filter((w) => ids.includes(w.id));
  const update = (headline: string) => ({ warning: rainstormInput(t.clock.now, { headline }) });

  /** The two responses as [winner, loser]; fails unless exactly one succeeded and the other is a 409. */
  async function oneWins(a: Response | Promise<Response>, b: Response | Promise<Response>) {
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [win, lose] = ra.status === 200 ? [ra, rb] : [rb, ra];
    return { winner: ((await win.json()) as { warning: W }).warning, loser: (await lose.json()) as Err };
  }

  test('two publishers updating the same warning at once: one update goes out, the other gets a 409 linking to it', async () => {
    const first = await published();
    const { winner, loser } = await oneWins(
      post(t.app, alice, `/api/admin/warnings/${first.id}/update`, update('扬州市气象台更新暴雨橙色预警（甲）')),
      post(other, bob, `/api/admin/warnings/${first.id}/update`, update('扬州市气象台更新暴雨橙色预警（乙）')),
    );
    expect(loser.error.code).toBe('superseded');
    expect(loser.error.message).toContain('更新');
    expect(loser.error.current).toEqual({ id: winner.id, url: `/warnings/${winner.id}/` });
    const live = await liveOfEvent([first.id, winner.id, winner.id + 1, winner.id - 1]);
    expect(live.map((w) => w.id)).toEqual([winner.id]);
    // The losing follow-up is not left behind as a stray draft.
    const all = ((await (await t.app.request('/api/admin/warnings', { headers: { cookie: alice } })).json()) as { warnings: W[] }).warnings;
    expect(all.filter((w) => w.state === 'draft' && w.id > first.id)).toEqual([]);
  });

  test('an update and a cancel at once: exactly one of them happens', async () => {
    const first = await published();
    const { winner, loser } = await oneWins(
      post(t.app, alice, `/api/admin/warnings/${first.id}/update`, update('扬州市气象台更新暴雨橙色预警信号')),
      post(other, bob, `/api/admin/warnings/${first.id}/cancel`, { reason: '降雨已明显减弱。', allClear: true }),
    );
    expect(loser.error.code).toBe('superseded');
    expect(loser.error.current?.id).toBe(winner.id);
    const old = ((await (await t.app.request(`/api/warnings/${first.id}`)).json()) as { warning: W }).warning;
    expect(old.supersededBy).toBe(winner.id);
    expect(await liveOfEvent([first.id])).toEqual([]);
  });

  test('a double click on 发布 publishes once: one delivery job, one audit entry, a 409 for the second click', async () => {
    const draft = ((await (await post(t.app, alice, '/api/admin/warnings', rainstormInput(t.clock.now))).json()) as { warning: W }).warning;
    const { winner, loser } = await oneWins(
      post(t.app, alice, `/api/admin/warnings/${draft.id}/publish`, {}),
      post(other, alice, `/api/admin/warnings/${draft.id}/publish`, {}),
    );
    expect(winner.id).toBe(draft.id);
    expect(loser.error.code).toBe('already_published');
    expect(loser.error.current?.url).toBe(`/warnings/${draft.id}/`);
    expect((await t.app.request(`/api/admin/warnings/${draft.id}/delivery`, { headers: { cookie: alice } })).status).toBe(200);
    const admin = await signedIn(t, ['admin']);
    const audit = (await (
      await t.app.request('/api/admin/audit?action=warning.publish', { headers: { cookie: admin.cookie } })
    ).json()) as {
      entries: Array<{ target: string }>;
    };
    expect(audit.entries.filter((e) => e.target === `warning:${draft.id}`)).toHaveLength(1);
  });

  test('cancelling twice at once: one cancel, and the second learns it was already cancelled', async () => {
    const first = await published();
    const { winner, loser } = await oneWins(
      post(t.app, alice, `/api/admin/warnings/${first.id}/cancel`, { reason: '信息有误，予以取消。' }),
      post(other, bob, `/api/admin/warnings/${first.id}/cancel`, { reason: '信息有误，予以取消。' }),
    );
    expect(winner.msgType).toBe('Cancel');
    expect(loser.error.message).toContain('解除');
    // Acting on the old message later is still a 409 with the link, never a 500.
    const late = await post(t.app, alice, `/api/admin/warnings/${first.id}/update`, update('扬州市气象台更新暴雨橙色预警信号'));
    expect(late.status).toBe(409);
    expect(((await late.json()) as Err).error.current?.id).toBe(winner.id);
  });
});
