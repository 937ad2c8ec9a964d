import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { body, ideaInput, newDevice, openCampaign, publishedIdea, staff, submitIdea, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => (t = await createTestApp()));
afterEach(async () => t.cleanup());

const support = (id: number, device: string, client = 'supporter') =>
  t.app.request(`/api/ideas/${id}/support`, jsonInit('POST', { device }, { 'x-test-client': client }));
const track = (code: string) => t.app.request('/api/ideas/track', jsonInit('POST', { code }));

describe('金点子 lifecycle through the API', () => {
  test('takes an idea from submission through moderation, support, judging and announcement', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const campaigns = await body<{ campaigns: Array<{ id: number; phase: string }> }>(await t.app.request('/api/ideas/campaigns'));
    expect(campaigns.campaigns.find((c) => c.id === campaignId)?.phase).toBe('collecting');

    // Submitted: a receipt, pending, not public yet.
    const sent = await submitIdea(t, ideaInput(campaignId));
    expect(sent.status).toBe(201);
    const { id, receipt } = await body<{ id: number; receipt: string }>(sent);
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await body<{ idea: { status: string } }>(await track(receipt.toLowerCase().replace(/-/g, ' ')))).idea.status).toBe('pending');
    expect((await t.app.request(`/api/ideas/${id}`)).status).toBe(404);
    expect((await body<{ total: number }>(await t.app.request(`/api/ideas?campaign=${campaignId}`))).total).toBe(0);

    // Moderated: the queue shows it with the contact; publishing makes it public.
    const mod = await staff(t, ['moderator']);
    const queue = await body<{ ideas: Array<{ id: number; contact: string }> }>(await mod.get(`/api/admin/ideas?campaign=${campaignId}`));
    expect(queue.ideas.map((i) => [i.id, i.contact])).toEqual([[id, '13912345678']]);
    expect((await mod.send('POST', '/api/admin/ideas/actions', { ids: [id], action: 'publish' })).status).toBe(200);
    const page = await body<{ idea: { title: string; body: string; displayName: string } }>(await t.app.request(`/api/ideas/${id}`));
    expect(page.idea).toMatchObject({ title: '在每个社区设置应急物资共享柜', displayName: '李阿姨' });
    expect((await body<{ idea: { status: string } }>(await track(receipt))).idea.status).toBe('published');

    // Supported once per device.
    expect(await body(await support(id, 'device-aaaaaaaaaaaa'))).toEqual({ supportCount: 1, counted: true });
    expect((await support(id, 'device-bbbbbbbbbbbb')).status).toBe(200);
    const again = await support(id, 'device-aaaaaaaaaaaa', 'another-address');
    expect(again.status).toBe(409);
    expect((await body<{ error: { code: string } }>(again)).error.code).toBe('already_supported');

    // Collection closes: no more support; the admin shortlists it and seats two judges.
    expect((await admin.send('POST', `/api/admin/campaigns/${campaignId}/close`)).status).toBe(200);
    expect((await support(id, 'device-cccccccccccc')).status).toBe(409);
    expect((await admin.send('PUT', `/api/admin/campaigns/${campaignId}/shortlist`, { ideaIds: [id], shortlisted: true })).status).toBe(
      200,
    );
    const j1 = await staff(t, ['judge']);
    const j2 = await staff(t, ['judge']);
    const seat = await admin.send('PUT', `/api/admin/campaigns/${campaignId}/judges`, { accountIds: [j1.account.id, j2.account.id] });
    expect(seat.status).toBe(200);
    const scores = { innovation: 8, feasibility: 9, benefit: 7 };
    expect((await j1.send('POST', `/api/admin/campaigns/${campaignId}/judging/${id}`, { scores, comment: '可行' })).status).toBe(201);
    expect((await j2.send('POST', `/api/admin/campaigns/${campaignId}/judging/${id}`, { scores: { ...scores, benefit: 9 } })).status).toBe(
      201,
    );

    // Ranking → award → announce, in one step.
    const ranking = await body<{ ranking: Array<{ ideaId: number; score: number; suggestedAward: string }> }>(
      await admin.get(`/api/admin/campaigns/${campaignId}/ranking`),
    );
    // (8×30 + 9×40 + 7×30)/100 = 8.1 and (8×30 + 9×40 + 9×30)/100 = 8.7; mean 8.4.
    expect(ranking.ranking).toMatchObject([{ ideaId: id, score: 8.4, suggestedAward: 'first' }]);
    expect(
      (await admin.send('PUT', `/api/admin/campaigns/${campaignId}/awards`, { assignments: [{ ideaId: id, award: 'first' }] })).status,
    ).toBe(200);
    const before = await body<{ levels: unknown[] }>(await t.app.request(`/api/ideas/results?campaign=${campaignId}`));
    expect(before.levels).toEqual([]);
    expect((await admin.send('POST', `/api/admin/campaigns/${campaignId}/announce`)).status).toBe(200);
    const results = await body<{ levels: Array<{ name: string; ideas: Array<{ id: number; score: number }> }> }>(
      await t.app.request('/api/ideas/results'),
    );
    expect(results.levels).toMatchObject([{ name: '一等奖', ideas: [{ id, score: 8.4 }] }]);
    expect((await body<{ idea: { award: string } }>(await track(receipt))).idea.award).toBe('一等奖');
    const awarded = await body<{ ideas: Array<{ id: number; award: string }> }>(await t.app.request('/api/ideas?status=awarded'));
    expect(awarded.ideas).toMatchObject([{ id, award: '一等奖' }]);
    expect((await admin.send('POST', `/api/admin/campaigns/${campaignId}/announce`)).status).toBe(409);

    // Every staff step is in the audit log.
    const audit = await body<{ entries: Array<{ action: string }> }>(await admin.get('/api/admin/audit?action=&page=1'));
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
    const list = async (q: string) =>
      (await body<{ ideas: Array<{ id: number }> }>(await t.app.request(`/api/ideas?campaign=${campaignId}&${q}`))).ideas.map((i) => i.id);
    expect(await list('sort=newest')).toEqual([b.id, a.id]);
    expect(await list('sort=support')).toEqual([a.id, b.id]);
    expect(await list('theme=应急预案')).toEqual([a.id]);
    expect(await list('district=321003')).toEqual([b.id]);
    expect(await list('status=shortlisted')).toEqual([]);
    expect((await t.app.request('/api/ideas?district=999999')).status).toBe(400);
  });

  test('suggests similar published ideas from the title and summary', async () => {
    const { campaignId } = await openCampaign(t);
    const a = await publishedIdea(t, campaignId, { title: '在每个社区设置应急物资共享柜' });
    await publishedIdea(t, campaignId, { title: '学校每学期组织一次地震疏散演练', summary: '让孩子们熟悉疏散路线，演练后点评改进。' });
    const res = await t.app.request(
      '/api/ideas/similar',
      jsonInit('POST', { campaignId, title: '社区应该设置应急物资柜', summary: '暴雨停电时居民可以就近取用手电和雨衣' }),
    );
    const { similar } = await body<{ similar: Array<{ id: number; similarity: number }> }>(res);
    expect(similar[0]?.id).toBe(a.id);
    expect(similar).toHaveLength(1);
  });
});
