import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema } from '#api/errors.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { createContest, organiser, started } from './contests-fixture.ts';
import { ideaInput, newDevice, openCampaign, publishedIdea, residentApi } from './ideas-fixture.ts';

// Property-based checks over every route a resident can call without a session: whatever arrives
// in any field, the answer is a 4xx with the JSON error body (naming the field where the field is
// at fault), never a 5xx. Fixed seed, so `npm test` runs the same cases every time.
const SEED = 22;

/** An input of a route that the checks start from, valid as it stands. */
interface Example {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A fresh valid body per call (new device tokens, so rate limits and one-per-device rules do not mask the checks). */
  body?: () => Record<string, unknown>;
  /** Fewer runs where each request costs a scrypt hash. */
  runs?: number;
}

/** 400 codes that deliberately name no field: the honeypot must not tell a script which field gave it away. */
const FIELDLESS = new Set(['rejected', 'endpoint_not_allowed']);

let t: Awaited<ReturnType<typeof createTestApp>>;
let routes: Array<{ method: string; path: string }>;
let examples: Record<string, Example>;
let client = 0;

beforeAll(async () => {
  t = await createTestApp();
  // Taken from the router itself, so a public route added later is checked without anyone listing it.
  const seen = new Set<string>();
  routes = t.app.routes
    .filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/admin') && r.method !== 'ALL')
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
  const { campaignId } = await openCampaign(t);
  const supported = await publishedIdea(t, campaignId);
  const reported = await publishedIdea(t, campaignId, { title: '给每栋楼配一名应急联络员' }, 'resident-2');
  const contest = await createContest(t, await organiser(t));
  const joined = await started(t, contest.code, { name: '王小明' });
  const { token: formToken } = await (await residentApi(t)['form-token'].$get()).json();
  // Long enough ago that the minimum fill time has passed for every submission below.
  t.clock.advance(6000);
  const idea = String(supported.id);
  examples = {
    'GET /api/ideas': {
      query: { campaign: String(campaignId), theme: '物资保障', district: '321002', status: 'all', sort: 'support', page: '1' },
    },
    'GET /api/ideas/results': { query: { campaign: String(campaignId) } },
    'GET /api/ideas/export.csv': { query: { campaign: String(campaignId) } },
    'GET /api/ideas/campaigns/:id{[0-9]+}': { params: { id: String(campaignId) } },
    'GET /api/ideas/:id{[0-9]+}': { params: { id: idea } },
    'GET /api/ideas/:id{[0-9]+}/photo': { params: { id: idea } },
    'POST /api/ideas/similar': { body: () => ({ campaignId, title: '应急物资共享柜', summary: '社区放置共享柜' }) },
    'POST /api/ideas/submissions': {
      body: () => ({ ...ideaInput(campaignId), formToken, passphrase: '东关街那口老井' }),
    },
    'POST /api/ideas/:id{[0-9]+}/support': { params: { id: idea }, body: () => ({ device: newDevice() }) },
    'POST /api/ideas/:id{[0-9]+}/report': {
      params: { id: String(reported.id) },
      body: () => ({ device: newDevice(), reason: '内容与应急无关' }),
    },
    'POST /api/ideas/track': { body: () => ({ code: supported.receipt }) },
    'POST /api/ideas/recover': { body: () => ({ contact: '13912345678', passphrase: '东关街那口老井' }), runs: 3 },
    'GET /api/contests/join/:code': { params: { code: contest.code } },
    'POST /api/contests/join/:code': {
      params: { code: contest.code },
      body: () => ({ name: `参赛者${++client}`, team: '三（1）班', className: '', studentNo: '', deviceToken: newDevice() }),
    },
    'GET /api/contests/attempts/:token': { params: { token: joined.attempt.token } },
    'PUT /api/contests/attempts/:token/answers/:n': {
      params: { token: joined.attempt.token, n: '0' },
      body: () => ({ choice: [0], rev: t.clock.now }),
    },
    'GET /api/contests/board/:code': { params: { code: contest.code } },
    'POST /api/subscriptions': {
      body: () => ({
        districts: ['321002'],
        hazards: null,
        minLevel: 'blue',
        exercises: false,
        subscription: {
          endpoint: `https://fcm.googleapis.com/fcm/send/${newDevice()}`,
          keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 7).toString('base64url') },
        },
      }),
    },
    'PUT /api/subscriptions/:id': { params: { id: '1' }, body: () => ({ districts: ['321002'], minLevel: 'yellow' }) },
    'POST /api/auth/login': { body: () => ({ username: 'nobody', password: 'not-the-password-1' }), runs: 3 },
  };
}, 60_000);
afterAll(async () => t.cleanup());

