import { randomFillSync } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { auditInsertWhen, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { contestQuestions, contests, type ContestQuestionRow, type ContestRow } from '../db/schema.ts';
import type { BankQuestion } from './bank.ts';
import { newJoinCode } from './codes.ts';
import type { ContestStatus } from './contract.ts';

/** A contest's question (its JSON columns come parsed by the schema). */
export type ContestQuestion = ContestQuestionRow;

/** Where a contest stands at `now`. */
export function statusOf(c: Pick<ContestRow, 'opensAt' | 'closesAt'>, now: number): ContestStatus {
  return now < c.opensAt ? 'scheduled' : now < c.closesAt ? 'open' : 'closed';
}

/** The team list of a contest. */
export const teamsOf = (c: Pick<ContestRow, 'teams'>): string[] => c.teams;

/** Stores a contest and its questions in one batch, retrying on the rare clash of join codes. */
export async function insertContest(
  database: Database,
  values: Omit<typeof contests.$inferInsert, 'code' | 'id'>,
  questions: readonly BankQuestion[],
  audit?: (code: string) => AuditInput,
): Promise<ContestRow> {
  for (let tries = 0; ; tries++) {
    const code = newJoinCode();
    const id = sql`(SELECT id FROM contests WHERE code = ${code})`;
    try {
      await database.write((db) =>
        db.batch([
          db.insert(contests).values({ ...values, code }),
          db.insert(contestQuestions).values(
            questions.map((q, position) => ({
              contestId: id,
              position,
              questionId: q.id,
              type: q.type,
              stem: q.stem,
              options: q.options,
              answer: q.answer,
              explanation: q.explanation,
              guide: q.guide,
              category: q.category,
              difficulty: q.difficulty,
            })),
          ),
          // The audit entry commits with the contest.
          ...(audit ? [auditInsertWhen(db, { ...audit(code), target: sql`'contest:' || ${id}` })] : []),
        ]),
      );
      const row = await findContest(database, eq(contests.code, code));
      if (!row) throw new Error('contest vanished after insert');
      return row;
    } catch (err) {
      if (tries < 5 && String(err).includes('UNIQUE')) continue;
      throw err;
    }
  }
}

/** The first contest matching `where`. */
export async function findContest(database: Database, where: SQL | undefined): Promise<ContestRow | undefined> {
  return (await database.db.select().from(contests).where(where).limit(1))[0];
}

/** Contests of one unit (or all, for `null`), newest first. */
export function listContests(database: Database, unit: { unitName: string; unitDistrict: string | null } | null): Promise<ContestRow[]> {
  const where = unit ? and(eq(contests.unitName, unit.unitName), sql`${contests.unitDistrict} IS ${unit.unitDistrict}`) : undefined;
  return database.db.select().from(contests).where(where).orderBy(desc(contests.opensAt), desc(contests.id));
}

// Per database: tests open several in one process, and their ids overlap.
const questionCache = new WeakMap<Database, Map<number, Promise<ContestQuestion[]>>>();

/**
 * A contest's questions in contest order. Cached per process: they never change after creation. The
 * read itself is what is kept, so a join wave that arrives before it has come back shares it.
 */
export function questionsOf(database: Database, contestId: number): Promise<ContestQuestion[]> {
  const cache = questionCache.get(database) ?? new Map<number, Promise<ContestQuestion[]>>();
  questionCache.set(database, cache);
  const hit = cache.get(contestId);
  if (hit) return hit;
  const read = database.db
    .select()
    .from(contestQuestions)
    .where(eq(contestQuestions.contestId, contestId))
    .orderBy(contestQuestions.position)
    .then(
      (rows) => {
        // No questions (yet): asked again next time.
        if (rows.length === 0) cache.delete(contestId);
        return rows;
      },
      (err: unknown) => {
        cache.delete(contestId);
        throw err;
      },
    );
  cache.set(contestId, read);
  return read;
}

// Random words drawn from the system in bulk: one join shuffles some eighty times, and asking
// `randomInt` each time was a twentieth of joining.
const pool = new Uint32Array(2048);
let drawn = pool.length;

/** Crypto-strength random integer in [0, n) (n at most 2^32), uniform by rejection, for draws and shuffles. */
export function secureRandom(n: number): number {
  // The largest multiple of n that fits in 32 bits: words at or above it would favour small results.
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    if (drawn === pool.length) {
      randomFillSync(pool);
      drawn = 0;
    }
    const word = pool[drawn++] as number;
    if (word < limit) return word % n;
  }
}
