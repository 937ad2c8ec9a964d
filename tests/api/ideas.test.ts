import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp } from '../fixtures/app.ts';
import {
  errorOf,
  ideaInput,
  newDevice,
  openCampaign,
  publishedIdea,
  residentApi,
  staff,
  submitIdea,
  type TestApp,
} from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => (t = await createTestApp()));
afterEach(async () => t.cleanup());

const api = (client?: string) => residentApi(t, client);
const support = (id: number, device: string, client = 'supporter') =>
  api(client)[':id{[0-9]+}'].support.$post({ param: { id: String(id) }, json: { device } });
const track = async (code: string) => (await (await api().track.$post({ json: { code } })).json()).idea;
const list = async (query: Record<string, string>) => (await api().index.$get({ query })).json();

describe('金点子 lifecycle through the API', () => {
  test('takes an idea from submission through moderation, support, judging and announcement', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const campaigns = await (await api().campaigns.$get()).json();
    expect(campaigns.campaigns.find((c) => c.id === campaignId)?.phase).toBe('collecting');

    // Submitted: a receipt, pending, not public yet.
    const sent = await submitIdea(t, ideaInput(campaignId));
    expect(sent.status).toBe(201);
    const { id, receipt } = await sent.json();
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await track(receipt.toLowerCase().replace(/-/g, ' '))).status).toBe('pending');
    expect((await api()[':id{[0-9]+}'].$get({ param: { id: String(id) } })).status).toBe(404);
    expect((await list({ campaign: String(campaignId) })).total).toBe(0);

    // Moderated: the queue shows it with the contact; publishing makes it public.
    const mod = await staff(t, ['moderator']);
    const queue = await (await mod.ideas.index.$get({ query: { campaign: String(campaignId) } })).json();
    expect(queue.ideas.map((i) => [i.id, i.contact])).toEqual([[id, '13912345678']]);
    expect((await mod.ideas.actions.$post({ json: { ids: [id], action: 'publish' } })).status).toBe(200);
    const page = await (await api()[':id{[0-9]+}'].$get({ param: { id: String(id) } })).json();
    expect(page.idea).toMatchObject({ title: '在每个社区设置应急物资共享柜', displayName: '李阿姨' });
    expect((await track(receipt)).status).toBe('published');

    // Supported once per device.
    expect(await (await support(id, 'device-aaaaaaaaaaaa')).json()).toEqual({ supportCount: 1, counted: true });
    expect((await support(id, 'device-bbbbbbbbbbbb')).status).toBe(200);
    const again = await support(id, 'device-aaaaaaaaaaaa', 'another-address');
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_supported');

    // Collection closes: no more support; the admin shortlists it and seats two judges.
    const campaign = admin.campaigns[':id{[0-9]+}'];
    const param = { id: String(campaignId) };
    expect((await campaign.close.$post({ param })).status).toBe(200);
    expect((await support(id, 'device-cccccccccccc')).status).toBe(409);
    expect((await campaign.shortlist.$put({ param, json: { ideaIds: [id], shortlisted: true } })).status).toBe(200);
    const j1 = await staff(t, ['judge']);
    const j2 = await staff(t, ['judge']);
    const seat = await campaign.judges.$put({ param, json: { accountIds: [j1.account.id, j2.account.id] } });
    expect(seat.status).toBe(200);
    const scores = { innovation: 8, feasibility: 9, benefit: 7 };
    const score = (judge: typeof j1, json: { scores: Record<string, number>; comment?: string }) =>
      judge.campaigns[':id{[0-9]+}'].judging[':ideaId{[0-9]+}'].$post({ param: { ...param, ideaId: String(id) }, json });
    expect((await score(j1, { scores, comment: '可行' })).status).toBe(201);
    expect((await score(j2, { scores: { ...scores, benefit: 9 } })).status).toBe(201);

    // Ranking → award → announce, in one step.
    const ranking = await (await campaign.ranking.$get({ param })).json();
    // (8×30 + 9×40 + 7×30)/100 = 8.1 and (8×30 + 9×40 + 9×30)/100 = 8.7; mean 8.4.
    expect(ranking.ranking).toMatchObject([{ ideaId: id, score: 8.4, suggestedAward: 'first' }]);
    expect((await campaign.awards.$put({ param, json: { assignments: [{ ideaId: id, award: 'first' }] } })).status).toBe(200);
    const before = await (await api().results.$get({ query: { campaign: String(campaignId) } })).json();
    expect(before.levels).toEqual([]);
    expect((await campaign.announce.$post({ param })).status).toBe(200);
    const results = await (await api().results.$get({ query: {} })).json();
    expect(results.levels).toMatchObject([{ name: '一等奖', ideas: [{ id, score: 8.4 }] }]);
    expect((await track(receipt)).award).toBe('一等奖');
    const awarded = await list({ status: 'awarded' });
    expect(awarded.ideas).toMatchObject([{ id, award: '一等奖' }]);
    expect((await campaign.announce.$post({ param })).status).toBe(409);

    // Every staff step is in the audit log.
    const audit = await (await admin.audit.index.$get({ query: { action: '', page: '1' } })).json();
    const actions = audit.entries.map((e) => e.action);
    for (const a of ['campaign.create', 'idea.publish', 'campaign.close', 'idea.shortlist', 'campaign.judges.assign', 'idea.score.submit'])
      expect(actions).toContain(a);
    expect(actions).toEqual(expect.arrayContaining(['campaign.awards.assign', 'campaign.announce']));
  });

  test('shows only published ideas, filtered and sorted as asked', async () => {
    const { campaignId } = await openCampaign(t);
    const a = await publishedIdea(t, campaignId, { title: '暴雨天地下车库挡水板要提前装好', theme: '应急预案', district: '321002' });
    const b = await publishedIdea(t, campaignId, { title: '小区微信群里转发预警要注明来源', theme: '预警信息', district: '321003' });
    await submitIdea(t, ideaInput(campaignId, { title: '这一条还在审核中的金点子' }));
    await support(a.id, newDevice());
    const ids = async (query: Record<string, string>) => (await list({ campaign: String(campaignId), ...query })).ideas.map((i) => i.id);
    expect(await ids({ sort: 'newest' })).toEqual([b.id, a.id]);
    expect(await ids({ sort: 'support' })).toEqual([a.id, b.id]);
    expect(await ids({ theme: '应急预案' })).toEqual([a.id]);
    expect(await ids({ district: '321003' })).toEqual([b.id]);
    expect(await ids({ status: 'shortlisted' })).toEqual([]);
    expect((await api().index.$get({ query: { district: '999999' } })).status).toBe(400);
  });

  test('suggests similar published ideas from the title and summary', async () => {
    const { campaignId } = await openCampaign(t);
    const a = await publishedIdea(t, campaignId, { title: '在每个社区设置应急物资共享柜' });
    await publishedIdea(t, campaignId, { title: '学校每学期组织一次地震疏散演练', summary: '让孩子们熟悉疏散路线，演练后点评改进。' });
    const res = await api().similar.$post({
      json: { campaignId, title: '社区应该设置应急物资柜', summary: '暴雨停电时居民可以就近取用手电和雨衣' },
    });
    const { similar } = await res.json();
    expect(similar[0]?.id).toBe(a.id);
    expect(similar).toHaveLength(1);
  });
});
