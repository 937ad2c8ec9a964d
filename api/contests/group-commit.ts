import type { InArgs, Row } from '@libsql/client';
import type { Database } from '../db/client.ts';

/** Most statements committed together. */
const MAX_BATCH = 200;

interface Job {
  sql: string;
  args: InArgs;
  done(rows: Row[]): void;
  fail(err: unknown): void;
}

/**
 * Group commit: single-statement writes that arrive while the event loop is busy (answers being
 * saved, participants joining) are committed in one transaction — one `batch` — instead of one
 * transaction each, which is most of their cost. Each caller still hears back only after the
 * transaction holding its statement has committed. Statements must not fail on their own (guards
 * in the SQL, `OR IGNORE` for races): one failure would roll back the whole group.
 */
function groupWriter(database: Database): (sql: string, args: InArgs) => Promise<Row[]> {
  const queue: Job[] = [];
  let scheduled = false;
  const schedule = () => {
    scheduled = true;
    setImmediate(() => void flush());
  };
  const flush = async () => {
    scheduled = false;
    const jobs = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    try {
      const results = await database.write(() =>
        database.client.batch(
          jobs.map((j) => ({ sql: j.sql, args: j.args })),
          'write',
        ),
      );
      jobs.forEach((j, i) => j.done(results[i]?.rows ?? []));
    } catch (err) {
      for (const j of jobs) j.fail(err);
    }
  };
  return (sql, args) =>
    new Promise((done, fail) => {
      queue.push({ sql, args, done, fail });
      if (!scheduled) schedule();
    });
}

const writers = new WeakMap<Database, (sql: string, args: InArgs) => Promise<Row[]>>();

/** Runs one write statement in the next group commit; resolves with its RETURNING rows once committed. */
export function groupWrite(database: Database, sql: string, args: InArgs): Promise<Row[]> {
  let write = writers.get(database);
  if (!write) writers.set(database, (write = groupWriter(database)));
  return write(sql, args);
}
