import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HAZARDS } from '#api/domain/hazards.ts';
import { signedIn, appSignedInAs, type TestApp } from '#tests/fixtures/accounts.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { createTestApp } from '../fixtures/app.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';
import { CAP_XSD, xmlErrors } from '../fixtures/xmllint.ts';

const english = {
  headlineEn: 'Yangzhou Meteorological Observatory issues an orange rainstorm warning',
  descriptionEn: 'More than 50 mm of rain is expected in Guangling & Hanjiang within 3 hours.\nSome roads <under bridges> may flood.',
  instructionEn: 'Keep away from underpasses and basements.\nDo not drive through floodwater.',
};

/** The text of `element` in the `n`th CAP info block, read back by xmllint's XPath. */
function infoText(xml: string, n: number, element: string): string {
  const res = spawnSync('xmllint', ['--xpath', `string(//*[local-name()='info'][${n}]/*[local-name()='${element}'])`, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (res.error) throw new Error(`xmllint is needed (apt-get install libxml2-utils): ${res.error.message}`);
  // xmllint ends what it prints with a newline of its own.
  return res.stdout.replace(/\n$/, '');
}

describe('warnings in English', () => {
  let t: TestApp, cookie: string;
  beforeAll(async () => ({ t, cookie } = await appSignedInAs(['publisher'])));
  afterAll(async () => t.cleanup());

  const desk = () => warningsApi(t.app, cookie).publisher;
  async function publish(over: Parameters<typeof rainstormInput>[1] = {}): Promise<number> {
    const res = await desk().index.$post({ json: rainstormInput(t.clock.now, over) });
    expect(res.status).toBe(201);
    const { warning } = await res.json();
    expect((await desk()[':id'].publish.$post({ ...byId(warning.id), json: { confirm: true } })).status).toBe(200);
    return warning.id;
  }

  test('the templates offer English text for every hazard', async () => {
    const body = await (await warningsApi(t.app, cookie).templates.index.$get()).json();
    expect(body.english.map((e) => e.hazard).sort()).toEqual(Object.keys(HAZARDS).sort());
    expect(body.english.every((e) => /[A-Za-z]{4,}/.test(e.instruction))).toBe(true);
    // Every weather signal has its level's standard in English, with nothing left to fill in, as the Chinese signal text.
    for (const s of body.signals) {
      const en = body.english.find((e) => e.hazard === s.hazard);
      expect(en?.levels?.[s.level], `${s.hazard} ${s.level}`).toMatch(/^[^[\]]{20,}$/);
      expect(en?.instruction).not.toMatch(/[[\]]/);
    }
  });

  test('refuses English with a part missing, naming the empty fields', async () => {
    const res = await desk().index.$post({ json: rainstormInput(t.clock.now, { headlineEn: english.headlineEn }) });
    expect(res.status).toBe(400);
    const err = apiErrorSchema.parse(await res.json()).error;
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(['descriptionEn', 'instructionEn']);
    expect(err.fields?.['descriptionEn']).toMatch(/英文/);
  });

  test('a warning with English carries a second CAP info (en-US) that validates and gives the text back unchanged', async () => {
    const id = await publish(english);
    const xml = await (await t.app.request(`/api/warnings/${id}/cap.xml`)).text();
    expect(xmlErrors({ 'alert.xml': xml }, CAP_XSD)).toBe('');
    expect(xml.match(/<info>/g)).toHaveLength(2);
    expect(infoText(xml, 1, 'language')).toBe('zh-CN');
    expect(infoText(xml, 1, 'description')).toBe(rainstormInput(0).description);
    expect(infoText(xml, 2, 'language')).toBe('en-US');
    expect(infoText(xml, 2, 'event')).toBe('Rainstorm warning');
    expect(infoText(xml, 2, 'headline')).toBe(`Orange Rainstorm Warning: ${english.headlineEn}`);
    expect(infoText(xml, 2, 'description')).toBe(english.descriptionEn);
    expect(infoText(xml, 2, 'instruction')).toBe(english.instructionEn);
    expect(infoText(xml, 2, 'severity')).toBe('Severe');
    expect(infoText(xml, 2, 'web')).toMatch(new RegExp(`/en/warnings/${id}/$`));
    const stored = await (await desk()[':id'].$get(byId(id))).json();
    expect(stored.input).toMatchObject(english);
  });

  test('a warning without English has one info only, and blank English counts as none', async () => {
    const id = await publish({ headlineEn: '  ', descriptionEn: '', instructionEn: null });
    const xml = await (await t.app.request(`/api/warnings/${id}/cap.xml`)).text();
    expect(xmlErrors({ 'alert.xml': xml }, CAP_XSD)).toBe('');
    expect(xml.match(/<info>/g)).toHaveLength(1);
  });

  test('lifting a warning that had English says so in English too', async () => {
    const id = await publish(english);
    const res = await desk()[':id'].cancel.$post({ ...byId(id), json: { reason: '降雨已经减弱，积水正在消退。', allClear: true } });
    expect(res.status).toBe(200);
    const cancel = (await res.json()).warning.id;
    const xml = await (await t.app.request(`/api/warnings/${cancel}/cap.xml`)).text();
    expect(xmlErrors({ 'alert.xml': xml }, CAP_XSD)).toBe('');
    expect(infoText(xml, 2, 'headline')).toBe('Rainstorm Warning Lifted: the danger has passed');
    expect(infoText(xml, 2, 'responseType')).toBe('AllClear');
  });

  // The English page is rendered into the built shell (dist/en/warnings/detail/), so this needs `npm run build` first.
  describe.runIf(existsSync('dist/en/warnings/detail/index.html'))('the English warning page', () => {
    test('shows the English text, and links to the Chinese page both ways with hreflang', async () => {
      const id = await publish(english);
      const res = await t.app.request(`/en/warnings/${id}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="en"');
      expect(html).toContain('<h1>Orange Rainstorm Warning</h1>');
      expect(html).toContain('Some roads &lt;under bridges&gt; may flood.');
      expect(html).toContain('Keep away from underpasses and basements.<br>Do not drive through floodwater.');
      expect(html).toContain('Guangling District, Hanjiang District');
      expect(html).toMatch(new RegExp(`<link rel="alternate" hreflang="zh-CN" href="[^"]*/warnings/${id}/"`));
      const zh = await (await t.app.request(`/warnings/${id}/`)).text();
      expect(zh).toMatch(new RegExp(`<link rel="alternate" hreflang="en" href="[^"]*/en/warnings/${id}/"`));
      expect(zh).toContain('扬州市气象台发布暴雨橙色预警信号');
    });

    test('without English, shows the level and hazard in English and says the text is in Chinese', async () => {
      const id = await publish({ level: 'yellow', hazard: 'heat', headline: '扬州市气象台发布高温黄色预警信号' });
      const html = await (await t.app.request(`/en/warnings/${id}/`)).text();
      expect(html).toContain('<h1>Yellow Heat Warning</h1>');
      expect(html).toContain('Yellow warning (Level III, moderate)');
      expect(html).toContain('The office has not published English text for this warning.');
      expect(html).toContain(`href="/warnings/${id}/"`);
    });

    test('a draft or unknown warning has no English page', async () => {
      const res = await desk().index.$post({ json: rainstormInput(t.clock.now, english) });
      const { warning } = await res.json();
      expect((await t.app.request(`/en/warnings/${warning.id}/`)).status).toBe(404);
      expect((await t.app.request('/en/warnings/999999/')).status).toBe(404);
    });
  });
});

describe('any English text is safe in the CAP document and the English page (fast-check)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    // A stand-in English shell with the same marks, so this runs without a build.
    const dist = mkdtempSync(join(tmpdir(), 'yzready-dist-en-'));
    mkdirSync(join(dist, 'en', 'warnings', 'detail'), { recursive: true });
    const shell =
      '<!doctype html><html lang="en"><head><title>__WARNING_TITLE__</title></head><body><main><!--WARNING_BODY--></main></body></html>';
    writeFileSync(join(dist, 'en', 'warnings', 'detail', 'index.html'), shell);
    t.env.distDir = dist;
    ({ cookie } = await signedIn(t, ['publisher']));
  });
  afterAll(async () => t.cleanup());

  // What a translator might paste: markup, entities, `$` patterns, control and bidi characters, emoji, CJK.
  const piece = fc.oneof(
    fc.constantFrom('<b>', '&amp;', ']]>', '$&', "$'", '"', "'", '\u0000', '\u202E', '\uFEFF', '\r\n', '\t', '😀', '广陵区', ' '),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
  );
  const text = (prefix: string) => fc.array(piece, { maxLength: 8 }).map((p) => prefix + p.join(''));

  test('a draft is either refused with a 4xx naming an English field or published with valid CAP and the same text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(text('Heavy rain '), { freq: 4 }),
        fc.option(text('Rain is expected '), { freq: 4 }),
        fc.option(text('Keep away '), { freq: 4 }),
        async (headlineEn, descriptionEn, instructionEn) => {
          const desk = warningsApi(t.app, cookie).publisher;
          const res = await desk.index.$post({ json: rainstormInput(t.clock.now, { headlineEn, descriptionEn, instructionEn }) });
          expect(res.status).toBeLessThan(500);
          if (res.status !== 201) {
            expect(res.status).toBe(400);
            const { error } = apiErrorSchema.parse(await res.json());
            expect(error.message).toMatch(/[\u4e00-\u9fff]/);
            expect(Object.keys(error.fields ?? {}).every((f) => f.endsWith('En'))).toBe(true);
            return;
          }
          const { id } = (await res.json()).warning;
          expect((await desk[':id'].publish.$post({ ...byId(id), json: { confirm: true } })).status).toBe(200);
          const stored = (await (await desk[':id'].$get(byId(id))).json()).input;
          const xml = await (await t.app.request(`/api/warnings/${id}/cap.xml`)).text();
          expect(xmlErrors({ 'alert.xml': xml }, CAP_XSD)).toBe('');
          const page = await t.app.request(`/en/warnings/${id}/`);
          expect(page.status).toBe(200);
          const html = await page.text();
          expect(html).not.toMatch(/<b>|<!--WARNING_BODY-->|__WARNING_TITLE__/);
          if (stored.headlineEn === null) {
            expect(xml.match(/<info>/g)).toHaveLength(1);
            expect(html).toContain('The office has not published English text for this warning.');
            return;
          }
          expect(infoText(xml, 2, 'headline')).toBe(`Orange Rainstorm Warning: ${stored.headlineEn}`);
          expect(infoText(xml, 2, 'description')).toBe(stored.descriptionEn);
          expect(infoText(xml, 2, 'instruction')).toBe(stored.instructionEn);
        },
      ),
      { numRuns: 12, seed: 20_261_204 },
    );
  }, 60_000);
});
