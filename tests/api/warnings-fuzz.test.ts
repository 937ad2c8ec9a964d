import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema } from '#api/errors.ts';
import { pushPayloadSchema } from '#api/push/contract.ts';
import { payloadFor } from '#api/push/payload.ts';
import { findWarning } from '#api/warnings/store.ts';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';
import { CAP_XSD, xmlErrors } from '../fixtures/xmllint.ts';

// `npm test` runs a fixed seed and a few runs; `npm run bench:warnings-fuzz` sets FC_RUNS (and may set FC_SEED) for a long run.
const RUNS = Number(process.env['FC_RUNS'] ?? 15);
const SEED = Number(process.env['FC_SEED'] ?? 20_261_204);
const DAY = 24 * 3600_000;

/** What a publisher might paste from Word, a fax gateway or a chat app, and what breaks naive code. */
const NASTY = [
  '\u0000',
  '\u0008',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDFFF',
  '\u200B',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u202E',
  '\u2028',
  '\u00AD',
  '\r\n',
  '\r',
  '\t',
  '\u3000',
  '$&',
  "$'",
  '$`',
  '$1',
  '$$',
  '$<x>',
  ']]>',
  '<![CDATA[',
  '<script>alert(1)</script>',
  '&amp;',
  '&#0;',
  '"',
  "'",
  '<',
  '>',
  '&',
  '𠀀',
  '暴雨',
  '广陵区',
  '\u0301',
  'e\u0301',
];
const piece = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const text = (maxPieces: number) => fc.array(piece, { minLength: 0, maxLength: maxPieces }).map((p) => p.join(''));
// Usually long enough to pass, sometimes not: both answers must be clean.
const field = (prefix: string, maxPieces: number) =>
  fc.oneof({ weight: 30, arbitrary: text(maxPieces).map((s) => prefix + s) }, { weight: 1, arbitrary: text(maxPieces) });
const offset = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: -DAY, max: DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: -40 * DAY, max: 40 * DAY }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 30 * DAY, 30 * DAY + 1) },
);
const extreme = fc.constantFrom(0, -1, 1.5, 1e300, Number.MAX_SAFE_INTEGER, Date.parse('2019-12-31T23:59:59+08:00'));

// fast-check's bias towards edge values would stop most runs at the first 400; the weights above
// put edge values in on purpose, so the record is drawn without that bias.
const input = (now: number) =>
  fc
    .noBias(
      fc.record({
        status: fc.constantFrom('Actual', 'Exercise', 'Test'),
        level: fc.constantFrom('blue', 'yellow', 'orange', 'red'),
        areas: fc.subarray(['321000', '321002', '321003', '321012', '321023', '321081', '321084'], { minLength: 1 }),
        headline: field('扬州市气象台发布', 6),
        description: field('预计未来三小时内将有强降雨发生', 12),
        instruction: field('请居民避免前往低洼地带', 12),
        actions: fc.array(field('不要进地下车库', 4), { maxLength: 6 }),
        effective: fc.oneof({ weight: 30, arbitrary: offset.map((o) => now + o) }, { weight: 1, arbitrary: extreme }),
        length: fc.oneof(
          { weight: 30, arbitrary: fc.integer({ min: DAY, max: 3 * DAY }) },
          { weight: 2, arbitrary: fc.integer({ min: -3600_000, max: 40 * DAY }) },
          { weight: 1, arbitrary: extreme },
        ),
        onset: fc.option(
          offset.map((o) => now + o),
          { freq: 2 },
        ),
      }),
    )
    .map(({ length, ...w }) =>
      rainstormInput(now, { ...w, expires: w.effective + length } as Partial<Parameters<typeof rainstormInput>[1]>),
    );

/** The text of `<tag class="cls">…</tag>` in a page, entities decoded and `<br>` as line breaks. */
function shown(html: string, tag: string, cls: string | null, index = 0): string | undefined {
  const open = cls ? `<${tag} class="${cls}">` : `<${tag}>`;
  const parts = html.split(open);
  const inner = parts[index + 1]?.split(`</${tag}>`)[0];
  if (inner === undefined) return undefined;
  return inner
    .replace(/<br>/g, '\n')
    .replace(/&(lt|gt|amp|apos|quot);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[e] ?? '');
}

