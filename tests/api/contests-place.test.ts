// A participant's rank on their result page (counted inside the database) is the rank the board gives them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { placeOf } from '#api/contests/place.ts';
import { rankIndividuals } from '#api/contests/ranking.ts';
import { createAccount } from '#api/accounts/store.ts';
import { GOOD_PASSWORD } from '../fixtures/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/db.ts';

describe('a participant’s place', () => {
  let t: TestDatabase;
  let organiserId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const organiser = await createAccount(
      t.database,
      { username: 'place.organiser', displayName: '排名测试', password: GOOD_PASSWORD, roles: ['organizer'] },
      Date.now(),
    );
    organiserId = organiser?.id ?? 0;
  });
  afterAll(async () => t.cleanup());

  // Few people, few scores and few times, so that ties and repeated attempts are common.
  const attempt = fc.record({
    person: fc.integer({ min: 0, max: 5 }),
    correct: fc.integer({ min: 0, max: 3 }),
    usedS: fc.integer({ min: 1, max: 4 }),
    submitted: fc.boolean(),
  });

  test('matches the board’s rank and count for every participant, with ties and several attempts each', async () => {
    let contestId = 1000;
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { maxLength: 14 }), async (attempts) => {
        contestId += 1;
        const started = 1_000_000;
        const next = new Map<number, number>();
        const rows = attempts.map((a, i) => {
          const no = (next.get(a.person) ?? 0) + 1;
          next.set(a.person, no);
          // Equal times used are common; no two hand-ins at the same moment.
          const startedAt = started + i;
          return { ...a, id: contestId * 100 + i, no, startedAt, submittedAt: a.submitted ? startedAt + a.usedS * 1000 : null };
        });
        // Attempts belong to a contest (a foreign key): one per run.
        const contest = {
          sql: `INSERT INTO contests (id, code, title, unit_name, created_by, opens_at, closes_at, audience, selection, time_limit_ms, created_at, updated_at)
                VALUES (?, ?, '名次测试', '测试单位', ?, ?, ?, '小学', '{"mode":"mix","count":5}', 3600000, ?, ?)`,
          args: [contestId, `P${contestId}`, organiserId, started, started + 3600_000, started, started],
        };
        await t.database.client.batch(
          [
            contest,
            ...rows.map((r) => ({
              sql: `INSERT INTO contest_attempts (id, contest_id, participant_key, name_key, attempt_no, name, device_hash, started_at,
                    deadline, submitted_at, correct, question_order, option_orders, certificate_code)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', ?)`,
              args: [
                r.id,
                contestId,
                `p${r.person}`,
                `p${r.person}`,
                r.no,
                `参赛者${r.person}`,
                `d${r.id}`,
                r.startedAt,
                started + 3600_000,
                r.submittedAt,
                r.submitted ? r.correct : null,
                `C${r.id}`,
              ],
            })),
          ],
          'write',
        );
        const finished = rows.flatMap((r) =>
          r.submittedAt === null
            ? []
            : [
                {
                  attemptId: r.id,
                  participantKey: `p${r.person}`,
                  name: '',
                  team: '',
                  correct: r.correct,
                  timeUsedMs: r.usedS * 1000,
                  submittedAt: r.submittedAt,
                },
              ],
        );
        const board = rankIndividuals(finished, 3);
        for (let person = 0; person <= 5; person++) {
          const place = await placeOf(t.database, contestId, `p${person}`);
          const mine = board.find((p) => p.participantKey === `p${person}`);
          expect(place).toEqual({ rank: mine?.rank ?? null, ranked: board.length, bestAttemptId: mine?.attemptId ?? null });
        }
      }),
      { seed: 20270515, numRuns: 60 },
    );
  });
});
