import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { CITY_CODE, districtCodes } from '../domain/areas.ts';
import { apiError } from '../errors.ts';
import { paramsOf, queryOf } from '../validate.ts';
import { capXml } from './cap.ts';
import { activeWarnings, findWarning, warningHistory } from './store.ts';
import { publicWarning } from './view.ts';

const listQuery = z.object({
  /** Only warnings covering this district (whole-city warnings cover every district). */
  district: z.enum(districtCodes, { error: '未知的区县代码' }).optional(),
  /** Actual, Exercise or Test. */
  status: z.enum(['Actual', 'Exercise', 'Test'], { error: '状态应为 Actual、Exercise 或 Test' }).optional(),
  /** `1` for every published message, newest first, with paging. */
  all: z.enum(['1', 'true']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const PAGE_SIZE = 20;
const idParam = z.object({ id: z.coerce.number().int().positive('预警编号不正确') });

/** `/api/warnings`: what is active now, history, one warning, and its CAP 1.2 document. */
export const publicWarnings = new Hono<AppEnv>()
  .get('/', queryOf(listQuery), async (c) => {
    const q = c.req.valid('query');
    const now = c.var.now;
    const rows = q.all ? await warningHistory(c.var.database, q.page, PAGE_SIZE) : await activeWarnings(c.var.database, now);
    const hasMore = q.all ? rows.length > PAGE_SIZE : false;
    const list = (q.all ? rows.slice(0, PAGE_SIZE) : rows)
      .map((w) => publicWarning(w, now))
      .filter((w) => !q.status || w.status === q.status)
      .filter((w) => !q.district || w.areas.some((a) => a.code === q.district || a.code === CITY_CODE));
    c.header('cache-control', 'no-cache');
    return c.json({ warnings: list, updatedAt: new Date(now).toISOString(), ...(q.all ? { page: q.page, hasMore } : {}) });
  })
  .get('/:id', paramsOf(idParam), async (c) => {
    const w = await findWarning(c.var.database, c.req.valid('param').id);
    if (!w || w.state !== 'published') throw apiError(404, 'not_found', '没有找到这条预警，可能编号有误。');
    return c.json({ warning: publicWarning(w, c.var.now) });
  })
  .get('/:id/cap.xml', paramsOf(idParam), async (c) => {
    const w = await findWarning(c.var.database, c.req.valid('param').id);
    if (!w || w.state !== 'published') throw apiError(404, 'not_found', '没有找到这条预警，可能编号有误。');
    return c.body(capXml(w, c.var.env.siteUrl), 200, { 'content-type': 'application/cap+xml; charset=utf-8', 'cache-control': 'no-cache' });
  });
