import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SUPPORTS_PER_ADDRESS } from '#api/ideas/support-count.ts';
import { createTestApp } from '../fixtures/app.ts';
import { moderator, newDevice, openCampaign, publishedIdea, residentApi, staff, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.cleanup();
});

const support = (id: number, device: string, client: string) =>
  residentApi(t, client)[':id{[0-9]+}'].support.$post({ param: { id: String(id) }, json: { device } });
const publicCount = async (id: number) =>
  (await (await residentApi(t)[':id{[0-9]+}'].$get({ param: { id: String(id) } })).json()).idea.supportCount;
const staffFigures = async (id: number) => {
  const { idea } = await (await (await moderator(t)).ideas[':id{[0-9]+}'].$get({ param: { id: String(id) } })).json();
  return { supportCount: idea.supportCount, supportRaw: idea.supportRaw, supportAddresses: idea.supportAddresses };
};

describe('fair 支持 counts', () => {
  test(`counts at most ${SUPPORTS_PER_ADDRESS} devices from one address, however many new device tokens it sends`, async () => {
    const { campaignId } = await openCampaign(t);
    const { id } = await publishedIdea(t, campaignId);
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await (await support(id, newDevice(), 'one-school')).json());
    // Each device is told whether it still added to the count; none is refused or lost.
    expect(answers.map((a) => a.counted)).toEqual([...Array(20)].map((_, i) => i < SUPPORTS_PER_ADDRESS));
    expect(answers.at(-1)?.supportCount).toBe(SUPPORTS_PER_ADDRESS);
    expect(await publicCount(id)).toBe(SUPPORTS_PER_ADDRESS);
    expect(await staffFigures(id)).toEqual({ supportCount: SUPPORTS_PER_ADDRESS, supportRaw: 20, supportAddresses: 1 });
  });

  test('counts every device from many addresses arriving at once, with the per-address cap applied to each', async () => {
    const { campaignId } = await openCampaign(t);
    const { id } = await publishedIdea(t, campaignId);
    // 30 homes with one device each, and 3 offices with 8 devices each, all at the same moment.
    const homes = [...Array(30)].map((_, i) => support(id, newDevice(), `home-${i}`));
    const offices = [...Array(24)].map((_, i) => support(id, newDevice(), `office-${i % 3}`));
    const statuses = (await Promise.all([...homes, ...offices])).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const expected = 30 + 3 * SUPPORTS_PER_ADDRESS;
    expect(await publicCount(id)).toBe(expected);
    expect(await staffFigures(id)).toEqual({ supportCount: expected, supportRaw: 54, supportAddresses: 33 });
  });

  test('shows judges the distinct addresses next to the raw count, and ranks by the capped count', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const flooded = await publishedIdea(t, campaignId);
    const honest = await publishedIdea(t, campaignId, { title: '在小区门口张贴避难场所路线图' }, 'resident-2');
    for (let i = 0; i < 12; i++) await support(flooded.id, newDevice(), 'one-address');
    for (let i = 0; i < 7; i++) await support(honest.id, newDevice(), `neighbour-${i}`);
    const list = await (await residentApi(t).index.$get({ query: { campaign: String(campaignId), sort: 'support' } })).json();
    expect(list.ideas.map((i) => [i.id, i.supportCount])).toEqual([
      [honest.id, 7],
      [flooded.id, SUPPORTS_PER_ADDRESS],
    ]);
    await admin.send('POST', `/api/admin/campaigns/${campaignId}/close`);
    await admin.send('PUT', `/api/admin/campaigns/${campaignId}/shortlist`, { ideaIds: [flooded.id, honest.id], shortlisted: true });
    const judge = await staff(t, ['judge']);
    await admin.send('PUT', `/api/admin/campaigns/${campaignId}/judges`, { accountIds: [judge.account.id] });
    const sheet = await (await judge.campaigns[':id{[0-9]+}'].judging.$get({ param: { id: String(campaignId) } })).json();
    expect(sheet.ideas.map((i) => [i.id, i.supportCount, i.supportRaw, i.supportAddresses])).toEqual([
      [flooded.id, SUPPORTS_PER_ADDRESS, 12, 1],
      [honest.id, 7, 7, 7],
    ]);
  });
});
