import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ContestDetail } from '../../api/contests/admin-views.ts';
import { createContest, jsonInit, organiserApp, type TestApp } from './contests-fixture.ts';

/** A refusal as every client reads it: a 4xx with `{ error: { code, message } }`, the message in Chinese. */
async function expectClearAnswer(res: Response, ok: number[]) {
  if (ok.includes(res.status)) return;
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const body = (await res.json()) as { error: { code: string; message: string } };
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

  test('joining with any name, team and device token answers 201 (waiting) or a clear refusal', async () => {
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
          await expectClearAnswer(res, [200, 201]);
          if (res.status === 201) expect(((await res.json()) as { attempt: { state: string } }).attempt.state).toBe('waiting');
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
