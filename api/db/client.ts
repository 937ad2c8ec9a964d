import { createClient, type Client, type InArgs, type InStatement, type InValue } from '@libsql/client';
import Libsql from 'libsql';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { dirname, resolve } from 'node:path';
import { storageProblem } from '../storage-problem.ts';
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
  /**
   * Runs `statements` in order as one write transaction and gives each one's rows (by column name).
   * Call it inside `write`. On an embedded file the statements run on a connection of their own,
   * each SQL text prepared once and kept (preparing costs as much as running a small statement);
   * elsewhere this is `client.batch`.
   */
  writeBatch(statements: readonly InStatement[]): Promise<Array<Array<Record<string, unknown>>>>;
  /**
   * One read, its rows as arrays of values in column order: for reads of thousands of rows (a
   * contest's board), which the client would turn into objects property by property. On an
   * embedded file, on the same kept connection and prepared statements as `writeBatch`.
   */
  readRows(sql: string, args: InArgs): Promise<unknown[][]>;
  close(): void;
}

/** The database did not answer in time, or cannot be reached or written: a 503, not a bug. */
export class DatabaseUnavailable extends Error {
  override name = 'DatabaseUnavailable';
  /** `timeout` when the database did not answer in time. */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** Failures of the database or its storage rather than of the query (libSQL, SQLite and socket codes). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'SERVER_ERROR',
  'HRANA_WEBSOCKET_ERROR',
  'SQLITE_BUSY',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/** Whether `err` (or any cause in its chain) means the database is down, too slow, or its disk will not take writes. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 6; depth++) {
    if (e instanceof DatabaseUnavailable) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && [...UNAVAILABLE_CODES].some((c) => code.startsWith(c))) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
    e = e.cause;
  }
  return false;
}

/** Whether `err` says the storage itself refuses writes (read-only or full disk, unopenable file). */
export function isStorageError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 6; depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (/^(SQLITE_(FULL|READONLY|CANTOPEN|IOERR)|EROFS|ENOSPC|EACCES|EPERM)/.test(code)) return true;
    e = e.cause;
  }
  return false;
}

/**
 * A write the data folder's disk refused (full, read-only) as a 503 whose message names the folder
 * and what to do, so the log says it in one line; other errors pass unchanged.
 */
function storageRefusal(folder: string, err: unknown): unknown {
  if (!isStorageError(err)) return err;
  let e: unknown = err;
  while (e instanceof Error && !(e as { code?: unknown }).code && e.cause) e = e.cause;
  const code = String((e as { code?: unknown }).code ?? 'SQLITE_IOERR');
  return new DatabaseUnavailable(storageProblem(folder, { code }, true), code);
}

/** Rejects with DatabaseUnavailable when `p` has not settled within `ms` (a frozen server never answers). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailable(`database ${what} took longer than ${ms} ms`, 'timeout')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The client with a deadline on every call that reaches the server. */
function timed(client: Client, ms: number): Client {
  const wrapped = ['execute', 'batch', 'migrate', 'executeMultiple'] as const;
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!(wrapped as readonly (string | symbol)[]).includes(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => withTimeout((value as (...a: unknown[]) => Promise<unknown>).apply(target, args), ms, String(prop));
    },
  });
}

/** The path of a `file:` URL (`file:rel.db`, `file:/abs.db`, `file:///abs.db`), or null for an in-memory one. */
function filePath(url: string): string | null {
  const rest = url.slice('file:'.length).replace(/^\/\/(localhost)?(?=\/)/, '');
  const path = decodeURIComponent(rest.split('?')[0] ?? '');
  return path === '' || path.startsWith(':memory:') ? null : path;
}

/** A value as the native driver takes it (what `@libsql/client` does before binding). */
const bindable = (v: InValue): unknown =>
  typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.valueOf() : v instanceof ArrayBuffer ? Buffer.from(v) : v;

/**
 * A connection of its own to an embedded file, keeping every statement it has prepared: the same
 * statements (saving an answer, joining a contest) run thousands of times a minute, and
 * `@libsql/client` prepares each one again on every call. Writes are serialised by `write`, so this
 * connection and the client's never wait for each other; a read sees every committed write.
 */
