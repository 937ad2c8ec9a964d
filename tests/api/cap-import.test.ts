import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WarningInput } from '#api/warnings/schema.ts';
import { signedIn } from '../fixtures/accounts.ts';
import type { adminCap } from '#api/cap/routes.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { testClientOf } from '../fixtures/client.ts';
import { COLOURS, SAMPLE_HAZARDS, SAMPLE_SENDER, referenceOf, sampleCap, sampleIdentifier } from '../fixtures/cap-messages.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const EXAMPLE = readFileSync('tests/fixtures/cap/cap-1.2-example.xml', 'utf8');

describe('importing CAP 1.2 messages as drafts', () => {
  let t: TestApp;
  let pub: Awaited<ReturnType<typeof signedIn>>;
  let second: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await createTestApp();
    pub = await signedIn(t, ['publisher']);
    second = await signedIn(t, ['publisher']);
  });
  afterAll(async () => t.cleanup());

  const importXml = (xml: string, overrides: Partial<WarningInput> = {}, app = t, cookie = pub.cookie) =>
    testClientOf<typeof adminCap>(app.app, '/api/admin/cap', { cookie }).import.$post({ json: { xml, overrides } });
  /** The draft an import made; fails unless it made one. */
  async function draftOf(res: Awaited<ReturnType<typeof importXml>>, label = '') {
    expect(res.status, label).toBe(201);
    const body = await res.json();
    if (!('result' in body) || body.result !== 'created') throw new Error(`${label}: not created`);
    return body;
  }
  /** The refusal an import got. */
  const refusalOf = async (res: Response | Awaited<ReturnType<typeof importXml>>) => apiErrorSchema.parse(await res.json()).error;
  const desk = (app = t, cookie = pub.cookie) => warningsApi(app.app, cookie).publisher;
  const inputOf = async (id: number, app = t, cookie = pub.cookie) => (await (await desk(app, cookie)[':id'].$get(byId(id))).json()).input;
  const publish = (id: number, app = t, cookie = pub.cookie) =>
    desk(app, cookie)[':id'].publish.$post({ ...byId(id), json: { confirm: true } });
  const residents = (app = t) => warningsApi(app.app).residents;

  test('our own cap.xml, imported into another site, gives the same message', async () => {
    const input = rainstormInput(t.clock.now, { polygon: '32.30,119.30 32.30,119.50 32.45,119.50 32.45,119.30 32.30,119.30' });
    const created = await (await desk().index.$post({ json: input })).json();
    expect((await publish(created.warning.id)).status).toBe(200);
    const xml = await (await t.app.request(`/api/warnings/${created.warning.id}/cap.xml`)).text();

    const other = await createTestApp();
    try {
      const them = await signedIn(other, ['publisher']);
      const r = await draftOf(await importXml(xml, {}, other, them.cookie));
      const original = await (await residents()[':id'].$get(byId(created.warning.id))).json();
      expect(r.warning.identifier).toBe(original.warning.identifier);
      expect(await inputOf(r.warning.id, other, them.cookie)).toEqual(input);
      expect((await publish(r.warning.id, other, them.cookie)).status).toBe(200);
      const again = await (await other.app.request(`/api/warnings/${r.warning.id}/cap.xml`)).text();
      // The same document but for the address of the page on the other site (the <web> element).
      const noWeb = (s: string) => s.replace(/<web>.*<\/web>/, '');
      expect(noWeb(again)).toBe(noWeb(xml));
    } finally {
      await other.cleanup();
    }
  });

  test('the OASIS CAP 1.2 example is read, and refused as not being for Yangzhou', async () => {
    const r = await importXml(EXAMPLE);
    expect(r.status).toBe(422);
    const error = await refusalOf(r);
    expect(error.code).toBe('other_city');
    expect(error.message).toContain('Los Angeles County');
  });

  test('暴雨、台风、高温、大雾 in each colour become drafts with their hazard, level, areas, sender and identifier', async () => {
    let serial = 100;
    for (const [hazard, h] of Object.entries(SAMPLE_HAZARDS) as Array<
      [keyof typeof SAMPLE_HAZARDS, (typeof SAMPLE_HAZARDS)[keyof typeof SAMPLE_HAZARDS]]
    >) {
      for (const colour of COLOURS) {
        serial += 1;
        const sent = t.clock.now - 600_000;
        const r = await draftOf(
          await importXml(sampleCap({ hazard, colour, sent, serial, areaForm: serial % 2 ? 'code' : 'name' })),
          `${h.name}${colour[0]}`,
        );
        expect(r.warning.identifier).toBe(sampleIdentifier({ sent, serial }));
        const input = await inputOf(r.warning.id);
        expect(input).toMatchObject({
          hazard,
          level: colour[2],
          areas: [...h.areas],
          effective: sent,
          expires: sent + 12 * 3600_000,
          urgency: 'Expected',
          certainty: 'Likely',
          responseType: 'Prepare',
          description: h.description,
          instruction: h.instruction,
        });
        expect(input.headline).toBe(`扬州市气象台发布${h.name}${colour[0]}预警信号`);
        expect(r.warning.approval.required).toBe(colour[2] === 'red' || hazard === 'typhoon');
      }
    }
  });

  test('a polygon alone is placed by the district seats it contains, and the publisher is told to check', async () => {
    const r = await draftOf(
      await importXml(sampleCap({ hazard: 'fog', colour: COLOURS[1], sent: t.clock.now, serial: 300, areaForm: 'polygon' })),
    );
    expect((await inputOf(r.warning.id)).areas).toEqual(['321012']);
    expect(r.notes.join('')).toContain('区县政府驻地');
  });

  test('an update and a cancel of a held message become its update and cancel; a second import is ignored', async () => {
    const first = { hazard: 'rainstorm' as const, colour: COLOURS[1], sent: t.clock.now - 3600_000, serial: 400 };
    const alert = await draftOf(await importXml(sampleCap(first)));
    expect((await publish(alert.warning.id)).status).toBe(200);

    const again = await importXml(sampleCap(first));
    expect(again.status).toBe(200);
    const duplicate = await again.json();
    if (!('result' in duplicate)) throw new Error('not imported');
    expect(duplicate.result).toBe('duplicate');
    expect(duplicate.warning.id).toBe(alert.warning.id);

    const updateMsg = {
      ...first,
      colour: COLOURS[2],
      sent: t.clock.now - 1800_000,
      serial: 401,
      msgType: 'Update' as const,
      references: referenceOf(first),
    };
    const update = await draftOf(await importXml(sampleCap(updateMsg)));
    expect(update.warning.msgType).toBe('Update');
    expect((await publish(update.warning.id)).status).toBe(200);
    const old = await (await residents()[':id'].$get(byId(alert.warning.id))).json();
    expect(old.warning.supersededBy).toBe(update.warning.id);

    // The cancel names both earlier messages, as the provincial system does.
    const cancelMsg = {
      ...first,
      sent: t.clock.now,
      serial: 402,
      msgType: 'Cancel' as const,
      references: `${referenceOf(first)} ${referenceOf(updateMsg)}`,
    };
    const cancel = await draftOf(await importXml(sampleCap(cancelMsg)));
    expect(cancel.warning.msgType).toBe('Cancel');
    expect((await publish(cancel.warning.id)).status).toBe(200);
    const active = await (await residents().index.$get({ query: {} })).json();
    expect(active.warnings.map((w) => w.identifier)).not.toContain(sampleIdentifier(first));
    expect(active.warnings.map((w) => w.identifier)).not.toContain(sampleIdentifier(updateMsg));

    const stray = await importXml(
      sampleCap({ ...first, serial: 403, msgType: 'Cancel', references: `${SAMPLE_SENDER},nothing-held,2027-05-12T08:00:00+08:00` }),
    );
    expect(stray.status).toBe(422);
    expect((await refusalOf(stray)).code).toBe('unknown_reference');
  });

  test('what cannot be mapped is shown to the publisher, who decides it; nothing is guessed', async () => {
    const xml = sampleCap({ hazard: 'heat', colour: COLOURS[0], sent: t.clock.now, serial: 500 })
      .replace('<event>高温蓝色预警</event>', '<event>特殊天气提示</event>')
      .replace('<severity>Minor</severity>', '<severity>Unknown</severity>')
      .replace('扬州市气象台发布高温蓝色预警信号', '扬州市气象台特殊天气提示');
    const r = await importXml(xml);
    expect(r.status).toBe(422);
    const review = await r.json();
    if (!('mapped' in review)) throw new Error('nothing to review');
    expect(review.error.code).toBe('needs_review');
    expect(Object.keys(review.error.fields).sort()).toEqual(['hazard', 'level']);
    expect(review.mapped.areas).toEqual(['321084', '321023']);
    const decided = await draftOf(await importXml(xml, { hazard: 'heat', level: 'yellow' }));
    expect(await inputOf(decided.warning.id)).toMatchObject({ hazard: 'heat', level: 'yellow' });

    const conflict = sampleCap({ hazard: 'fog', colour: COLOURS[3], sent: t.clock.now, serial: 501 }).replace(
      '<severity>Extreme</severity>',
      '<severity>Minor</severity>',
    );
    const c = await importXml(conflict);
    expect(c.status).toBe(422);
    expect((await refusalOf(c)).fields?.['level']).toContain('不一致');
  });

  test('refuses DTDs, broken XML, schema failures, oversized files, other cities and old messages with a clear 4xx', async () => {
    const ok = sampleCap({ hazard: 'fog', colour: COLOURS[1], sent: t.clock.now, serial: 600 });
    const cases: Array<[string, string, number]> = [
      ['<!DOCTYPE alert SYSTEM "http://127.0.0.1:9/evil.dtd">' + ok.replace(/^<\?xml[^>]*>\n/, ''), 'dtd_refused', 422],
      [ok.replace('</info>', ''), 'not_well_formed', 422],
      [ok.replace('<scope>Public</scope>', ''), 'not_cap', 422],
      [ok.replace('<description>', `<description>${'雾'.repeat(90_000)}`), 'too_large', 413],
      [
        ok
          .replace(/<value>321012000000<\/value>/, '<value>320100000000</value>')
          .replace(/<value>321081000000<\/value>/, '<value>320200000000</value>')
          .replace('<areaDesc>江都区、仪征市</areaDesc>', '<areaDesc>南京市、无锡市</areaDesc>'),
        'other_city',
        422,
      ],
      [sampleCap({ hazard: 'fog', colour: COLOURS[1], sent: t.clock.now - 13 * 3600_000, serial: 601 }), 'already_expired', 422],
      [ok.replace('<status>Actual</status>', '<status>System</status>'), 'unsupported_status', 422],
    ];
    for (const [xml, code, status] of cases) {
      const r = await importXml(xml);
      expect(r.status, code).toBe(status);
      const error = await refusalOf(r);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(8);
    }
  });

  test('only publishers may import', async () => {
    const mod = await signedIn(t, ['moderator']);
    expect((await importXml(EXAMPLE, {}, t, mod.cookie)).status).toBe(403);
    expect((await t.app.request('/api/admin/cap/import', jsonInit('POST', { xml: EXAMPLE }))).status).toBe(401);
  });

  test('malformed XML never gets a 5xx or hangs (fast-check, fixed seed)', async () => {
    const base = sampleCap({ hazard: 'rainstorm', colour: COLOURS[0], sent: t.clock.now, serial: 700 });
    const mutated = fc
      .tuple(
        fc.nat({ max: base.length }),
        fc.nat({ max: 40 }),
        fc.string({ unit: fc.constantFrom('<', '>', '&', '/', '"', ']]>', '<!', '&#0;', '\u0000', '雨', 'x', '=', ';', '\n') }),
      )
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut));
    const anything = fc.oneof(mutated, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }));
    await fc.assert(
      fc.asyncProperty(anything, async (xml) => {
        const r = await importXml(xml);
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(typeof (await refusalOf(r)).message).toBe('string');
      }),
      { seed: 24, numRuns: 150 },
    );
  });

  test('a second publisher can approve an imported red warning, which keeps its issued identifier', async () => {
    const sent = t.clock.now - 60_000;
    const r = await draftOf(await importXml(sampleCap({ hazard: 'rainstorm', colour: COLOURS[3], sent, serial: 800 })));
    const approver = desk(t, second.cookie)[':id'];
    const preview = await (await approver.preview.$get(byId(r.warning.id))).json();
    const ok = await approver.approve.$post({ ...byId(r.warning.id), json: { revision: preview.revision } });
    expect(ok.status).toBe(200);
    const published = await ok.json();
    expect(published.warning.identifier).toBe(sampleIdentifier({ sent, serial: 800 }));
  });
});
