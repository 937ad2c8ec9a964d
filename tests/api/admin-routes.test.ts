import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '#api/accounts/roles.ts';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { testClientOf } from '../fixtures/client.ts';
import { png } from '../fixtures/images.ts';
import type { adminCampaigns } from '#api/ideas/admin-campaigns.ts';
import { createContest } from './contests-fixture.ts';
import { ideaInput, moderator, openCampaign, publishedIdea, submitIdea } from './ideas-fixture.ts';

describe('every /api/admin route', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let routes: Array<{ method: string; path: string }>;
  beforeAll(async () => {
    t = await createTestApp();
    // Taken from the router itself, so a route added later is covered without anyone listing it.
    const seen = new Set<string>();
    routes = t.app.routes
      .filter((r) => r.path.startsWith('/api/admin/') && r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, '1') }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  });
  afterAll(async () => t.cleanup());

  const call = (r: { method: string; path: string }, cookie?: string) =>
    t.app.request(r.path, r.method === 'GET' ? { headers: cookie ? { cookie } : {} } : jsonInit(r.method, {}, cookie ? { cookie } : {}));

  test('the router has admin routes to check', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
  });

  test('answers 401 without a session', async () => {
    const wrong = [];
    for (const r of routes) {
      const res = await call(r);
      if (res.status !== 401) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test('answers 403 to a session without the role', async () => {
    const { cookie } = await signedIn(t, []);
    const wrong = [];
    for (const r of routes) {
      const res = await call(r, cookie);
      if (res.status !== 403) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

/** What each path parameter stands for, from the segment before it. */
const KIND_BY_SEGMENT: Record<string, Kind> = {
  accounts: 'account',
  warnings: 'warning',
  'warning-templates': 'hazard',
  ideas: 'idea',
  campaigns: 'campaign',
  judging: 'idea',
  contests: 'contest',
  // CAP source feeds: only admins change them, so every staff role is refused each one.
  feeds: 'feed',
};
type Kind = 'account' | 'warning' | 'hazard' | 'idea' | 'campaign' | 'contest' | 'feed';
type StaffRole = Exclude<Role, 'admin'>;
const STAFF_ROLES: StaffRole[] = ['publisher', 'moderator', 'judge', 'organizer'];

/** The parameters of a route template, each with the kind of object it names. */
function paramsOf(template: string): Array<{ name: string; kind: Kind | undefined }> {
  const segments = template.split('/');
  return segments.flatMap((s, i) => {
    const m = /^:(\w+)/.exec(s);
    return m?.[1] ? [{ name: m[1], kind: KIND_BY_SEGMENT[segments[i - 1] ?? ''] }] : [];
  });
}

describe('object-level access on every /api/admin route, for every role', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let templates: Array<{ method: string; template: string }>;
  /** Per role: a signed-in cookie, the objects it may reach, the ones it may not, and text it must never see. */
  const who = {} as Record<
    StaffRole,
    { cookie: string; own: Partial<Record<Kind, string>>; foreign: Record<Kind, string[]>; secrets: string[] }
  >;
  const T = {
    campaignA: '甲活动（本评审组）',
    campaignB: '乙活动（其他评审组）',
    a1: '甲组已公开的金点子',
    a2: '甲组尚未审核的金点子',
    b1: '乙组已公开的金点子',
    contestX: '梅岭小学应急知识竞赛',
    contestY: '汶河小学应急知识竞赛',
  };
  let ids: Record<'A' | 'B' | 'a1' | 'a2' | 'b1' | 'cX' | 'cY' | 'account', string>;
  beforeAll(async () => {
    t = await createTestApp();
    const seen = new Set<string>();
    templates = t.app.routes
      .filter((r) => r.path.startsWith('/api/admin/') && r.method !== 'ALL')
      .map((r) => ({ method: r.method, template: r.path }))
      .filter((r) => !seen.has(`${r.method} ${r.template}`) && seen.add(`${r.method} ${r.template}`));
    // Two campaigns; the judge sits on A's panel only. A has a published and an unmoderated idea, B a published one; all with photos.
    const { campaignId: A, admin } = await openCampaign(t, { title: T.campaignA });
    const { campaignId: B } = await openCampaign(t, { title: T.campaignB });
    const photo = (await png()).toString('base64');
    const a1 = await publishedIdea(t, A, { title: T.a1, photo }, 'resident-a1');
    const b1 = await publishedIdea(t, B, { title: T.b1, photo }, 'resident-b1');
    const a2res = await submitIdea(t, ideaInput(A, { title: T.a2, photo }), 'resident-a2');
    if (a2res.status !== 201) throw new Error(`submit: ${a2res.status} ${await a2res.text()}`);
    const a2 = await a2res.json();
    for (const [c, i] of [
      [A, a1.id],
      [B, b1.id],
    ] as const)
      await admin.send('PUT', `/api/admin/campaigns/${c}/shortlist`, { ideaIds: [i], shortlisted: true });
    const judge = await signedIn(t, ['judge']);
    await admin.send('PUT', `/api/admin/campaigns/${A}/judges`, { accountIds: [judge.account.id] });
    const orgX = await signedIn(t, ['organizer'], { unitName: '扬州市梅岭小学', unitDistrict: '321002' });
    const orgY = await signedIn(t, ['organizer'], { unitName: '扬州市汶河小学', unitDistrict: '321002' });
    const cX = await createContest(t, orgX.cookie, { title: T.contestX });
    const cY = await createContest(t, orgY.cookie, { title: T.contestY });
    const publisher = await signedIn(t, ['publisher']);
    const mod = await moderator(t);
    ids = {
      A: `${A}`,
      B: `${B}`,
      a1: `${a1.id}`,
      a2: `${a2.id}`,
      b1: `${b1.id}`,
      cX: `${cX.id}`,
      cY: `${cY.id}`,
      account: `${judge.account.id}`,
    };
    const everything: Record<Kind, string[]> = {
      account: [ids.account],
      warning: ['1'],
      hazard: ['rainstorm'],
      idea: [ids.a1, ids.a2, ids.b1],
      campaign: [ids.A, ids.B],
      contest: [ids.cX, ids.cY],
      feed: ['1'],
    };
    const ideaTitles = [T.campaignA, T.campaignB, T.a1, T.a2, T.b1];
    who.publisher = {
      cookie: publisher.cookie,
      own: { warning: '1', hazard: 'rainstorm' },
      foreign: { ...everything, warning: [], hazard: [] },
      secrets: [...ideaTitles, T.contestX, T.contestY],
    };
    who.moderator = { cookie: mod.cookie, own: { idea: ids.a1 }, foreign: { ...everything, idea: [] }, secrets: [T.contestX, T.contestY] };
    who.judge = {
      cookie: judge.cookie,
      own: { campaign: ids.A, idea: ids.a1 },
      // Another panel's campaign and idea, and an idea of its own campaign that has not passed moderation.
      foreign: { ...everything, campaign: [ids.B], idea: [ids.b1, ids.a2] },
      secrets: [T.campaignB, T.b1, T.a2, T.contestX, T.contestY],
    };
    who.organizer = {
      cookie: orgX.cookie,
      own: { contest: ids.cX },
      foreign: { ...everything, contest: [ids.cY] },
      secrets: [...ideaTitles, T.contestY],
    };
  });
  afterAll(async () => t.cleanup());

  /** Bodies that pass validation, so that the object check itself is what answers. */
  const validBodies: Record<string, unknown> = {
    'POST /api/admin/campaigns/:id{[0-9]+}/judging/:ideaId{[0-9]+}': { scores: { innovation: 6, feasibility: 6, benefit: 6 } },
  };
  const call = (method: string, path: string, template: string, cookie: string) =>
    t.app.request(
      path,
      method === 'GET' ? { headers: { cookie } } : jsonInit(method, validBodies[`${method} ${template}`] ?? {}, { cookie }),
    );
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => values[name] ?? '1');

  test('knows what every path parameter stands for', () => {
    const unknown = templates.flatMap((r) =>
      paramsOf(r.template)
        .filter((p) => !p.kind)
        .map((p) => `${r.template} :${p.name}`),
    );
    expect(unknown, 'add the segment before the parameter to KIND_BY_SEGMENT').toEqual([]);
  });

  test('refuses every role an object outside its reach, and never shows it one', async () => {
    const wrong: string[] = [];
    for (const role of STAFF_ROLES) {
      const me = who[role];
      for (const { method, template } of templates) {
        const params = paramsOf(template);
        const own = Object.fromEntries(params.map((p) => [p.name, (p.kind && me.own[p.kind]) ?? (p.kind ? everythingOf(p.kind) : '1')]));
        // Each parameter in turn set to each object the role may not reach; the others to its own.
        const cases = params.flatMap((p) => (p.kind ? me.foreign[p.kind] : []).map((id) => ({ ...own, [p.name]: id })));
        if (!params.length) cases.push({});
        for (const values of cases) {
          const path = fill(template, values);
          const res = await call(method, path, template, me.cookie);
          const text = await res.text();
          if (params.length && res.status < 400) wrong.push(`${role} ${method} ${path} → ${res.status}`);
          const leaked = me.secrets.filter((s) => text.includes(s));
          if (leaked.length) wrong.push(`${role} ${method} ${path} shows ${leaked.join('、')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    function everythingOf(kind: Kind): string {
      return { account: ids.account, warning: '1', hazard: 'rainstorm', idea: ids.a1, campaign: ids.A, contest: ids.cX, feed: '1' }[kind];
    }
  });

  test('lets each role reach its own objects (so the refusals above are about the object, not the role)', async () => {
    const judge = who.judge.cookie;
    const photo = await t.app.request(`/api/admin/ideas/${ids.a1}/photo`, { headers: { cookie: judge } });
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/png']);
    const campaigns = testClientOf<typeof adminCampaigns>(t.app, '/api/admin/campaigns', { cookie: judge });
    const sheet = await campaigns[':id{[0-9]+}'].judging.$get({ param: { id: ids.A } });
    if (sheet.status !== 200) throw new Error(`judging sheet: ${sheet.status}`);
    expect((await sheet.json()).ideas.map((i) => i.title)).toEqual([T.a1]);
    const list = await campaigns.index.$get();
    if (list.status !== 200) throw new Error(`campaigns: ${list.status}`);
    expect((await list.json()).campaigns.map((c) => c.title)).toEqual([T.campaignA]);
    const mine = await t.app.request(`/api/admin/contests/${ids.cX}`, { headers: { cookie: who.organizer.cookie } });
    expect(mine.status).toBe(200);
    const pending = await t.app.request(`/api/admin/ideas/${ids.a2}/photo`, { headers: { cookie: who.moderator.cookie } });
    expect(pending.status).toBe(200);
  });
});