function preparedConnection(path: string) {
  let conn: Libsql.Database | null = null;
  const statements = new Map<string, { stmt: Libsql.Statement; columns: string[] | null }>();
  const open = () => {
    const c = new Libsql(path, { timeout: 5000 });
    // Per connection, as on the client's: commits are durable once written to the WAL (fsync at checkpoints).
    c.exec('PRAGMA synchronous = NORMAL');
    return c;
  };
  const prepared = (c: Libsql.Database, sql: string) => {
    let entry = statements.get(sql);
    if (!entry) {
      const stmt = c.prepare(sql);
      const columns = stmt.reader ? stmt.columns().map((col) => col.name) : null;
      if (columns) stmt.raw(true);
      entry = { stmt, columns };
      statements.set(sql, entry);
    }
    return entry;
  };
  const bind = (args: InArgs) =>
    Array.isArray(args)
      ? (args as InValue[]).map(bindable)
      : Object.fromEntries(Object.entries(args).map(([k, v]) => [k.replace(/^[:@$]/, ''), bindable(v)]));
  const read = (sql: string, args: InArgs): unknown[][] => {
    conn ??= open();
    const { stmt, columns } = prepared(conn, sql);
    if (!columns) throw new TypeError('readRows takes a statement that returns rows');
    return stmt.all(bind(args)) as unknown[][];
  };
  const run = (statementsIn: readonly InStatement[]) => {
    conn ??= open();
    const c = conn;
    c.exec('BEGIN IMMEDIATE');
    try {
      const results = statementsIn.map((s) => {
        const { sql, args = [] } = typeof s === 'string' ? { sql: s, args: [] } : s;
        const bound = bind(args);
        const { stmt, columns } = prepared(c, sql);
        if (!columns) {
          stmt.run(bound);
          return [];
        }
        return (stmt.all(bound) as unknown[][]).map((values) => Object.fromEntries(columns.map((name, i) => [name, values[i]])));
      });
      c.exec('COMMIT');
      return results;
    } catch (err) {
      if (c.inTransaction) c.exec('ROLLBACK');
      throw err;
    }
  };
  return {
    run,
    read,
    close() {
      statements.clear();
      conn?.close();
      conn = null;
    },
  };
}

/** Options for opening a database. */
export interface OpenOptions {
  authToken?: string | undefined;
  /** Deadline for each call to a remote libSQL server (default 5 s); an embedded file uses SQLite's busy timeout. */
  timeoutMs?: number;
}

/** Opens the database at `url`; file databases get WAL and a busy timeout, remote calls a deadline. */
export async function openDatabase(url: string, options: OpenOptions | string = {}): Promise<Database> {
  const { authToken, timeoutMs = 5000 } = typeof options === 'string' ? { authToken: options } : options;
  const isFile = url.startsWith('file:');
  // One connection to an embedded file: every call runs synchronously on it anyway, and pragmas such as
  // `synchronous` hold per connection (the pool would open more, with SQLite's defaults, under load).
  const raw = createClient({ url, ...(authToken ? { authToken } : {}), ...(isFile ? { timeout: 5000, concurrency: 1 } : {}) });
  const client = isFile ? raw : timed(raw, timeoutMs);
  if (isFile) {
    // WAL lets readers proceed during a write and is persistent in the file once set.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  const db = drizzle(client, { schema });
  const path = isFile ? filePath(url) : null;
  const writer = path ? preparedConnection(path) : null;
  const folder = path ? dirname(resolve(path)) : null;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    db,
    client,
    kind: isFile ? 'file' : 'remote',
    write<T>(fn: (d: Db) => Promise<T>): Promise<T> {
      const attempt = () => (folder ? fn(db).catch((err: unknown) => Promise.reject(storageRefusal(folder, err))) : fn(db));
      const run = tail.then(attempt, attempt);
      tail = run.catch(() => undefined);
      return run;
    },
    async writeBatch(statements) {
      if (writer) return writer.run(statements);
      return (await client.batch([...statements], 'write')).map((r) => r.rows);
    },
    async readRows(sql, args) {
      if (writer) return writer.read(sql, args);
      return (await client.execute({ sql, args })).rows.map((r) => Array.from(r));
    },
    close: () => {
      writer?.close();
      raw.close();
    },
  };
}
