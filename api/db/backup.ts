import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient, type InArgs, type InValue, type ResultSet } from '@libsql/client';

/** A table, index, trigger or view as SQLite records it. */
interface SchemaEntry {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  sql: string;
}

/** Whether `url` names an embedded database file rather than a libSQL server. */
export const isFileUrl = (url: string) => url.startsWith('file:');

/** The file path behind a `file:` URL. */
export const fileOf = (url: string) => resolve(url.slice('file:'.length).split('?')[0] ?? '');

// Internal tables: SQLite's own and those sqld keeps for itself; they are recreated, never copied.
const internal = (name: string) => name.startsWith('sqlite_') || name.startsWith('libsql_') || name.startsWith('_litestream');

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Statement = string | { sql: string; args: InArgs };

/**
 * Every statement that rebuilds the database `execute` reads from: tables, their rows, the
 * AUTOINCREMENT counters (so restored ids are never reused), then indexes, triggers and views.
 */
async function dump(execute: (sql: string) => Promise<ResultSet>): Promise<{ statements: Statement[]; tables: string[]; rows: number }> {
  const schema = (await execute('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid')).rows
    .map((r) => ({ type: r['type'], name: r['name'], sql: r['sql'] }) as SchemaEntry)
    .filter((e) => !internal(e.name));
  const tables = schema.filter((e) => e.type === 'table');
  const statements: Statement[] = tables.map((t) => t.sql);
  let rows = 0;
  const insertAll = (table: string, res: ResultSet) => {
    const sql = `INSERT INTO ${quote(table)} (${res.columns.map(quote).join(', ')}) VALUES (${res.columns.map(() => '?').join(', ')})`;
    for (const row of res.rows) statements.push({ sql, args: res.columns.map((_, j) => row[j] as InValue) });
  };
  for (const t of tables) {
    const res = await execute(`SELECT * FROM ${quote(t.name)}`);
    insertAll(t.name, res);
    rows += res.rows.length;
  }
  const hasSequence = (await execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'")).rows[0]?.[0];
  if (Number(hasSequence) > 0) {
    statements.push('DELETE FROM sqlite_sequence');
    insertAll('sqlite_sequence', await execute('SELECT name, seq FROM sqlite_sequence'));
  }
  statements.push(...schema.filter((e) => e.type !== 'table').map((e) => e.sql));
  return { statements, tables: tables.map((t) => t.name), rows };
}

/**
 * Writes a consistent copy of the live database at `url` to the SQLite file `targetPath`, while the
 * site keeps running. An embedded file is copied with `VACUUM INTO` (one read transaction, so the
 * WAL's committed pages are included — a plain file copy would miss them); a libSQL server is read
 * table by table inside one read transaction, which sees a single snapshot.
 */
export async function backupDatabase(url: string, authToken: string | undefined, targetPath: string) {
  const target = resolve(targetPath);
  if (existsSync(target)) throw new BackupError(`备份文件已存在：${target}。请换一个文件名，或先移走旧文件。`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = createClient({ url, intMode: 'bigint', ...(authToken ? { authToken } : {}) });
  try {
    let summary: { tables: number; rows: number } | null = null;
    if (isFileUrl(url)) {
      await source.execute({ sql: 'VACUUM INTO ?', args: [partial] });
    } else {
      // One read transaction: every table is read from the same snapshot.
      const tx = await source.transaction('read');
      const out = createClient({ url: `file:${partial}`, intMode: 'bigint' });
      try {
        const { statements, tables, rows } = await dump((sql) => tx.execute(sql));
        await out.batch(statements, 'write');
        summary = { tables: tables.length, rows };
      } finally {
        tx.close();
        out.close();
      }
    }
    await verifyBackup(partial);
    // Only a complete, checked copy takes the final name.
    renameSync(partial, target);
    return { path: target, ...(summary ?? {}) };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    source.close();
  }
}

/** Fails unless `path` is an intact SQLite database holding this project's migrations table. */
export async function verifyBackup(path: string): Promise<void> {
  const c = createClient({ url: `file:${path}` });
  try {
    const check = await c.execute('PRAGMA integrity_check');
    if (check.rows[0]?.[0] !== 'ok') throw new BackupError(`备份文件已损坏：${path}`);
    const migrations = await c.execute("SELECT count(*) FROM sqlite_master WHERE name = '__drizzle_migrations'");
    if (Number(migrations.rows[0]?.[0] ?? 0) === 0) throw new BackupError(`这不是本站的数据库备份：${path}`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`无法读取备份文件：${path}`);
  } finally {
    c.close();
  }
}

/**
 * Replaces the database at `url` with the backup at `backupPath`. The server must be stopped first.
 * A file is swapped in whole (its old WAL and shared-memory files removed, so none of their pages
 * are replayed over the backup); a libSQL server gets every table dropped and reloaded in one
 * write transaction, so a failed restore leaves the old data in place.
 */
export async function restoreDatabase(url: string, authToken: string | undefined, backupPath: string) {
  const from = resolve(backupPath);
  if (!existsSync(from)) throw new BackupError(`找不到备份文件：${from}`);
  await verifyBackup(from);
  if (isFileUrl(url)) {
    const target = fileOf(url);
    const staged = `${target}.restoring`;
    const src = createClient({ url: `file:${from}` });
    try {
      rmSync(staged, { force: true });
      await src.execute({ sql: 'VACUUM INTO ?', args: [staged] });
    } finally {
      src.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    renameSync(staged, target);
    return { path: target };
  }
  const src = createClient({ url: `file:${from}`, intMode: 'bigint' });
  const dest = createClient({ url, intMode: 'bigint', ...(authToken ? { authToken } : {}) });
  try {
    const existing = (await dest.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')")).rows
      .map((r) => ({ type: String(r['type']), name: String(r['name']) }))
      .filter((e) => !internal(e.name));
    const { statements, rows } = await dump((sql) => src.execute(sql));
    // One write transaction: the server holds either the old data or the whole backup.
    await dest.batch(
      [
        'PRAGMA defer_foreign_keys = ON',
        ...existing.map((e) => `DROP ${e.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${quote(e.name)}`),
        ...statements,
      ],
      'write',
    );
    return { path: url, rows };
  } finally {
    src.close();
    dest.close();
  }
}

/** A backup or restore problem an operator can act on; its message says what to do. */
export class BackupError extends Error {}
