import { and, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditFilterSchema as filterSchema, type AuditFilter as Filter } from './contract.ts';
import { requireRole } from '../accounts/guard.ts';
import type { AppEnv } from '../context.ts';
import { csvResponse, toCsv } from '../csv.ts';
import type { Database } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { queryOf } from '../validate.ts';
import { formatStamp, localDay } from '../domain/clock.ts';

const PAGE_SIZE = 50;

function where(f: Filter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.action) parts.push(like(auditLog.action, `${f.action.replace(/[%_]/g, '')}%`));
  if (f.actor) parts.push(eq(auditLog.actorName, f.actor.toLowerCase()));
  if (f.from !== undefined) parts.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) parts.push(lte(auditLog.at, f.to));
  return parts.length ? and(...parts) : undefined;
}

const rowsFor = (database: Database, f: Filter, limit: number, offset: number) =>
  database.db.select().from(auditLog).where(where(f)).orderBy(desc(auditLog.id)).limit(limit).offset(offset);

/** `/api/admin/audit`: the append-only audit log (no route edits or deletes it), for admins. */
export const adminAudit = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', queryOf(filterSchema), async (c) => {
    const f = c.req.valid('query');
    const rows = await rowsFor(c.var.database, f, PAGE_SIZE + 1, (f.page - 1) * PAGE_SIZE);
    return c.json({ entries: rows.slice(0, PAGE_SIZE), page: f.page, hasMore: rows.length > PAGE_SIZE });
  })
  .get('/export.csv', queryOf(filterSchema), async (c) => {
    const rows = await rowsFor(c.var.database, c.req.valid('query'), 100_000, 0);
    const csv = toCsv(
      ['编号', '时间（北京时间）', '操作人', '操作', '对象', '来源地址（哈希）', '详情'],
      rows.map((r) => [r.id, formatStamp(r.at), r.actorName ?? '', r.action, r.target ?? '', r.ipHash ?? '', r.detail ?? '']),
    );
    return csvResponse(csv, `审计日志-${localDay(c.var.now)}.csv`);
  });
