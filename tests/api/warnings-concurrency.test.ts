import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../fixtures/accounts.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { createTestApp } from '../fixtures/app.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';

type App = Awaited<ReturnType<typeof createTestApp>>['app'];
/** What the typed client answers with: a status and a JSON body. */
type Answer<T> = { status: number; json(): Promise<T> };

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

  /** The publisher's desk in process `app`, signed in with `cookie`. */
  const desk = (app: App, cookie: string) => warningsApi(app, cookie).publisher;
  const draft = async () => (await (await desk(t.app, alice).index.$post({ json: rainstormInput(t.clock.now) })).json()).warning;
  const publish = (app: App, cookie: string, id: number) => desk(app, cookie)[':id'].publish.$post({ ...byId(id), json: {} });
  async function published() {
    const res = await publish(t.app, alice, (await draft()).id);
    expect(res.status).toBe(200);
    return (await res.json()).warning;
  }
  const liveOfEvent = async (ids: number[]) =>
    (await (await warningsApi(t.app).residents.index.$get({ query: {} })).json()).warnings.filter((w) => ids.includes(w.id));
  const update = (app: App, cookie: string, id: number, headline: string) =>
    desk(app, cookie)[':id'].update.$post({ ...byId(id), json: { warning: rainstormInput(t.clock.now, { headline }) } });
  const cancel = (app: App, cookie: string, id: number, json: { reason: string; allClear?: boolean }) =>
    desk(app, cookie)[':id'].cancel.$post({ ...byId(id), json });

  /** The two responses as [winner, loser]; fails unless exactly one succeeded and the other is a 409. */
  async function oneWins<W>(a: Promise<Answer<{ warning: W }>>, b: Promise<Answer<{ warning: W }>>) {
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [win, lose] = ra.status === 200 ? [ra, rb] : [rb, ra];
    return { winner: (await win.json()).warning, loser: apiErrorSchema.parse(await lose.json()) };
  }

  test('two publishers updating the same warning at once: one update goes out, the other gets a 409 linking to it', async () => {
    const first = await published();
    const { winner, loser } = await oneWins(
      update(t.app, alice, first.id, '扬州市气象台更新暴雨橙色预警（甲）'),
      update(other, bob, first.id, '扬州市气象台更新暴雨橙色预警（乙）'),
    );
    expect(loser.error.code).toBe('superseded');
    expect(loser.error.message).toContain('更新');
    expect(loser.error.current).toEqual({ id: winner.id, url: `/warnings/${winner.id}/` });
    const live = await liveOfEvent([first.id, winner.id, winner.id + 1, winner.id - 1]);
    expect(live.map((w) => w.id)).toEqual([winner.id]);
    // The losing follow-up is not left behind as a stray draft.
    const all = (await (await desk(t.app, alice).index.$get()).json()).warnings;
    expect(all.filter((w) => w.state === 'draft' && w.id > first.id)).toEqual([]);
  });

  test('an update and a cancel at once: exactly one of them happens', async () => {
    const first = await published();
    const { winner, loser } = await oneWins(
      update(t.app, alice, first.id, '扬州市气象台更新暴雨橙色预警信号'),
      cancel(other, bob, first.id, { reason: '降雨已明显减弱。', allClear: true }),
    );
    expect(loser.error.code).toBe('superseded');
    expect(loser.error.current?.id).toBe(winner.id);
    const old = (await (await warningsApi(t.app).residents[':id'].$get(byId(first.id))).json()).warning;
    expect(old.supersededBy).toBe(winner.id);
    expect(await liveOfEvent([first.id])).toEqual([]);
  });

  test('a double click on 发布 publishes once: one delivery job, one audit entry, a 409 for the second click', async () => {
    const { id } = await draft();
    const { winner, loser } = await oneWins(publish(t.app, alice, id), publish(other, alice, id));
    expect(winner.id).toBe(id);
    expect(loser.error.code).toBe('already_published');
    expect(loser.error.current?.url).toBe(`/warnings/${id}/`);
    expect((await desk(t.app, alice)[':id'].delivery.$get(byId(id))).status).toBe(200);
    const admin = await signedIn(t, ['admin']);
    const audit = await (await warningsApi(t.app, admin.cookie).audit.index.$get({ query: { action: 'warning.publish' } })).json();
    expect(audit.entries.filter((e) => e.target === `warning:${id}`)).toHaveLength(1);
  });

  test('cancelling twice at once: one cancel, and the second learns it was already cancelled', async () => {
    const first = await published();
    const { winner, loser } = await oneWins(
      cancel(t.app, alice, first.id, { reason: '信息有误，予以取消。' }),
      cancel(other, bob, first.id, { reason: '信息有误，予以取消。' }),
    );
    expect(winner.msgType).toBe('Cancel');
    expect(loser.error.message).toContain('解除');
    // Acting on the old message later is still a 409 with the link, never a 500.
    const late = await update(t.app, alice, first.id, '扬州市气象台更新暴雨橙色预警信号');
    expect(late.status).toBe(409);
    expect(apiErrorSchema.parse(await late.json()).error.current?.id).toBe(winner.id);
  });
});
