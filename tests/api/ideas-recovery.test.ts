import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ideas } from '#api/db/schema.ts';
import { createTestApp } from '../fixtures/app.ts';
import { errorOf, ideaInput, openCampaign, residentApi, submitIdea, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => (t = await createTestApp()));
afterEach(async () => t.cleanup());

const recover = (contact: string, passphrase: string, client = 'resident-9') =>
  residentApi(t, client).recover.$post({ json: { contact, passphrase } });
const track = (code: string) => residentApi(t).track.$post({ json: { code } });
const submitted = async (overrides: Record<string, unknown>, client: string) => {
  const { campaignId } = await openCampaign(t);
  const res = await submitIdea(t, ideaInput(campaignId, overrides), client);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};

describe('recovering a lost receipt code', () => {
  test('gives a new code for the contact and passphrase set with the idea; the lost code stops working', async () => {
    const first = await submitted({ contact: '139 1234 5678', passphrase: '东关街那口老井' }, 'resident-1');
    const second = await submitted(
      { contact: '13912345678', passphrase: '东关街那口老井', title: '在公交站张贴避难场所地图' },
      'resident-2',
    );
    const res = await recover('139 1234 5678', '东关街那口老井');
    expect(res.status).toBe(200);
    const { ideas: found } = await res.json();
    expect(found.map((i) => [i.id, i.statusText])).toEqual([
      [second.id, '等待审核'],
      [first.id, '等待审核'],
    ]);
    for (const idea of found) {
      expect(idea.receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect((await (await track(idea.receipt)).json()).idea.id).toBe(idea.id);
    }
    expect((await track(first.receipt)).status).toBe(404);
  });

  test('keeps only a scrypt hash of the passphrase', async () => {
    const { id } = await submitted({ passphrase: '东关街那口老井' }, 'resident-1');
    const row = await t.database.db.query.ideas.findFirst({ where: eq(ideas.id, id) });
    expect(row?.recoveryHash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]{86}$/);
    expect(row?.recoveryHash).not.toContain('东关街那口老井');
  });

  test('answers a wrong passphrase, an unknown contact and an idea without a passphrase alike', async () => {
    await submitted({ contact: '13912345678', passphrase: '东关街那口老井' }, 'resident-1');
    await submitted({ contact: 'li@example.cn' }, 'resident-2');
    const answer = async (res: Response | Promise<Response>) => {
      const r = await res;
      return { status: r.status, text: await r.text() };
    };
    const wrong = await answer(recover('13912345678', '西关街那口老井', 'a'));
    const unknown = await answer(recover('13800000000', '东关街那口老井', 'b'));
    const none = await answer(recover('li@example.cn', '东关街那口老井', 'c'));
    expect(unknown).toEqual(wrong);
    expect(none).toEqual(wrong);
    expect(wrong.status).toBe(404);
    expect(JSON.parse(wrong.text)).toMatchObject({ error: { code: 'recovery_failed' } });
    // A missing passphrase is bad input, named, before anything is looked up.
    const empty = await answer(recover('li@example.cn', '', 'd'));
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text)).toMatchObject({ error: { fields: { passphrase: '请填写提交时设置的找回口令' } } });
  });

  test('limits guesses per contact from any number of addresses, and per address', async () => {
    await submitted({ contact: '13912345678', passphrase: '东关街那口老井' }, 'resident-1');
    const perContact = [];
    for (let i = 0; i < 6; i++) perContact.push((await recover('13912345678', `猜测口令${i}号`, `guesser-${i}`)).status);
    expect(perContact).toEqual([404, 404, 404, 404, 404, 429]);
    // Even the right passphrase waits now: the limit does not say whether a guess was right.
    expect((await recover('13912345678', '东关街那口老井', 'owner')).status).toBe(429);
    const perAddress = [];
    for (let i = 0; i < 11; i++)
      perAddress.push((await recover(`1380000${String(i).padStart(4, '0')}`, '随便什么口令', 'one-address')).status);
    expect(perAddress.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(perAddress[10]).toBe(429);
    t.clock.advance(3600_000);
    expect((await recover('13912345678', '东关街那口老井', 'owner')).status).toBe(200);
  });

  test('refuses a passphrase shorter than 6 characters, saying so', async () => {
    const { campaignId } = await openCampaign(t);
    const res = await submitIdea(t, ideaInput(campaignId, { passphrase: '12345' }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['passphrase']).toBe('找回口令至少 6 个字');
  });
});
