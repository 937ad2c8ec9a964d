import type { InArgs, InStatement } from '@libsql/client';
import type { Database } from '../db/client.ts';

/** Most statements committed together. */
const MAX_BATCH = 400;

/** A row as a statement's RETURNING gives it, by column name. */
export type Row = Record<string, unknown>;

interface Job {
  statements: InStatement[];
  done(rows: Row[][]): void;
  fail(err: unknown): void;
}

/**
 * Group commit: writes that arrive while the event loop is busy (answers being saved, participants
 * joining) are committed in one transaction — one `batch` — instead of one transaction each, which
 * is most of their cost. A job is one statement or a few that belong together; its statements run
 * in order, next to each other, in the same transaction. Each caller still hears back only after
 * the transaction holding its statements has committed. Statements must not fail on their own
 * (guards in the SQL, `OR IGNORE` for races): one failure would roll back the whole group.
 */
function groupWriter(database: Database): (statements: InStatement[]) => Promise<Row[][]> {
  const queue: Job[] = [];
  let scheduled = false;
  const schedule = () => {
    scheduled = true;
    setImmediate(() => void flush());
  };
  const flush = async () => {
    scheduled = false;
    const jobs: Job[] = [];
    let size = 0;
    while (queue.length > 0 && (jobs.length === 0 || size + (queue[0]?.statements.length ?? 0) <= MAX_BATCH)) {
      const job = queue.shift() as Job;
      jobs.push(job);
      size += job.statements.length;
    }
    if (queue.length > 0) schedule();
    try {
      const results = await database.write(() => database.writeBatch(jobs.flatMap((j) => j.statements)));
      let at = 0;
      for (const j of jobs) {
        j.done(j.statements.map((_, i) => results[at + i] ?? []));
        at += j.statements.length;
      }
    } catch (err) {
      for (const j of jobs) j.fail(err);
    }
  };
  return (statements) =>
    new Promise((done, fail) => {
      queue.push({ statements, done, fail });
      if (!scheduled) schedule();
    });
}

const writers = new WeakMap<Database, (statements: InStatement[]) => Promise<Row[][]>>();

/** Runs statements, in order and together, in the next group commit; resolves with their RETURNING rows once committed. */
export function groupWriteAll(database: Database, statements: InStatement[]): Promise<Row[][]> {
  let write = writers.get(database);
  if (!write) writers.set(database, (write = groupWriter(database)));
  return write(statements);
}

/** Runs one write statement in the next group commit; resolves with its RETURNING rows once committed. */
export async function groupWrite(database: Database, sql: string, args: InArgs): Promise<Row[]> {
  return (await groupWriteAll(database, [{ sql, args }]))[0] ?? [];
}
