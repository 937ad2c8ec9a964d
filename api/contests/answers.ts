import type { InArgs } from '@libsql/client';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/** How saving one answer went. */
export type SaveOutcome = { kind: 'saved'; deadline: number } | { kind: 'stale'; deadline: number } | { kind: 'closed' };

/**
 * One answer in one statement. The attempt's own row guards it, so an answer after the deadline or
 * after submitting is never stored, whichever process receives it; a retry carrying an older revision
 * than the stored one changes nothing (PUT is idempotent).
 */
const UPSERT = `
  INSERT INTO contest_answers (attempt_id, position, choice, correct, rev, saved_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6 FROM contest_attempts WHERE id = ?1 AND submitted_at IS NULL AND deadline > ?6
  ON CONFLICT (attempt_id, position) DO UPDATE SET
    choice = excluded.choice, correct = excluded.correct, rev = excluded.rev, saved_at = excluded.saved_at
  WHERE excluded.rev >= contest_answers.rev
  RETURNING (SELECT deadline FROM contest_attempts WHERE id = ?1) AS deadline`;

/** Most answers committed together. */
const MAX_BATCH = 200;

interface Job {
  args: InArgs;
  done(deadline: number | null): void;
  fail(err: unknown): void;
}

/**
 * Group commit: answers that arrive while the event loop is busy are written in one transaction
 * (one `batch`), which costs far less than a transaction each. Every answer is still acknowledged
 * only after its own transaction has committed.
 */
function answerWriter(database: Database): (args: InArgs) => Promise<number | null> {
  const queue: Job[] = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const jobs = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    try {
      const results = await database.write(() =>
        database.client.batch(
          jobs.map((j) => ({ sql: UPSERT, args: j.args })),
          'write',
        ),
      );
      jobs.forEach((j, i) => {
        const row = results[i]?.rows[0];
        j.done(row ? Number(row['deadline']) : null);
      });
    } catch (err) {
      for (const j of jobs) j.fail(err);
    }
  };
  const schedule = () => {
    scheduled = true;
    setImmediate(() => void flush());
  };
  return (args) =>
    new Promise((done, fail) => {
      queue.push({ args, done, fail });
      if (!scheduled) schedule();
    });
}

const writers = new WeakMap<Database, (args: InArgs) => Promise<number | null>>();

/** Saves one answer; resolves once it is committed (or refused). */
export async function saveAnswer(
  database: Database,
  a: { attemptId: number; position: number; choice: readonly number[]; correct: boolean; rev: number },
  now: number,
): Promise<SaveOutcome> {
  let write = writers.get(database);
  if (!write) writers.set(database, (write = answerWriter(database)));
  const deadline = await write([a.attemptId, a.position, JSON.stringify(a.choice), a.correct ? 1 : 0, a.rev, now]);
  if (deadline !== null) return { kind: 'saved', deadline };
  // Nothing written: the attempt is closed, or a newer answer is already stored.
  const open = await database.db.all<{ deadline: number }>(
    sql`SELECT deadline FROM contest_attempts WHERE id = ${a.attemptId} AND submitted_at IS NULL AND deadline > ${now}`,
  );
  return open[0] ? { kind: 'stale', deadline: Number(open[0].deadline) } : { kind: 'closed' };
}
