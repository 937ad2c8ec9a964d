import { and, eq, getTableColumns, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { contestAnswers, contestAttempts, type AttemptRow } from '../db/schema.ts';
import { groupWriteAll, type Row } from './group-commit.ts';
import { forgetStandings } from './place.ts';

/** What never changes about an attempt, kept per process so saving an answer needs one write and no read. */
export interface AttemptShape {
  id: number;
  contestId: number;
  questionOrder: number[];
  optionOrders: number[][];
}

// Per database: tests open several in one process, and their ids overlap.
const shapeCache = new WeakMap<Database, Map<number, AttemptShape>>();
const MAX_SHAPES = 20_000;

/** The database's cache of attempt shapes, made on first use. */
function shapesOf(database: Database): Map<number, AttemptShape> {
  let shapes = shapeCache.get(database);
  if (!shapes) shapeCache.set(database, (shapes = new Map()));
  return shapes;
}

/** The attempt row, fresh from the database. */
export async function findAttempt(database: Database, id: number): Promise<AttemptRow | undefined> {
  return (await database.db.select().from(contestAttempts).where(eq(contestAttempts.id, id)).limit(1))[0];
}

/** The unchanging part of an attempt (cached). */
export async function attemptShape(database: Database, id: number): Promise<AttemptShape | undefined> {
  const hit = shapesOf(database).get(id);
  if (hit) return hit;
  const row = await findAttempt(database, id);
  if (!row) return undefined;
  return rememberShape(database, { id, contestId: row.contestId, questionOrder: row.questionOrder, optionOrders: row.optionOrders });
}

/**
 * Keeps an attempt's shape, as known when it started: the participant's first answer then needs no
 * read either (a read through drizzle costs more than the whole write of an answer).
 */
export function rememberShape(database: Database, shape: AttemptShape): AttemptShape {
  const shapes = shapesOf(database);
  // A Map keeps insertion order, so the first key is the oldest entry.
  if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value as number);
  shapes.set(shape.id, shape);
  return shape;
}

const attemptColumns = Object.entries(getTableColumns(contestAttempts));

/** An attempt row as drizzle would give it, from a raw `RETURNING *` row (snake_case columns, JSON as text). */
export function attemptFromRow(row: Row): AttemptRow {
  const value = (v: Row[string] | undefined, column: (typeof attemptColumns)[number][1]): unknown =>
    v === null || v === undefined ? null : column.mapFromDriverValue(v);
  return Object.fromEntries(attemptColumns.map(([key, column]) => [key, value(row[column.name], column)])) as AttemptRow;
}

/** A participant about to start. */
export interface NewAttempt {
  participantKey: string;
  nameKey: string;
  name: string;
  team: string;
  className: string;
  studentNo: string;
  deviceHash: string;
  ipHash: string;
}

/** A participant's earlier attempts at a contest, newest first. */
export function attemptsOf(database: Database, contestId: number, participantKey: string): Promise<AttemptRow[]> {
  return database.db
    .select()
    .from(contestAttempts)
    .where(and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.participantKey, participantKey)))
    .orderBy(sql`${contestAttempts.attemptNo} DESC`);
}

/**
 * In one read (each side by its own index): the participant's earlier attempts, newest first, and
 * someone else's attempt from this device, if any (for the one-person-per-device rule).
 */
export async function priorAttempts(database: Database, contestId: number, participantKey: string, device: string) {
  const rows = await database.db
    .select()
    .from(contestAttempts)
    .where(
      or(
        and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.participantKey, participantKey)),
        and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.deviceHash, device)),
      ),
    );
  return {
    mine: rows.filter((r) => r.participantKey === participantKey).sort((a, b) => b.attemptNo - a.attemptNo),
    otherOnDevice: rows.find((r) => r.participantKey !== participantKey),
  };
}

/** Whether an attempt is still running at `now`. */
export const isRunning = (a: Pick<AttemptRow, 'submittedAt' | 'deadline'>, now: number): boolean =>
  a.submittedAt === null && a.deadline > now;

/** SQL for the number of right answers of the attempt row being updated. */
const correctCount = sql`(SELECT count(*) FROM contest_answers WHERE attempt_id = contest_attempts.id AND correct = 1)`;

/**
 * Closes attempts whose deadline has passed as if submitted at the deadline; `attemptId` limits it to
 * one. Run before anything reads results, so the server, not the browser, ends every attempt.
 */
export async function closeExpired(database: Database, contestId: number, now: number, attemptId?: number): Promise<void> {
  const one = attemptId === undefined ? sql`` : sql` AND id = ${attemptId}`;
  await database.write((db) =>
    db.run(sql`
      UPDATE contest_attempts SET submitted_at = deadline, finished_by = 'deadline', correct = ${correctCount}
      WHERE contest_id = ${contestId} AND submitted_at IS NULL AND deadline <= ${now}${one}`),
  );
  // Attempts closed here now count in the ranks.
  forgetStandings(database, contestId);
}

/** Closes expired attempts of a contest, reading first so that the common case (none due) costs no write. */
export async function closeDue(database: Database, contestId: number, now: number): Promise<void> {
  const due = await database.db.all(
    sql`SELECT 1 FROM contest_attempts WHERE contest_id = ${contestId} AND submitted_at IS NULL AND deadline <= ${now} LIMIT 1`,
  );
  if (due.length > 0) await closeExpired(database, contestId, now);
}

/** The number of right answers of the attempt row being updated, in raw SQL. */
const CORRECT = '(SELECT count(*) FROM contest_answers WHERE attempt_id = contest_attempts.id AND correct = 1)';

/**
 * Submits a running attempt; an attempt already submitted or past its deadline is left as the server
 * closed it (one past its deadline is closed at the deadline here). Both statements go into the next
 * group commit, so the hand-in wave at the end of a contest costs no transaction of its own.
 */
export async function submitAttempt(
  database: Database,
  a: Pick<AttemptRow, 'id' | 'contestId'>,
  now: number,
): Promise<AttemptRow | undefined> {
  const [submitted, closed] = await groupWriteAll(database, [
    {
      sql: `UPDATE contest_attempts SET submitted_at = ?2, finished_by = 'submit', correct = ${CORRECT}
            WHERE id = ?1 AND submitted_at IS NULL AND deadline > ?2 RETURNING *`,
      args: [a.id, now],
    },
    {
      sql: `UPDATE contest_attempts SET submitted_at = deadline, finished_by = 'deadline', correct = ${CORRECT}
            WHERE id = ?1 AND submitted_at IS NULL AND deadline <= ?2 RETURNING *`,
      args: [a.id, now],
    },
  ]);
  const row = submitted?.[0] ?? closed?.[0];
  return row ? attemptFromRow(row) : findAttempt(database, a.id);
}

/** Saved answers of an attempt, by contest position. */
export async function answersOf(
  database: Database,
  attemptId: number,
): Promise<Map<number, { choice: number[]; correct: boolean; rev: number }>> {
  const rows = await database.db.select().from(contestAnswers).where(eq(contestAnswers.attemptId, attemptId));
  return new Map(rows.map((r) => [r.position, { choice: r.choice, correct: r.correct, rev: r.rev }]));
}