/** A JSON value of any shape, strings from all of Unicode. */
const anyJson = fc.jsonValue({ maxDepth: 2 });
/** Text from anywhere in Unicode (whole graphemes, so it can go into a URL). */
const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });
/** A valid value with a few characters replaced by arbitrary ones: near misses that pass a length check. */
const nearMiss = (valid: string) =>
  fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), { minLength: 1, maxLength: 3 }).map((edits) => {
    const chars = [...valid];
    for (const [at, ch] of edits) if (chars.length) chars[at % chars.length] = ch;
    return chars.join('');
  });
/** Arbitrary replacements for a field whose valid value is `valid`. */
const replacementFor = (valid: unknown) =>
  typeof valid === 'string' && valid.length > 0 ? fc.oneof(anyJson, anyText, nearMiss(valid)) : fc.oneof(anyJson, anyText);

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => encodeURIComponent(params[name] ?? '1'));

/** Sends a request as a fresh client address (rate limits per address would otherwise answer first). */
function send(method: string, path: string, query: Record<string, string>, payload: string | undefined) {
  const qs = new URLSearchParams(query).toString();
  const url = qs ? `${path}?${qs}` : path;
  const headers = { 'x-test-client': `fuzz-${++client}` };
  if (method === 'GET') return t.app.request(url, { headers });
  const init = jsonInit(method, null, headers);
  return t.app.request(url, { ...init, body: payload ?? '{}' });
}

/** No 5xx; every error is the JSON error body; a 400 for a field names that field. */
async function checkAnswer(res: Response, label: string, field?: string): Promise<void> {
  if (res.status >= 500) throw new Error(`${label} → ${res.status} ${await res.text()}`);
  if (res.status < 400) return;
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${label} → ${res.status} is not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = apiErrorSchema.safeParse(json);
  if (!parsed.success || !parsed.data.error.message) throw new Error(`${label} → ${res.status} without the error body: ${text}`);
  const { code, fields } = parsed.data.error;
  if (field && res.status === 400 && !FIELDLESS.has(code)) {
    const named = Object.keys(fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`));
    if (!named) throw new Error(`${label} → 400 ${code} does not name ${field}: ${text}`);
  }
}

describe('every public API route, with any input', () => {
  test('the router has the public routes residents use', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    for (const key of Object.keys(examples)) expect(listed, key).toContain(key);
  });

  test('answers arbitrary path parameters, queries and bodies with a 4xx JSON error or success, never a 5xx', async () => {
    for (const r of routes) {
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
      const input = fc.record({
        params: fc.tuple(...names.map(() => fc.oneof(anyText, fc.integer().map(String)))),
        query: fc.dictionary(anyText, anyText, { maxKeys: 3 }),
        payload: fc.oneof(
          anyJson.map((v) => JSON.stringify(v)),
          fc.dictionary(anyText, anyJson, { maxKeys: 4 }).map((v) => JSON.stringify(v)),
          fc.string({ unit: 'binary', maxLength: 60 }),
        ),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, payload }) => {
          const path = fill(r.path, Object.fromEntries(names.map((n, i) => [n, params[i] ?? ''])));
          await checkAnswer(await send(r.method, path, query, payload), `${r.method} ${path}`);
        }),
        { seed: SEED, numRuns: examples[`${r.method} ${r.path}`]?.runs ?? 12 },
      );
    }
  });

  test('answers any value in any one field of a valid request, naming the field when it refuses it', async () => {
    for (const [key, ex] of Object.entries(examples)) {
      const [method = 'GET', path = ''] = key.split(' ');
      const fields: Array<{ where: 'params' | 'query' | 'body'; name: string; valid: unknown }> = [
        ...Object.entries(ex.params ?? {}).map(([name, valid]) => ({ where: 'params' as const, name, valid })),
        ...Object.entries(ex.query ?? {}).map(([name, valid]) => ({ where: 'query' as const, name, valid })),
        ...Object.entries(ex.body?.() ?? {}).map(([name, valid]) => ({ where: 'body' as const, name, valid })),
      ];
      for (const f of fields) {
        const values = f.where === 'body' ? replacementFor(f.valid) : fc.oneof(anyText, nearMiss(String(f.valid)));
        await fc.assert(
          fc.asyncProperty(values, async (value) => {
            const params = { ...ex.params, ...(f.where === 'params' ? { [f.name]: String(value) } : {}) };
            const query = { ...ex.query, ...(f.where === 'query' ? { [f.name]: String(value) } : {}) };
            const payload = ex.body ? { ...ex.body(), ...(f.where === 'body' ? { [f.name]: value } : {}) } : undefined;
            const url = fill(path, params);
            await checkAnswer(await send(method, url, query, payload && JSON.stringify(payload)), `${method} ${url} ${f.name}`, f.name);
          }),
          { seed: SEED, numRuns: ex.runs ?? 10 },
        );
      }
    }
  });
});
