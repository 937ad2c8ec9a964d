import { and, count, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { csvResponse, toCsv } from '../csv.ts';
import { ideaPhotos, ideas } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { paramsOf, queryOf } from '../validate.ts';
import { campaignOr404, listCampaigns } from './campaign.ts';
import { toPublicDetail, toPublicIdea } from './public-view.ts';
import { idParam } from './campaign-contract.ts';
import { listQuerySchema } from './contract.ts';

const PAGE_SIZE = 20;

/** Published ideas with the list's filters applied. */
function listWhere(
  q: { campaign?: number | undefined; theme?: string | undefined; district?: string | undefined; status: string },
  announced: number[] = [],
) {
  const parts: SQL[] = [eq(ideas.status, 'published')];
  if (q.campaign) parts.push(eq(ideas.campaignId, q.campaign));
  if (q.theme) parts.push(eq(ideas.theme, q.theme));
  if (q.district) parts.push(eq(ideas.district, q.district));
  if (q.status === 'shortlisted') parts.push(eq(ideas.shortlisted, true));
  // Awards stay secret until their campaign is announced.
  if (q.status === 'awarded') parts.push(isNotNull(ideas.award), inArray(ideas.campaignId, announced));
  return and(...parts);
}

/** `/api/ideas` read routes: campaigns, the public list, one idea, its photo and open data. */
export const publicIdeas = new Hono<AppEnv>()
  .get('/campaigns', async (c) => c.json({ campaigns: await listCampaigns(c.var.database, c.var.now) }, 200))
  .get('/campaigns/:id{[0-9]+}', paramsOf(idParam), async (c) => {
    return c.json({ campaign: await campaignOr404(c.var.database, c.req.valid('param').id, c.var.now) }, 200);
  })
  .get('/', queryOf(listQuerySchema), async (c) => {
    const q = c.req.valid('query');
    const { db } = c.var.database;
    const campaigns = new Map((await listCampaigns(c.var.database, c.var.now)).map((x) => [x.id, x]));
    const announced = [...campaigns.values()].filter((x) => x.phase === 'announced').map((x) => x.id);
    const where = listWhere(q, announced);
    const order = q.sort === 'support' ? [desc(ideas.supportCount), desc(ideas.publishedAt)] : [desc(ideas.publishedAt), desc(ideas.id)];
    const rows = await db
      .select()
      .from(ideas)
      .where(where)
      .orderBy(...order)
      .limit(PAGE_SIZE)
      .offset((q.page - 1) * PAGE_SIZE);
    const [total] = await db.select({ n: count() }).from(ideas).where(where);
    const list = rows.map((r) => toPublicIdea(r, campaigns.get(r.campaignId)));
    return c.json({ ideas: list, total: total?.n ?? 0, page: q.page, pageSize: PAGE_SIZE }, 200);
  })
  .get('/:id{[0-9]+}', paramsOf(idParam), async (c) => {
    const row = await c.var.database.db.query.ideas.findFirst({ where: eq(ideas.id, c.req.valid('param').id) });
    if (!row || row.status !== 'published') throw apiError(404, 'idea_not_found', '没有找到这条金点子，它可能还在审核中或已被隐藏。');
    const campaign = await campaignOr404(c.var.database, row.campaignId, c.var.now);
    return c.json({ idea: toPublicDetail(row, campaign) }, 200);
  })
  .get('/:id{[0-9]+}/photo', paramsOf(idParam), async (c) => {
    const [photo] = await c.var.database.db
      .select({ contentType: ideaPhotos.contentType, data: ideaPhotos.data })
      .from(ideaPhotos)
      .innerJoin(ideas, eq(ideas.id, ideaPhotos.ideaId))
      .where(and(eq(ideaPhotos.ideaId, c.req.valid('param').id), eq(ideas.status, 'published')));
    if (!photo) throw apiError(404, 'photo_not_found', '没有找到这张照片。');
    return c.body(new Uint8Array(photo.data), 200, { 'content-type': photo.contentType, 'cache-control': 'no-cache' });
  })
  .get('/export.csv', queryOf(listQuerySchema.pick({ campaign: true })), async (c) => {
    const { campaign } = c.req.valid('query');
    const campaigns = new Map((await listCampaigns(c.var.database, c.var.now)).map((x) => [x.id, x]));
    const rows = await c.var.database.db
      .select()
      .from(ideas)
      .where(listWhere({ campaign, status: 'all' }))
      .orderBy(desc(ideas.publishedAt));
    const csv = toCsv(
      ['编号', '活动', '标题', '简介', '主题', '县（市、区）', '署名', '支持数', '入围', '奖项', '公开时间'],
      rows.map((r) => {
        const p = toPublicIdea(r, campaigns.get(r.campaignId));
        const when = p.publishedAt ? new Date(p.publishedAt).toISOString() : '';
        const title = campaigns.get(r.campaignId)?.title ?? '';
        return [
          p.id,
          title,
          p.title,
          p.summary,
          p.theme,
          p.districtName,
          p.displayName ?? '匿名',
          p.supportCount,
          p.shortlisted ? '是' : '',
          p.award ?? '',
          when,
        ];
      }),
    );
    return csvResponse(csv, '金点子-公开数据.csv');
  });
