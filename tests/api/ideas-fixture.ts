import type { z } from 'zod';
import { jsonInit, type createTestApp } from '../fixtures/app.ts';
import { signedIn } from '../fixtures/accounts.ts';
import { testClientOf } from '../fixtures/client.ts';
import type { Role } from '#api/accounts/roles.ts';
import type { adminAudit } from '#api/admin/audit.ts';
import { apiErrorSchema } from '#api/errors.ts';
import type { adminCampaigns } from '#api/ideas/admin-campaigns.ts';
import type { adminIdeas } from '#api/ideas/admin-ideas.ts';
import type { campaignInputSchema } from '#api/ideas/campaign-contract.ts';
import type { submissionSchema } from '#api/ideas/contract.ts';
import type { ideasApi } from '#api/ideas/index.ts';
import { DEFAULT_AWARDS, DEFAULT_CRITERIA, DEFAULT_THEMES } from '#api/ideas/labels.ts';

/** The test app of the ideas tests. */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const DAY = 86_400_000;

type CampaignInput = z.input<typeof campaignInputSchema>;

/** A campaign that is collecting now (the test clock), with the default themes, awards and criteria. */
function campaignInput(t: TestApp, overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    title: '2027 年应急管理金点子征集',
    description: '欢迎市民围绕应急预案、物资保障、避难场所等提出改进建议。',
    themes: [...DEFAULT_THEMES],
    collectStartsAt: t.clock.now - DAY,
    collectEndsAt: t.clock.now + 30 * DAY,
    judgingEndsAt: t.clock.now + 45 * DAY,
    awards: DEFAULT_AWARDS,
    criteria: DEFAULT_CRITERIA,
    contactRetentionDays: 30,
    ...overrides,
  };
}

/** Signs in a staff member with `roles` and returns a helper that sends JSON as them. */
export async function staff(t: TestApp, roles: Role[]) {
  const { account, cookie } = await signedIn(t, roles);
  const send = (method: string, path: string, body?: unknown) =>
    t.app.request(
      path,
      body === undefined
        ? { method, headers: { cookie, origin: 'http://127.0.0.1:4321', 'x-requested-with': 'fetch' } }
        : jsonInit(method, body, { cookie }),
    );
  return {
    account,
    cookie,
    send,
    get: (path: string) => t.app.request(path, { headers: { cookie } }),
    /** `/api/admin/ideas` through the typed client, as this staff member. */
    ideas: testClientOf<typeof adminIdeas>(t.app, '/api/admin/ideas', { cookie }),
    /** `/api/admin/campaigns` through the typed client, as this staff member. */
    campaigns: testClientOf<typeof adminCampaigns>(t.app, '/api/admin/campaigns', { cookie }),
    /** `/api/admin/audit` through the typed client, as this staff member (admins only). */
    audit: testClientOf<typeof adminAudit>(t.app, '/api/admin/audit', { cookie }),
  };
}

/** Creates a collecting campaign as a fresh admin; returns its id and the admin. */
export async function openCampaign(t: TestApp, overrides: Partial<CampaignInput> = {}) {
  const admin = await staff(t, ['admin']);
  const res = await admin.campaigns.index.$post({ json: campaignInput(t, overrides) });
  if (res.status !== 201) throw new Error(`campaign: ${res.status} ${await res.text()}`);
  const { campaign } = await res.json();
  return { campaignId: campaign.id, admin };
}

let devices = 0;

/** A fresh device token, as a browser would keep in localStorage. */
export const newDevice = () => `test-device-${String(++devices).padStart(8, '0')}`;

/** A valid submission body (without the form token). */
export function ideaInput(campaignId: number, overrides: Record<string, unknown> = {}) {
  return {
    campaignId,
    title: '在每个社区设置应急物资共享柜',
    summary: '社区里放一个共享柜，存放手电、雨衣、急救包等，暴雨停电时居民就近取用。',
    body: '建议在每个社区服务中心设置应急物资共享柜，由网格员每月检查补充，柜门贴上物资清单和使用说明，居民扫码登记后即可取用。',
    theme: '物资保障',
    district: '321002',
    displayName: '李阿姨',
    anonymous: false,
    contact: '13912345678',
    consent: true,
    device: newDevice(),
    website: '',
    ...overrides,
  };
}

/** Gets a form token, waits the minimum fill time on the test clock, and submits as `client`. */
export async function submitIdea(t: TestApp, body: Record<string, unknown>, client = 'resident-1') {
  const api = residentApi(t, client);
  const { token } = await (await api['form-token'].$get()).json();
  t.clock.advance(6000);
  // Any body, valid or not, on purpose: the tests try what a browser or a script might send.
  return api.submissions.$post({ json: { ...body, formToken: token } as z.input<typeof submissionSchema> });
}

const moderators = new WeakMap<TestApp, Promise<Awaited<ReturnType<typeof staff>>>>();

/** One moderator per test app (signing in costs two scrypt hashes). */
export function moderator(t: TestApp) {
  let mod = moderators.get(t);
  if (!mod) moderators.set(t, (mod = staff(t, ['moderator'])));
  return mod;
}

/** Submits an idea and publishes it as the test app's moderator; returns its id and receipt. */
export async function publishedIdea(t: TestApp, campaignId: number, overrides: Record<string, unknown> = {}, client = 'resident-1') {
  const res = await submitIdea(t, ideaInput(campaignId, overrides), client);
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { id, receipt } = await res.json();
  const mod = await moderator(t);
  const pub = await mod.send('POST', '/api/admin/ideas/actions', { ids: [id], action: 'publish' });
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${await pub.text()}`);
  return { id, receipt };
}

/** `/api/ideas` through the typed client, as a resident at client address `client`. */
export const residentApi = (t: TestApp, client = 'resident-1') =>
  testClientOf<typeof ideasApi>(t.app, '/api/ideas', { 'x-test-client': client });

/** The error of a refused request, checked against the API's error schema. */
export const errorOf = async (res: Response) => apiErrorSchema.parse(await res.json()).error;
