import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema.ts';

/** The drizzle database with the project's schema. */
export type Db = LibSQLDatabase<typeof schema>;

/** A database connection plus the process's single write queue. */
export interface Database {
  db: Db;
  client: Client;
  /** `file:` (embedded) or `remote` (a libSQL server). */
  kind: 'file' | 'remote';
  /**
   * Runs `fn` after every earlier write of this process has settled. Multi-statement writes inside
   * must be one `db.batch([...])`: libSQL gives an interactive transaction its own connection, so an
   * `await` inside one would let other writes hit SQLITE_BUSY.
   */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): void;
}

/** Opens the database at `url`; file databases get WAL and a busy timeout. */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const isFile = url.startsWith('file:');
  const client = createClient({ url, ...(authToken ? { authToken } : {}), ...(isFile ? { timeout: 5000 } : {}) });
  if (isFile) {
    // WAL lets readers proceed during a write and is persistent in the file once set.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  const db = drizzle(client, { schema });
  let tail: Promise<unknown> = Promise.resolve();
  return {
    db,
    client,
    kind: isFile ? 'file' : 'remote',
    write<T>(fn: (d: Db) => Promise<T>): Promise<T> {
      const run = tail.then(
        () => fn(db),
        () => fn(db),
      );
      tail = run.catch(() => undefined);
      return run;
    },
    close: () => client.close(),
  };
}
