import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { body, ideaInput, moderator, newDevice, openCampaign, publishedIdea, submitIdea, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.cleanup();
});

const act = async (payload: Record<string, unknown>) => (await moderator(t)).send('POST', '/api/admin/ideas/actions', payload);
const track = async (code: string) =>
  (await body<{ idea: Record<string, unknown> }>(await t.app.request('/api/ideas/track', jsonInit('POST', { code })))).idea;
const report = (id: number, device: string, client: string) =>
  t.app.request(`/api/ideas/${id}/report`, jsonInit('POST', { device, reason: '内容含广告' }, { 'x-test-client': client }));
const support = (id: number, device: string) => t.app.request(`/api/ideas/${id}/support`, jsonInit('POST', { device }));
const pending = async (campaignId: number, n: number) => {
  const out: Array<{ id: number; receipt: string }> = [];
  for (let i = 0; i < n; i++)
    out.push(await body(await submitIdea(t, ideaInput(campaignId, { title: `待审核的金点子第 ${i + 1} 条` }), `r${i}`)));
  return out;
};

describe('金点子 moderation', () => {
  test('rejects with a reason the submitter sees on the receipt page', async () => {
    const { campaignId } = await openCampaign(t);
    const [idea] = (await pending(campaignId, 1)) as [{ id: number; receipt: string }];
    const noReason = await act({ ids: [idea.id], action: 'reject' });
    expect(noReason.status).toBe(400);
    expect((await act({ ids: [idea.id], action: 'reject', reason: '内容与应急管理无关' })).status).toBe(200);
    expect(await track(idea.receipt)).toMatchObject({ status: 'rejected', statusText: '未通过审核', moderationNote: '内容与应急管理无关' });
    expect((await t.app.request(`/api/ideas/${idea.id}`)).status).toBe(404);
  });

  test('publishes several at once, audits each, and refuses actions that do not fit the status', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const ideas = await pending(campaignId, 3);
    const res = await act({ ids: ideas.map((i) => i.id), action: 'publish' });
    expect(await body(res)).toEqual({ results: ideas.map((i) => ({ id: i.id, ok: true })) });
    expect((await body<{ total: number }>(await t.app.request(`/api/ideas?campaign=${campaignId}`))).total).toBe(3);
    expect((await act({ ids: [ideas[0]?.id], action: 'publish' })).status).toBe(409);
    const hide = await act({ ids: [ideas[0]?.id], action: 'hide', reason: '涉及个人隐私，已隐藏' });
    expect(hide.status).toBe(200);
    expect(await track(ideas[0]?.receipt ?? '')).toMatchObject({ status: 'hidden', moderationNote: '涉及个人隐私，已隐藏' });
    const audit = await body<{ entries: Array<{ action: string; target: string }> }>(await admin.get('/api/admin/audit?action=idea.'));
    expect(audit.entries.map((e) => `${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining([`idea.hide idea:${ideas[0]?.id}`, ...ideas.map((i) => `idea.publish idea:${i.id}`)]),
    );
  });

  test('marks a duplicate and merges its supports without counting a device twice', async () => {
    const { campaignId } = await openCampaign(t);
    const original = await publishedIdea(t, campaignId, { title: '社区应急物资共享柜' });
    const copy = await publishedIdea(t, campaignId, { title: '社区里放应急物资柜' }, 'r2');
    const [both, onlyCopy] = [newDevice(), newDevice()];
    await support(original.id, both);
    await support(copy.id, both);
    await support(copy.id, onlyCopy);
    expect((await act({ ids: [copy.id], action: 'duplicate', duplicateOf: copy.id })).status).toBe(400);
    expect((await act({ ids: [copy.id], action: 'duplicate', duplicateOf: original.id })).status).toBe(200);
    const merged = await body<{ idea: { supportCount: number } }>(await t.app.request(`/api/ideas/${original.id}`));
    expect(merged.idea.supportCount).toBe(2);
    expect(await track(copy.receipt)).toMatchObject({ status: 'duplicate', duplicateOf: { id: original.id, title: '社区应急物资共享柜' } });
    expect((await support(original.id, onlyCopy)).status).toBe(409);
  });

  test('hides an idea after three reports from distinct devices and addresses until a moderator restores it', async () => {
    const { campaignId } = await openCampaign(t);
    const { id, receipt } = await publishedIdea(t, campaignId);
    const first = newDevice();
    expect((await report(id, first, 'addr-1')).status).toBe(201);
    expect((await report(id, first, 'addr-2')).status).toBe(409);
    expect((await report(id, newDevice(), 'addr-1')).status).toBe(409);
    expect((await report(id, newDevice(), 'addr-2')).status).toBe(201);
    expect((await t.app.request(`/api/ideas/${id}`)).status).toBe(200);
    expect((await report(id, newDevice(), 'addr-3')).status).toBe(201);
    expect((await t.app.request(`/api/ideas/${id}`)).status).toBe(404);
    expect(await track(receipt)).toMatchObject({ status: 'hidden', statusText: '因多位市民举报暂时隐藏，等待审核员复核' });
    const mod = await moderator(t);
    const reported = await body<{ ideas: Array<{ id: number; openReports: string[] }> }>(await mod.get('/api/admin/ideas?view=reported'));
    expect(reported.ideas).toMatchObject([{ id, openReports: ['内容含广告', '内容含广告', '内容含广告'] }]);
    expect((await act({ ids: [id], action: 'publish' })).status).toBe(200);
    expect((await t.app.request(`/api/ideas/${id}`)).status).toBe(200);
    expect((await body<{ ideas: unknown[] }>(await mod.get('/api/admin/ideas?view=reported'))).ideas).toEqual([]);
    // The three reports were dealt with: one new report does not hide it again.
    expect((await report(id, newDevice(), 'addr-4')).status).toBe(201);
    expect((await t.app.request(`/api/ideas/${id}`)).status).toBe(200);
  });
});
