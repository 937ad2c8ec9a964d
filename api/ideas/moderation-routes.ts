import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { requireRole } from '../accounts/guard.ts';
import { hasRole } from '../accounts/roles.ts';
import { auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { ideaPhotos, ideaReports, ideas, type IdeaRow } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf, queryOf } from '../validate.ts';
import { idParam } from './campaign-contract.ts';
import { moderationSchema, queueQuerySchema } from './contract.ts';
import { moderateIdea } from './moderate-idea.ts';
import { toStaffIdea } from './staff-view.ts';

const PAGE_SIZE = 50;
const open = sql`EXISTS (SELECT 1 FROM idea_reports r WHERE r.idea_id = ${ideas.id} AND r.resolved_at IS NULL)`;

function queueWhere(q: z.output<typeof queueQuerySchema>): SQL | undefined {
  const parts: SQL[] = [];
  if (q.campaign) parts.push(eq(ideas.campaignId, q.campaign));
  if (q.view === 'reported') parts.push(open);
  else if (q.view === 'flagged') parts.push(eq(ideas.flagged, true), eq(ideas.status, 'pending'));
  else if (q.view !== 'all') parts.push(eq(ideas.status, q.view));
  return parts.length ? and(...parts) : undefined;
}

/** Open reports' reasons per idea. */
async function openReports(database: Database, rows: IdeaRow[]): Promise<Map<number, string[]>> {
  const ids = rows.map((r) => r.id);
  const reports = ids.length
    ? await database.db
        .select({ ideaId: ideaReports.ideaId, reason: ideaReports.reason })
        .from(ideaReports)
        .where(and(inArray(ideaReports.ideaId, ids), isNull(ideaReports.resolvedAt)))
    : [];
  const out = new Map<number, string[]>();
  for (const r of reports) out.set(r.ideaId, [...(out.get(r.ideaId) ?? []), r.reason]);
  return out;
}

/** Checks a duplicate's original: published, in the same campaign, not the idea itself. */
async function checkOriginal(database: Database, ids: number[], originalId: number): Promise<void> {
  const original = await database.db.query.ideas.findFirst({ where: eq(ideas.id, originalId) });
  if (!original || original.status !== 'published')
    throw apiError(400, 'invalid_original', '原金点子必须是已公开的金点子，请核对编号。', { duplicateOf: '请填写已公开金点子的编号' });
  if (ids.includes(originalId))
    throw apiError(400, 'invalid_original', '不能把金点子标记为它自己的重复。', { duplicateOf: '编号不能是自己' });
  const others = await database.db.select({ campaignId: ideas.campaignId }).from(ideas).where(inArray(ideas.id, ids));
  if (others.some((o) => o.campaignId !== original.campaignId))
    throw apiError(400, 'invalid_original', '只能与同一征集活动中的金点子合并。', { duplicateOf: '原金点子不在同一活动中' });
}

/** `/api/admin/ideas`: the moderation queue and its actions, for moderators (and admins). */
export const moderationRoutes = new Hono<AppEnv>()
  .get('/', requireRole('moderator'), queryOf(queueQuerySchema), async (c) => {
    const q = c.req.valid('query');
    const rows = await c.var.database.db
      .select()
      .from(ideas)
      .where(queueWhere(q))
      .orderBy(desc(ideas.flagged), desc(ideas.createdAt))
      .limit(PAGE_SIZE + 1)
      .offset((q.page - 1) * PAGE_SIZE);
    const reports = await openReports(c.var.database, rows);
    const list = rows.slice(0, PAGE_SIZE).map((r) => toStaffIdea(r, reports.get(r.id)));
    return c.json({ ideas: list, page: q.page, hasMore: rows.length > PAGE_SIZE }, 200);
  })
  .get('/:id{[0-9]+}', requireRole('moderator'), paramsOf(idParam), async (c) => {
    const row = await c.var.database.db.query.ideas.findFirst({ where: eq(ideas.id, c.req.valid('param').id) });
    if (!row) throw apiError(404, 'idea_not_found', '没有这条金点子。');
    return c.json({ idea: toStaffIdea(row, (await openReports(c.var.database, [row])).get(row.id)) }, 200);
  })
  // Moderators see every photo; a judge only those of published ideas in campaigns whose panel they sit on.
  .get('/:id{[0-9]+}/photo', requireRole('moderator', 'judge'), paramsOf(idParam), async (c) => {
    const account = c.var.session?.account;
    const id = c.req.valid('param').id;
    const panel = sql`${ideas.status} = 'published' AND EXISTS (SELECT 1 FROM idea_judges j
      WHERE j.campaign_id = ${ideas.campaignId} AND j.account_id = ${account?.id ?? 0})`;
    const [photo] = await c.var.database.db
      .select({ contentType: ideaPhotos.contentType, data: ideaPhotos.data })
      .from(ideaPhotos)
      .innerJoin(ideas, eq(ideas.id, ideaPhotos.ideaId))
      .where(and(eq(ideaPhotos.ideaId, id), account && hasRole(account.roles, ['moderator']) ? undefined : panel));
    if (!photo) throw apiError(404, 'photo_not_found', '没有找到这张照片，或你没有查看它的权限。');
    return c.body(new Uint8Array(photo.data), 200, { 'content-type': photo.contentType });
  })
  .post('/actions', requireRole('moderator'), jsonBody(moderationSchema), async (c) => {
    const input = c.req.valid('json');
    const ids = [...new Set(input.ids)];
    if (input.action === 'duplicate') await checkOriginal(c.var.database, ids, input.duplicateOf ?? 0);
    const results: Array<{ id: number; ok: boolean }> = [];
    for (const id of ids) {
      const audit = auditOf(c, `idea.${input.action}`, `idea:${id}`, {
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.action === 'duplicate' ? { duplicateOf: input.duplicateOf } : {}),
      });
      const ok = await moderateIdea(c.var.database, id, { ...input, now: c.var.now }, audit);
      results.push({ id, ok });
    }
    if (!results.some((r) => r.ok)) throw apiError(409, 'not_applicable', '所选金点子的当前状态不能进行这个操作，请刷新列表后再试。');
    return c.json({ results }, 200);
  });