describe('any input is safe along the whole warning path (fast-check)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    // The page is served into the built shell; a stand-in with the same marks when the site is not built.
    const built = join(t.env.distDir, 'warnings', 'detail', 'index.html');
    const dist = mkdtempSync(join(tmpdir(), 'yzready-dist-'));
    mkdirSync(join(dist, 'warnings', 'detail'), { recursive: true });
    const shell = existsSync(built)
      ? readFileSync(built, 'utf8')
      : '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>__WARNING_TITLE__</title></head><body><main><!--WARNING_BODY--></main></body></html>';
    writeFileSync(join(dist, 'warnings', 'detail', 'index.html'), shell);
    t.env.distDir = dist;
    ({ cookie } = await signedIn(t, ['publisher']));
    // Grave messages would wait for a second publisher; that path has its own tests.
    const admin = await signedIn(t, ['admin']);
    await t.app.request('/api/admin/warning-settings', jsonInit('PUT', { twoPersonRule: false }, { cookie: admin.cookie }));
  });
  afterAll(async () => t.cleanup());

  const desk = () => warningsApi(t.app, cookie).publisher;
  const FIELDS = ['headline', 'description', 'instruction', 'actions', 'effective', 'onset', 'expires', 'reason'];

  /** A response that was not the success asked for: it must be a 4xx naming a field the publisher typed. */
  async function refused(res: { status: number; text(): Promise<string> }): Promise<undefined> {
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    const { error } = apiErrorSchema.parse(JSON.parse(text));
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    // An update names its fields under `warning.`.
    const named = Object.keys(error.fields ?? {}).map((k) => k.replace(/^warning\./, ''));
    if (error.code === 'invalid_input') expect(named.some((f) => FIELDS.includes(f.replace(/\.\d+$/, '')))).toBe(true);
    return undefined;
  }

  async function checkOutputs(ids: number[]) {
    const docs: Record<string, string> = {
      'warnings.atom': await (await t.app.request('/feeds/warnings.atom')).text(),
      'cap.atom': await (await t.app.request('/feeds/cap.atom')).text(),
    };
    const caps: Record<string, string> = {};
    for (const id of ids) {
      const cap = await t.app.request(`/api/warnings/${id}/cap.xml`);
      expect(cap.status).toBe(200);
      caps[`cap-${id}.xml`] = await cap.text();
      const row = await findWarning(t.database, id);
      if (!row) throw new Error(`warning ${id} is gone`);
      const page = await t.app.request(`/warnings/${id}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const ender = row.msgType === 'Cancel';
      // A 解除/取消 leads with its reason; every other message with its headline.
      expect(shown(html, 'p', 'lead')).toBe(ender ? row.description : row.headline);
      const actions = row.actions;
      const todo = html.split('<h2>你现在应该做什么</h2>')[1] ?? '';
      if (actions.length) {
        expect(actions.map((_, i) => shown(todo, 'li', null, i))).toEqual(actions);
        if (!ender) expect(shown(html.split('<h2>官方防御指南</h2>')[1] ?? '', 'p', null)).toBe(row.instruction);
      } else expect(shown(todo, 'p', null)).toBe(row.instruction);
      if (!ender) expect(shown(html.split('<h2>情况说明</h2>')[1] ?? '', 'p', null)).toBe(row.description);
      const { body } = await payloadFor(t.database, row, t.clock.now);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      const payload = pushPayloadSchema.parse(JSON.parse(text));
      // The lock screen leads with what changed or the first thing to do, cut whole at 200 characters.
      const full = ender
        ? payload.body
        : `${row.changeNote ? `更新：${row.changeNote}。` : ''}${actions[0] ? `现在就做：${actions[0]}` : row.headline}`;
      expect(full.startsWith(payload.body)).toBe(true);
      expect([...payload.body].length).toBeLessThanOrEqual(200);
    }
    expect(xmlErrors({ ...docs, ...caps })).toBe('');
    expect(xmlErrors(caps, CAP_XSD)).toBe('');
    for (const path of ['/api/warnings', '/api/warnings?all=1', '/api/admin/warnings']) {
      expect((await t.app.request(path, { headers: { cookie } })).status).toBe(200);
    }
  }

  test(
    'draft → publish → update → cancel → feeds → page → payload never answers 5xx and stays well-formed',
    { timeout: 30_000 + RUNS * 2000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(input(t.clock.now), input(t.clock.now), text(8), async (first, second, reason) => {
          const ids: number[] = [];
          const made = await desk().index.$post({ json: first });
          if (made.status !== 201) return refused(made);
          const draft = (await made.json()).warning;
          const published = await desk()[':id'].publish.$post({ ...byId(draft.id), json: { confirm: true } });
          if (published.status !== 200) return refused(published);
          const live = (await published.json()).warning;
          ids.push(live.id);
          const updated = await desk()[':id'].update.$post({ ...byId(live.id), json: { warning: second, confirm: true } });
          const update = updated.status === 200 ? (await updated.json()).warning : await refused(updated);
          if (update) ids.push(update.id);
          const target = update ?? live;
          const cancelled = await desk()[':id'].cancel.$post({ ...byId(target.id), json: { reason: `降雨已明显减弱${reason}` } });
          const cancel = cancelled.status === 200 ? (await cancelled.json()).warning : await refused(cancelled);
          if (cancel) ids.push(cancel.id);
          await checkOutputs(ids);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
  );
});
