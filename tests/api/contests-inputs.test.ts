import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { joinResponseSchema, joinSchema, type ContestDetail } from '#api/contests/contract.ts';
import { ApiRequestError } from '#site/lib/api-client.ts';
import { checked } from '#site/islands/contest/contest-api.ts';
import { createContest, errorOf, jsonInit, type TestApp, organiserApp } from '#tests/api/contests-fixture.ts';

/** A refusal as every client reads it: a 4xx with `{ error: { code, message } }`, the message in Chinese. */
async function expectClearAnswer(res: Response, ok: number[]) {
  if (ok.includes(res.status)) return;
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const body = { error: await errorOf(res) };
  expect(body.error.code).toMatch(/^[a-z_]+$/);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('contest routes under arbitrary input (property)', () => {
  let t: TestApp;
  let cookie: string;
  let contest: ContestDetail;
  beforeAll(async () => {
    ({ t, cookie } = await organiserApp());
    contest = await createContest(t, cookie, { opensAt: t.clock.now + 10 * 60_000, teamMode: 'free', teams: [] });
  });
  afterAll(async () => t.cleanup());
  const params = { seed: 20270512, numRuns: 40 };

  test('codes in the path: join lookup, board, certificate check, its QR code and its PDF never fail with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 30 }), fc.constant(contest.code.toLowerCase())), async (typed) => {
        const code = encodeURIComponent(typed) || '%20';
        for (const [path, ok] of [
          [`/api/contests/join/${code}`, [200]],
          [`/api/contests/board/${code}`, [200]],
          [`/api/contests/certificates/${code}`, [200]],
          [`/api/contests/certificates/${code}/qr.svg`, [200]],
          [`/api/contests/certificates/${code}/certificate.pdf`, [200]],
        ] as const)
          await expectClearAnswer(await t.app.request(path, { headers: { 'x-test-client': `prop-${typed.length % 7}` } }), [...ok]);
      }),
      params,
    );
  });

  test('joining with any name, team and device token answers 201 (waiting) or a clear refusal; the join form refuses what the API refuses, in its words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.string({ maxLength: 25, unit: 'grapheme' }),
          team: fc.string({ maxLength: 35 }),
          className: fc.string({ maxLength: 5 }),
          studentNo: fc.string({ maxLength: 5 }),
          deviceToken: fc.oneof(fc.stringMatching(/^[\w-]{16,64}$/), fc.string({ maxLength: 70 })),
        }),
        async (body) => {
          const res = await t.app.request(`/api/contests/join/${contest.code}`, jsonInit('POST', body, { 'x-test-client': 'prop-join' }));
          await expectClearAnswer(res.clone(), [200, 201]);
          if (res.status === 201) expect(joinResponseSchema.parse(await res.json()).attempt.state).toBe('waiting');
          // What the page checks before sending: a refusal there is the API's own 400, word for word.
          let local: ApiRequestError | null = null;
          try {
            checked(joinSchema, body);
          } catch (err) {
            if (!(err instanceof ApiRequestError)) throw err;
            local = err;
          }
          if (local) {
            expect(res.status).toBe(400);
            expect(await errorOf(res)).toMatchObject({ code: 'invalid_input', message: local.message, fields: local.fields });
          }
        },
      ),
      params,
    );
  });

  test('the organiser’s stream and start take only a contest id of their own unit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)), async (id) => {
        const path = `/api/admin/contests/${encodeURIComponent(id) || '%20'}`;
        await expectClearAnswer(
          await t.app.request(`${path}/open`, jsonInit('POST', {}, { cookie })),
          id === String(contest.id) ? [200] : [],
        );
        const stream = await t.app.request(`${path}/stream`, { headers: { cookie } });
        if (stream.status === 200) await stream.body?.cancel();
        else await expectClearAnswer(stream, []);
      }),
      params,
    );
  });
});
