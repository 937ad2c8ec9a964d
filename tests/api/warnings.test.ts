import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedIn, appSignedInAs, type TestApp } from '#tests/fixtures/accounts.ts';
import type { adminAudit } from '#api/admin/audit.ts';
import { apiErrorSchema } from '#api/errors.ts';
import type { adminWarnings } from '#api/warnings/admin.ts';
import type { publicWarnings } from '#api/warnings/public.ts';
import { jsonInit } from '#tests/fixtures/app.ts';
import { testClientOf } from '#tests/fixtures/client.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

const XSD = resolve('tests/fixtures/cap/CAP-v1.2.xsd');

/** Validates a CAP document with xmllint against the official OASIS schema; returns its complaints. */
function capErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cap-'));
  const file = join(dir, 'alert.xml');
  writeFileSync(file, xml);
  const res = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  if (res.error) throw new Error(`xmllint is needed (apt-get install libxml2-utils): ${res.error.message}`);
  return res.status === 0 ? '' : res.stderr;
}

describe('warnings', () => {
  let t: TestApp, cookie: string;
  beforeAll(async () => ({ t, cookie } = await appSignedInAs(['publisher'])));
  afterAll(async () => t.cleanup());

  const post = (path: string, body: unknown) => t.app.request(path, jsonInit('POST', body, { cookie }));
  const residents = () => testClientOf<typeof publicWarnings>(t.app, '/api/warnings');
  const publisher = () => testClientOf<typeof adminWarnings>(t.app, '/api/admin/warnings', { cookie });
  const byId = (id: number) => ({ param: { id: String(id) } });
  /** The field names of a refusal. */
  const refusedFields = async (res: Response) => Object.keys(apiErrorSchema.parse(await res.json()).error.fields ?? {});
  const active = async (query: { district?: string; status?: 'Actual' | 'Exercise' } = {}) =>
    (await (await residents().index.$get({ query })).json()).warnings;
  const newDraft = async (over = {}) => (await (await publisher().index.$post({ json: rainstormInput(t.clock.now, over) })).json()).warning;
  async function published(over = {}) {
    const draft = await newDraft(over);
    const res = await publisher()[':id'].publish.$post({ ...byId(draft.id), json: { confirm: true } });
    expect(res.status).toBe(200);
    return (await res.json()).warning;
  }

  test('refuses a draft with missing content, naming the fields in Chinese', async () => {
    const res = await post('/api/admin/warnings', { ...rainstormInput(t.clock.now), headline: '短', areas: [], expires: t.clock.now - 1 });
    expect(res.status).toBe(400);
    expect(await refusedFields(res)).toEqual(expect.arrayContaining(['headline', 'areas']));
  });

  test('with the two-person rule switched off, asks the publisher to confirm a red warning before publishing it', async () => {
    const admin = await signedIn(t, ['admin']);
    const rule = (on: boolean) =>
      t.app.request('/api/admin/warning-settings', jsonInit('PUT', { twoPersonRule: on }, { cookie: admin.cookie }));
    expect((await rule(false)).status).toBe(200);
    const draft = await newDraft({ level: 'red' });
    const first = await publisher()[':id'].publish.$post({ ...byId(draft.id), json: {} });
    expect(first.status).toBe(409);
    expect(apiErrorSchema.parse(await first.json()).error.code).toBe('confirm_required');
    expect((await active()).some((w) => w.id === draft.id)).toBe(false);
    const second = await publisher()[':id'].publish.$post({ ...byId(draft.id), json: { confirm: true } });
    expect(second.status).toBe(200);
    expect((await rule(true)).status).toBe(200);
  });

  test('publishes with a GB/T 35965.1 identifier, lists it for its districts only, and never after it expires', async () => {
    const w = await published({ expires: t.clock.now + 3600_000 });
    expect(w.identifier).toMatch(/^321000\d{8}_\d{14}_\d+$/);
    expect(w.title).toBe('【橙色预警】暴雨');
    expect((await active({ district: '321002' })).map((x) => x.id)).toContain(w.id);
    expect((await active({ district: '321023' })).map((x) => x.id)).not.toContain(w.id);
    t.clock.advance(3600_000 + 1);
    expect((await active()).map((x) => x.id)).not.toContain(w.id);
    // An hour idle has also ended the publisher's session: sign in again for the next tests.
    ({ cookie } = await signedIn(t, ['publisher']));
  });

  test('an Update replaces the earlier message, which is never listed as active again', async () => {
    const first = await published();
    const res = await publisher()[':id'].update.$post({
      ...byId(first.id),
      json: { warning: rainstormInput(t.clock.now, { headline: '扬州市气象台更新暴雨橙色预警，影响时间延长' }), confirm: true },
    });
    expect(res.status).toBe(200);
    const update = (await res.json()).warning;
    const ids = (await active()).map((x) => x.id);
    expect(ids).toContain(update.id);
    expect(ids).not.toContain(first.id);
    const old = (await (await residents()[':id'].$get(byId(first.id))).json()).warning;
    expect(old.supersededBy).toBe(update.id);
    const cap = await (await t.app.request(`/api/warnings/${update.id}/cap.xml`)).text();
    expect(cap).toContain('<msgType>Update</msgType>');
    expect(cap).toContain(`<references>`);
    expect(cap).toContain(first.identifier ?? 'no identifier');
  });

  test('all clear ends the warning and records who did it', async () => {
    const w = await published();
    const res = await publisher()[':id'].cancel.$post({
      ...byId(w.id),
      json: { reason: '降雨已明显减弱，暴雨预警解除。', allClear: true },
    });
    expect(res.status).toBe(200);
    expect((await active()).map((x) => x.id)).not.toContain(w.id);
    const admin = await signedIn(t, ['admin']);
    const auditLog = testClientOf<typeof adminAudit>(t.app, '/api/admin/audit', { cookie: admin.cookie });
    const audit = await (await auditLog.index.$get({ query: { action: 'warning.' } })).json();
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['warning.publish', 'warning.update', 'warning.allclear']));
  });

  test('marks drills as 演练 and filters them by status', async () => {
    const drill = await published({ status: 'Exercise' });
    expect(drill.title).toBe('【演练】【橙色预警】暴雨');
    expect((await active({ status: 'Actual' })).map((x) => x.id)).not.toContain(drill.id);
    expect((await active({ status: 'Exercise' })).map((x) => x.id)).toContain(drill.id);
  });

  test('every CAP document validates against the OASIS CAP 1.2 schema, with +08:00 times', async () => {
    const history = (await (await residents().index.$get({ query: { all: '1' } })).json()).warnings;
    expect(history.length).toBeGreaterThan(3);
    for (const w of history) {
      const xml = await (await t.app.request(`/api/warnings/${w.id}/cap.xml`)).text();
      expect(capErrors(xml)).toBe('');
      expect(xml).toMatch(/<sent>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00<\/sent>/);
      expect(xml).not.toMatch(/\dZ</);
    }
  });

  test('feeds list the warnings as Atom with links to pages and CAP documents', async () => {
    const atom = await (await t.app.request('/feeds/warnings.atom')).text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom).toMatch(/<link rel="alternate" type="text\/html" href="http:\/\/127\.0\.0\.1:4321\/warnings\/\d+\/"\/>/);
    const capIndex = await (await t.app.request('/feeds/cap.atom')).text();
    expect(capIndex).toMatch(/type="application\/cap\+xml" href="[^"]+\/api\/warnings\/\d+\/cap\.xml"/);
  });

  test('refuses times before 2020 or more than 30 days ahead, naming the field', async () => {
    const day = 24 * 3600_000;
    const cases: Array<[Record<string, number>, string]> = [
      [{ effective: Date.parse('2019-12-31T00:00:00+08:00') }, 'effective'],
      [{ expires: t.clock.now + 31 * day }, 'expires'],
      [{ effective: t.clock.now + 31 * day, expires: t.clock.now + 32 * day }, 'effective'],
      [{ onset: t.clock.now + 40 * day }, 'onset'],
      [{ expires: 1e300 }, 'expires'],
    ];
    for (const [over, field] of cases) {
      const res = await post('/api/admin/warnings', rainstormInput(t.clock.now, over));
      expect(res.status).toBe(400);
      expect(await refusedFields(res)).toContain(field);
    }
  });

  test('stores pasted text without control, zero-width or bidi characters, and keeps $ patterns literal', async () => {
    const res = await publisher().index.$post({
      json: rainstormInput(t.clock.now, {
        headline: '扬州市\u200b气象台\u0007发布\r\n暴雨\uFFFE橙色\u202E预警 $& $1',
        description: '预计未来 3 小时内\r\n广陵区降雨\u0000量将达 50 毫米以上\uD800。]]>',
      }),
    });
    expect(res.status).toBe(201);
    const { warning } = await res.json();
    expect(warning.headline).toBe('扬州市气象台发布 暴雨橙色预警 $& $1');
    expect(warning.description).toBe('预计未来 3 小时内\n广陵区降雨量将达 50 毫米以上。]]>');
  });

  test('refuses bad query values with a 400, not a 500', async () => {
    expect((await t.app.request('/api/warnings?district=999999')).status).toBe(400);
    expect((await t.app.request('/api/warnings/abc')).status).toBe(400);
    expect((await t.app.request('/api/warnings/99999')).status).toBe(404);
  });
});
