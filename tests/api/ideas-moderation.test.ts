import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import type { moderationSchema } from '#api/ideas/contract.ts';
import { createTestApp } from '../fixtures/app.ts';
import { ideaInput, moderator, newDevice, openCampaign, publishedIdea, residentApi, submitIdea, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.cleanup();
});

const act = async (json: z.input<typeof moderationSchema>) => (await moderator(t)).ideas.actions.$post({ json });
const track = async (code: string) => (await (await residentApi(t).track.$post({ json: { code } })).json()).idea;
const idea = (client?: string) => residentApi(t, client)[':id{[0-9]+}'];
const page = (id: number) => idea().$get({ param: { id: String(id) } });
const report = (id: number, device: string, client: string) =>
  idea(client).report.$post({ param: { id: String(id) }, json: { device, reason: '内容含广告' } });
const support = (id: number, device: string) => idea().support.$post({ param: { id: String(id) }, json: { device } });
const queue = async (view: 'reported') => (await (await moderator(t)).ideas.index.$get({ query: { view } })).json();
const pending = async (campaignId: number, n: number) => {
  const out: Array<{ id: number; receipt: string }> = [];
  for (let i = 0; i < n; i++)
    out.push(await (await submitIdea(t, ideaInput(campaignId, { title: `待审核的金点子第 ${i + 1} 条` }), `r${i}`)).json());
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
    expect((await page(idea.id)).status).toBe(404);
  });

  test('publishes several at once, audits each, and refuses actions that do not fit the status', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const ideas = await pending(campaignId, 3);
    const [first] = ideas as [{ id: number; receipt: string }];
    const res = await act({ ids: ideas.map((i) => i.id), action: 'publish' });
    expect(await res.json()).toEqual({ results: ideas.map((i) => ({ id: i.id, ok: true })) });
    expect((await (await residentApi(t).index.$get({ query: { campaign: String(campaignId) } })).json()).total).toBe(3);
    expect((await act({ ids: [first.id], action: 'publish' })).status).toBe(409);
    const hide = await act({ ids: [first.id], action: 'hide', reason: '涉及个人隐私，已隐藏' });
    expect(hide.status).toBe(200);
    expect(await track(first.receipt)).toMatchObject({ status: 'hidden', moderationNote: '涉及个人隐私，已隐藏' });
    const audit = await (await admin.audit.index.$get({ query: { action: 'idea.' } })).json();
    expect(audit.entries.map((e) => `${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining([`idea.hide idea:${first.id}`, ...ideas.map((i) => `idea.publish idea:${i.id}`)]),
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
    const merged = await (await page(original.id)).json();
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
    expect((await page(id)).status).toBe(200);
    expect((await report(id, newDevice(), 'addr-3')).status).toBe(201);
    expect((await page(id)).status).toBe(404);
    expect(await track(receipt)).toMatchObject({ status: 'hidden', statusText: '因多位市民举报暂时隐藏，等待审核员复核' });
    expect((await queue('reported')).ideas).toMatchObject([{ id, openReports: ['内容含广告', '内容含广告', '内容含广告'] }]);
    expect((await act({ ids: [id], action: 'publish' })).status).toBe(200);
    expect((await page(id)).status).toBe(200);
    expect((await queue('reported')).ideas).toEqual([]);
    // The three reports were dealt with: one new report does not hide it again.
    expect((await report(id, newDevice(), 'addr-4')).status).toBe(201);
    expect((await page(id)).status).toBe(200);
  });
});
