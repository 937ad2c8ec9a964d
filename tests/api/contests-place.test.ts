// A participant's rank on their result page is the rank the board gives them: when everyone's results
// are read at once, and when hand-ins arrive one by one while the standings are remembered.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { closeExpired } from '#api/contests/attempts.ts';
import { placeOf, STANDINGS_MS } from '#api/contests/place.ts';
import { rankIndividuals } from '#api/contests/ranking.ts';
import { createAccount } from '#api/accounts/store.ts';
import { GOOD_PASSWORD } from '../fixtures/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/db.ts';

/** One attempt as the properties make it: who, how many right, seconds used, handed in or not. */
interface Attempt {
  person: number;
  correct: number;
  usedS: number;
  submitted: boolean;
}

describe('a participant’s place', () => {
  let t: TestDatabase;
  let organiserId: number;
  let contestId = 1000;
  const started = 1_000_000;
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

  /** A new contest (attempts belong to one: a foreign key), its id. */
  async function newContest(): Promise<number> {
    contestId += 1;
    await t.database.client.execute({
      sql: `INSERT INTO contests (id, code, title, unit_name, created_by, opens_at, closes_at, audience, selection, time_limit_ms, created_at, updated_at)
            VALUES (?, ?, '名次测试', '测试单位', ?, ?, ?, '小学', '{"mode":"mix","count":5}', 3600000, ?, ?)`,
      args: [contestId, `P${contestId}`, organiserId, started, started + 3600_000, started, started],
    });
    return contestId;
  }

  /** The attempts as rows: numbered per person, started one after another (no two hand-ins at the same moment). */
  function rowsOf(contest: number, attempts: Attempt[]) {
    const next = new Map<number, number>();
    return attempts.map((a, i) => {
      const no = (next.get(a.person) ?? 0) + 1;
      next.set(a.person, no);
      const startedAt = started + i;
      return { ...a, id: contest * 100 + i, no, startedAt, submittedAt: a.submitted ? startedAt + a.usedS * 1000 : null };
    });
  }
  type Row = ReturnType<typeof rowsOf>[number];

  /** Stores attempts as the server would have (in one transaction). */
  async function store(contest: number, rows: Row[]) {
    await t.database.client.batch(
      rows.map((r) => ({
        sql: `INSERT INTO contest_attempts (id, contest_id, participant_key, name_key, attempt_no, name, device_hash, started_at,
              deadline, submitted_at, correct, question_order, option_orders, certificate_code)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', ?)`,
        args: [
          r.id,
          contest,
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
      'write',
    );
  }

  /** Every participant's place on the board made from the finished attempts. */
  async function expectBoard(contest: number, rows: Row[]) {
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
      const place = await placeOf(t.database, contest, `p${person}`);
      const mine = board.find((p) => p.participantKey === `p${person}`);
      expect(place).toEqual({ rank: mine?.rank ?? null, ranked: board.length, bestAttemptId: mine?.attemptId ?? null });
    }
  }

  test('matches the board’s rank and count for every participant, with ties and several attempts each', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { maxLength: 14 }), async (attempts) => {
        const contest = await newContest();
        const rows = rowsOf(contest, attempts);
        await store(contest, rows);
        await expectBoard(contest, rows);
      }),
      { seed: 20270515, numRuns: 60 },
    );
  });

  // The standings are remembered for a second: a hand-in here must still count at once, for the one who
  // handed in (who asks for their place right away) and for everyone who asks after them.
  test('matches the board when hand-ins arrive one by one, each asking for their place at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 14 }), fc.nat(5), async (attempts, asker) => {
        const contest = await newContest();
        const rows = rowsOf(contest, attempts);
        // Someone looks before anyone has handed in: the standings are read now, empty.
        expect(await placeOf(t.database, contest, `p${asker}`)).toEqual({ rank: null, ranked: 0, bestAttemptId: null });
        for (const row of rows) {
          await store(contest, [row]);
          if (row.submitted) await placeOf(t.database, contest, `p${row.person}`);
        }
        await expectBoard(contest, rows);
      }),
      { seed: 20271204, numRuns: 40 },
    );
  });

  test('counts a hand-in made elsewhere within a second, and attempts closed at their deadline at once', async () => {
    const contest = await newContest();
    const [first, elsewhere, late] = rowsOf(contest, [
      { person: 0, correct: 2, usedS: 3, submitted: true },
      { person: 1, correct: 3, usedS: 3, submitted: true },
      { person: 2, correct: 0, usedS: 1, submitted: false },
    ]);
    if (!first || !elsewhere || !late) throw new Error('three attempts');
    await store(contest, [first]);
    expect(await placeOf(t.database, contest, 'p0')).toMatchObject({ rank: 1, ranked: 1 });
    // Another server process stores a better hand-in: this one learns of it when its standings are a second old.
    await store(contest, [elsewhere]);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + STANDINGS_MS);
      expect(await placeOf(t.database, contest, 'p0')).toMatchObject({ rank: 2, ranked: 2 });
    } finally {
      vi.useRealTimers();
    }
    // An attempt whose deadline has passed is closed by the server and counts from then on.
    await store(contest, [late]);
    await t.database.client.execute({
      sql: 'UPDATE contest_attempts SET deadline = ? WHERE id = ?',
      args: [late.startedAt + 500, late.id],
    });
    await closeExpired(t.database, contest, late.startedAt + 1000);
    expect(await placeOf(t.database, contest, 'p0')).toMatchObject({ rank: 2, ranked: 3 });
  });
});
