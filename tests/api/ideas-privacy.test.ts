import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ideas } from '#api/db/schema.ts';
import { eraseExpiredContacts, scheduleContactErasure } from '#api/ideas/retention.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { hasGpsIfd, jpegWithGps, png } from '../fixtures/images.ts';
import { publicIdeaDetailSchema, trackedIdeaSchema } from '#api/ideas/contract.ts';
import { ideaInput, moderator, openCampaign, publishedIdea, residentApi, staff, submitIdea, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.cleanup();
});

const DAY = 86_400_000;
const PHONE = '13912345678';
const EMAIL = 'li.ayi@example.com';

/** A campaign taken to its announcement with two awarded ideas, one with each kind of contact. */
async function announcedCampaign(retentionDays = 30) {
  const { campaignId, admin } = await openCampaign(t, { contactRetentionDays: retentionDays });
  const a = await publishedIdea(t, campaignId, { contact: PHONE, passphrase: '东关街那口老井' });
  const b = await publishedIdea(t, campaignId, { title: '老旧小区加装应急照明灯', contact: EMAIL, anonymous: true }, 'r2');
  const judge = await staff(t, ['judge']);
  await admin.send('PUT', `/api/admin/campaigns/${campaignId}/shortlist`, { ideaIds: [a.id, b.id], shortlisted: true });
  await admin.send('PUT', `/api/admin/campaigns/${campaignId}/judges`, { accountIds: [judge.account.id] });
  await admin.send('POST', `/api/admin/campaigns/${campaignId}/close`);
  for (const [id, s] of [
    [a.id, 9],
    [b.id, 8],
  ] as const)
    await judge.send('POST', `/api/admin/campaigns/${campaignId}/judging/${id}`, { scores: { innovation: s, feasibility: s, benefit: s } });
  const assignments = [
    { ideaId: a.id, award: 'first' },
    { ideaId: b.id, award: 'second' },
  ];
  expect((await admin.send('PUT', `/api/admin/campaigns/${campaignId}/awards`, { assignments })).status).toBe(200);
  expect((await admin.send('POST', `/api/admin/campaigns/${campaignId}/announce`)).status).toBe(200);
  return { campaignId, admin, judge, a, b };
}

describe('金点子 personal data', () => {
  test('keeps contact details out of every public response and every export but the admins’', async () => {
    const { campaignId, admin, judge, a, b } = await announcedCampaign();
    const pub = async (path: string, init?: RequestInit) => (await t.app.request(path, init)).text();
    const seen = [
      await pub('/api/ideas/campaigns'),
      await pub(`/api/ideas?campaign=${campaignId}`),
      await pub('/api/ideas?status=awarded'),
      await pub(`/api/ideas/${a.id}`),
      await pub(`/api/ideas/${b.id}`),
      await pub('/api/ideas/results'),
      await pub('/api/ideas/export.csv'),
      await pub('/api/ideas/similar', jsonInit('POST', { title: '社区应急物资共享柜', summary: '老旧小区应急照明' })),
      await pub('/api/ideas/track', jsonInit('POST', { code: a.receipt })),
      await pub('/api/ideas/track', jsonInit('POST', { code: b.receipt })),
      await (await judge.get(`/api/admin/campaigns/${campaignId}/judging`)).text(),
      await (await judge.get(`/api/admin/campaigns/${campaignId}/judging/export.csv`)).text(),
    ];
    for (const text of seen) {
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toMatch(/receipt_?hash|device_?hash|submitter_?hash|"contact"/i);
    }
    // The anonymous idea shows no name anywhere public.
    const page = await (await residentApi(t)[':id{[0-9]+}'].$get({ param: { id: String(b.id) } })).json();
    expect(page.idea.displayName).toBeNull();
    // An idea's page and its receipt lookup hold the contract's fields and not one more.
    expect(publicIdeaDetailSchema.strict().safeParse(page.idea).success).toBe(true);
    const tracked = await (await residentApi(t).track.$post({ json: { code: a.receipt } })).json();
    expect(trackedIdeaSchema.strict().safeParse(tracked.idea).success).toBe(true);
    // The control: the admins' export does carry both contacts.
    const full = await (await admin.get('/api/admin/ideas/export.csv')).text();
    expect(full).toContain(PHONE);
    expect(full).toContain(EMAIL);
    expect((await judge.get('/api/admin/ideas/export.csv')).status).toBe(403);
  });

  test('erases contacts the configured number of days after the announcement, not before', async () => {
    let { admin } = await announcedCampaign(7);
    const announcedAt = t.clock.now;
    const { campaignId: open } = await openCampaign(t);
    await submitIdea(t, ideaInput(open, { contact: '0514-87654321' }), 'r3');
    let mod = await moderator(t);
    const contacts = async () => (await (await mod.ideas.index.$get({ query: { view: 'all' } })).json()).ideas.map((i) => i.contact).sort();
    expect(await eraseExpiredContacts(t.database, announcedAt + 7 * DAY - 1)).toBe(0);
    expect(await contacts()).toEqual(['0514-87654321', PHONE, EMAIL].sort());
    expect((await t.database.db.select().from(ideas)).filter((r) => r.recoveryHash !== null)).toHaveLength(1);
    t.clock.now = announcedAt + 7 * DAY;
    // A week later the old sessions have ended.
    [mod, admin] = [await staff(t, ['moderator']), await staff(t, ['admin'])];
    // Run as the server does at start (and hourly after): with its clock.
    const stop = scheduleContactErasure(t.database, () => t.clock.now);
    await vi.waitFor(async () => expect(await contacts()).toEqual(['0514-87654321', null, null]));
    stop();
    // The keys that find a submitter for receipt recovery go with the contact.
    const keys = (await t.database.db.select().from(ideas)).map((r) => [r.contact, r.contactKey !== null, r.recoveryHash]);
    expect(keys.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['0514-87654321', true, null],
      [null, false, null],
      [null, false, null],
    ]);
    const audit = await (await admin.audit.index.$get({ query: { action: 'idea.contacts.erase' } })).json();
    expect(audit.entries).toHaveLength(1);
    expect(await (await admin.get('/api/admin/ideas/export.csv')).text()).toContain('（已按期删除）');
  });

  test('strips GPS and all other metadata from photos and serves them only for published ideas', async () => {
    const { campaignId } = await openCampaign(t);
    const original = await jpegWithGps();
    expect(hasGpsIfd((await sharp(original).metadata()).exif)).toBe(true);
    const sent = await submitIdea(t, ideaInput(campaignId, { photo: original.toString('base64') }));
    expect(sent.status).toBe(201);
    const { id } = await sent.json();
    expect((await t.app.request(`/api/ideas/${id}/photo`)).status).toBe(404);
    const mod = await moderator(t);
    expect((await mod.get(`/api/admin/ideas/${id}/photo`)).status).toBe(200);
    await mod.send('POST', '/api/admin/ideas/actions', { ids: [id], action: 'publish' });
    const res = await t.app.request(`/api/ideas/${id}/photo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const served = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(served).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(served.includes('TestPhone')).toBe(false);
    expect(served.includes('Exif\0\0')).toBe(false);
    expect([meta.width, meta.height]).toEqual([320, 240]);
  });

  test('serves a PNG photo as a PNG', async () => {
    const { campaignId } = await openCampaign(t);
    const { id } = await publishedIdea(t, campaignId, { photo: (await png()).toString('base64') });
    const res = await t.app.request(`/api/ideas/${id}/photo`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('png');
  });
});
