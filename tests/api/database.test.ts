import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAudit } from '#api/audit.ts';
import { openDatabase } from '#api/db/client.ts';
import { auditLog } from '#api/db/schema.ts';
import { countHit } from '#api/rate-limit.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/db.ts';

describe('database writes', () => {
  let t: TestDatabase;
  beforeAll(async () => (t = await createTestDatabase()));
  afterAll(async () => t.cleanup());

  test('stores all 200 writes that arrive at once', async () => {
    const writes = Array.from({ length: 200 }, (_, i) => recordAudit(t.database, { at: i, action: 'test.concurrent', target: `n:${i}` }));
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const [row] = await t.database.db.select({ n: count() }).from(auditLog);
    expect(row?.n).toBe(200);
  });

  test('counts 200 concurrent rate-limit hits exactly once each', async () => {
    const rule = { bucket: 'test', limit: 1000, windowMs: 60_000 };
    const counts = await Promise.all(Array.from({ length: 200 }, () => countHit(t.database, rule, 'same-client', 1_000)));
    expect(new Set(counts).size).toBe(200);
    expect(Math.max(...counts)).toBe(200);
  });

  test('runs on what the project says: WAL for a file, the real libSQL server otherwise', async () => {
    const sqld = process.env['TEST_DB'] === 'sqld';
    expect(t.database.kind).toBe(sqld ? 'remote' : 'file');
    if (!sqld) {
      const res = await t.database.client.execute('PRAGMA journal_mode');
      expect(String(res.rows[0]?.[0])).toBe('wal');
    }
    // Either way, a second connection (another process, as a second server would be) sees every acknowledged write.
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(t.database, { at: i, action: 'test.visible', target: `n:${i}` })));
    const other = await openDatabase(t.url);
    try {
      const [row] = await other.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'test.visible'));
      expect(row?.n).toBe(20);
    } finally {
      other.close();
    }
  });
});
