import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { errorOf, ideaInput, moderator, newDevice, openCampaign, residentApi, staff, submitIdea, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.cleanup();
});

const queue = async (view: 'all' | 'flagged' = 'all') =>
  (await (await (await moderator(t)).ideas.index.$get({ query: { view } })).json()).ideas;

describe('金点子 submission checks', () => {
  test('drops a submission whose honeypot is filled in, and stores nothing', async () => {
    const { campaignId } = await openCampaign(t);
    const res = await submitIdea(t, ideaInput(campaignId, { website: 'http://spam.example' }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('rejected');
    expect(await queue()).toEqual([]);
  });

  test('refuses a form sent faster than a person can fill it, and a forged form token', async () => {
    const { campaignId } = await openCampaign(t);
    const { token } = await (await residentApi(t)['form-token'].$get()).json();
    t.clock.advance(2000);
    const fast = await t.app.request('/api/ideas/submissions', jsonInit('POST', { ...ideaInput(campaignId), formToken: token }));
    expect(fast.status).toBe(429);
    expect((await errorOf(fast)).code).toBe('too_fast');
    const [issued, nonce] = token.split('.');
    const backdated = `${Number(issued) - 60_000}.${nonce}.forgedsignature000000`;
    const forged = await t.app.request('/api/ideas/submissions', jsonInit('POST', { ...ideaInput(campaignId), formToken: backdated }));
    expect((await errorOf(forged)).code).toBe('form_token_invalid');
    // As long as the signature in characters, longer in bytes: refused as invalid, not a 500.
    const wide = `${issued}.${nonce}.${'签'.repeat(22)}`;
    const nonAscii = await t.app.request('/api/ideas/submissions', jsonInit('POST', { ...ideaInput(campaignId), formToken: wide }));
    expect([nonAscii.status, (await errorOf(nonAscii)).fields]).toEqual([400, { formToken: '表单已失效，请刷新页面' }]);
    t.clock.advance(4000);
    const later = await t.app.request('/api/ideas/submissions', jsonInit('POST', { ...ideaInput(campaignId), formToken: token }));
    expect(later.status).toBe(201);
  });

  test('says which field is wrong, in Chinese', async () => {
    const { campaignId } = await openCampaign(t);
    const res = await submitIdea(t, ideaInput(campaignId, { title: '太短', body: '长'.repeat(3001), consent: false, contact: '随便' }));
    expect(res.status).toBe(400);
    const { fields } = await errorOf(res);
    expect(fields).toMatchObject({ title: '标题至少 5 个字', body: '正文最多 3000 个字', consent: '请阅读并同意个人信息保护说明' });
    expect(fields?.['contact']).toContain('手机号码');
    const theme = await submitIdea(t, ideaInput(campaignId, { theme: '不存在的主题' }));
    expect((await errorOf(theme)).fields).toHaveProperty('theme');
  });

  test('allows at most two web addresses', async () => {
    const { campaignId } = await openCampaign(t);
    const two = '参考 https://yjj.yangzhou.gov.cn 和 www.mem.gov.cn 的做法，在每个社区推广应急物资共享柜。';
    expect((await submitIdea(t, ideaInput(campaignId, { body: two }))).status).toBe(201);
    const three = `${two} 另见 http://example.com/a`;
    const res = await submitIdea(t, ideaInput(campaignId, { body: three }), 'resident-2');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('too_many_links');
  });

  test('flags a submission containing a word from the admin-edited list, whatever its width or case', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const mod = await moderator(t);
    expect((await mod.ideas.words.$put({ json: { words: ['代开发票'] } })).status).toBe(403);
    expect((await admin.ideas.words.$put({ json: { words: ['代开发票', 'VPN', '代开发票'] } })).status).toBe(200);
    expect(await (await mod.ideas.words.$get()).json()).toEqual({ words: ['VPN', '代开发票'] });
    const flagged = await submitIdea(t, ideaInput(campaignId, { summary: '需要的话联系我买ｖｐｎ账号，也可以代开发票，价格优惠。' }));
    expect(flagged.status).toBe(201);
    await submitIdea(t, ideaInput(campaignId), 'resident-2');
    const list = await queue('flagged');
    expect(list).toHaveLength(1);
    expect(list[0]?.flagReasons).toEqual(['含词语“VPN”', '含词语“代开发票”']);
  });

  test('limits submissions per device and per address', async () => {
    const { campaignId } = await openCampaign(t);
    const device = newDevice();
    for (let i = 0; i < 5; i++) expect((await submitIdea(t, ideaInput(campaignId, { device }), `addr-${i}`)).status).toBe(201);
    const sixth = await submitIdea(t, ideaInput(campaignId, { device }), 'addr-99');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('3600');
    t.clock.advance(3600_000);
    for (let i = 0; i < 10; i++) expect((await submitIdea(t, ideaInput(campaignId), 'shared-office')).status).toBe(201);
    expect((await submitIdea(t, ideaInput(campaignId), 'shared-office')).status).toBe(429);
  });

  test('takes submissions only while collecting', async () => {
    const { campaignId, admin } = await openCampaign(t);
    await admin.send('POST', `/api/admin/campaigns/${campaignId}/close`);
    const res = await submitIdea(t, ideaInput(campaignId));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('征集已经结束');
  });

  test('accepts photos only by their content, and only up to 5 MB', async () => {
    const { campaignId } = await openCampaign(t);
    const fake = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    const res = await submitIdea(t, ideaInput(campaignId, { photo: fake }));
    expect((await errorOf(res)).code).toBe('photo_type');
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0xff).toString('base64');
    const tooBig = await submitIdea(t, ideaInput(campaignId, { photo: big }), 'resident-2');
    expect(tooBig.status).toBe(400);
    expect((await errorOf(tooBig)).fields?.['photo']).toBe('照片不能超过 5 MB');
  });
});

describe('金点子 staff roles', () => {
  test('keeps the moderation queue from judges and residents', async () => {
    const judge = await staff(t, ['judge']);
    expect((await judge.get('/api/admin/ideas')).status).toBe(403);
    expect((await t.app.request('/api/admin/ideas')).status).toBe(401);
    expect((await judge.send('POST', '/api/admin/campaigns', {})).status).toBe(403);
  });
});
