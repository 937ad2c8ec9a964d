import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema } from '#api/errors.ts';
import { GOOD_PASSWORD, login, makeAccount } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

/** Fixed seed: `npm test` runs the same cases every time; a failure prints its seed and path to replay. */
const RUNS = { seed: 20270512, numRuns: 60 };

/** Whatever JSON a client sends: objects with the expected keys holding anything, and anything else. */
const anyBody = (keys: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue())])), { requiredKeys: [] }),
    fc.jsonValue(),
  );

describe('sign-in routes under arbitrary input', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let cookie = '';
  let username = '';
  beforeAll(async () => {
    t = await createTestApp();
    const judge = await makeAccount(t, ['judge']);
    username = judge.username;
    cookie = await login(t, username);
  });
  afterAll(async () => t.cleanup());

  /** A 4xx with the project's JSON error body; never a 5xx, never a session for a wrong password. */
  async function expectClearRefusal(res: Response) {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = apiErrorSchema.parse(await res.json());
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.headers.get('set-cookie')).toBeNull();
  }

  test('POST /api/auth/login answers anything but the right password with a clear 4xx', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyBody(['username', 'password', 'code']), fc.boolean(), async (body, asJudge) => {
        const sent = asJudge && typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, username } : body;
        if (typeof sent === 'object' && sent !== null && (sent as { password?: unknown }).password === GOOD_PASSWORD) return;
        // A fresh address for every case, so that the throttle answers as it would to a first attempt.
        await expectClearRefusal(await t.app.request('/api/auth/login', jsonInit('POST', sent, { 'x-test-client': `p${++n}` })));
      }),
      RUNS,
    );
  }, 120_000);

  test('POST /api/auth/second-factor/confirm answers anything without a setup with a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody(['code']), async (body) => {
        await expectClearRefusal(await t.app.request('/api/auth/second-factor/confirm', jsonInit('POST', body, { cookie })));
      }),
      RUNS,
    );
  });
});
