import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { CITY_CODE } from '../domain/areas.ts';
import { apiError } from '../errors.ts';
import { paramsOf, queryOf } from '../validate.ts';
import { capXml } from './cap.ts';
import { warningIdParamSchema as idParam, warningListQuerySchema as listQuery } from './contract.ts';
import { activeWarnings, findWarning, warningHistory } from './store.ts';
import { publicWarning } from './view.ts';

const PAGE_SIZE = 20;

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
