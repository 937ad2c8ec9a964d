import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { hasRole } from '../accounts/roles.ts';
import { auditInsert, auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { accounts, ideaJudges, ideas, ideaScores } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { campaignOr404 } from './campaign.ts';
import { idParam, judgesSchema, shortlistSchema, type Judge } from './campaign-contract.ts';

/** `/api/admin/campaigns/:id/judges` and `/shortlist`: setting up the panel, for admins. */
export const panelAdmin = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/judges', requireRole('admin'), paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.var.database;
    const staff = await db.select().from(accounts).where(eq(accounts.disabled, false));
    const assigned = new Set((await db.select().from(ideaJudges).where(eq(ideaJudges.campaignId, id))).map((j) => j.accountId));
    const scored = await db
      .select({ judgeId: ideaScores.judgeId, n: count() })
      .from(ideaScores)
      .where(eq(ideaScores.campaignId, id))
      .groupBy(ideaScores.judgeId);
    const judges = staff
      .filter((a) => hasRole(a.roles, ['judge']))
      .map((a): Judge => ({
        id: a.id,
        username: a.username,
        displayName: a.displayName,
        assigned: assigned.has(a.id),
        scored: scored.find((s) => s.judgeId === a.id)?.n ?? 0,
      }));
    return c.json({ judges }, 200);
  })
  .put('/:id{[0-9]+}/judges', requireRole('admin'), paramsOf(idParam), jsonBody(judgesSchema), async (c) => {
    const { id } = c.req.valid('param');
    const { now } = c.var;
    const wanted = [...new Set(c.req.valid('json').accountIds)];
    if ((await campaignOr404(c.var.database, id, now)).phase === 'announced')
      throw apiError(409, 'phase_announced', '结果已经公布，评委不能再调整。');
    const { db } = c.var.database;
    const rows = wanted.length ? await db.select().from(accounts).where(inArray(accounts.id, wanted)) : [];
    if (rows.length !== wanted.length || rows.some((a) => a.disabled || !hasRole(a.roles, ['judge'])))
      throw apiError(400, 'not_a_judge', '只能指派拥有“金点子评委”角色且未停用的账号。', { accountIds: '包含非评委账号' });
    const scoredBy = await db.selectDistinct({ judgeId: ideaScores.judgeId }).from(ideaScores).where(eq(ideaScores.campaignId, id));
    if (scoredBy.some((s) => !wanted.includes(s.judgeId)))
      throw apiError(409, 'judge_has_scored', '已经打过分的评委不能移出评审组。', { accountIds: '不能移除已打分的评委' });
    await c.var.database.write((d) =>
      d.batch([
        d.delete(ideaJudges).where(eq(ideaJudges.campaignId, id)),
        ...wanted.map((accountId) => d.insert(ideaJudges).values({ campaignId: id, accountId, assignedAt: now })),
        auditInsert(d, auditOf(c, 'campaign.judges.assign', `campaign:${id}`, { judges: rows.map((r) => r.username) })),
      ]),
    );
    return c.json({ ok: true }, 200);
  })
  .put('/:id{[0-9]+}/shortlist', requireRole('admin'), paramsOf(idParam), jsonBody(shortlistSchema), async (c) => {
    const { id } = c.req.valid('param');
    const { ideaIds, shortlisted } = c.req.valid('json');
    const { now } = c.var;
    if ((await campaignOr404(c.var.database, id, now)).phase === 'announced')
      throw apiError(409, 'phase_announced', '结果已经公布，入围名单不能再调整。');
    const action = shortlisted ? 'idea.shortlist' : 'idea.unshortlist';
    const where = and(
      inArray(ideas.id, ideaIds),
      eq(ideas.campaignId, id),
      eq(ideas.status, 'published'),
      sql`EXISTS (SELECT 1 FROM idea_campaigns c WHERE c.id = ${id} AND c.announced_at IS NULL)`,
    );
    const [changed] = await c.var.database.write((db) =>
      db.batch([
        db
          .update(ideas)
          .set({ shortlisted, updatedAt: now, ...(shortlisted ? {} : { award: null, awardReason: null }) })
          .where(where)
          .returning({ id: ideas.id }),
        // One audit entry per idea the update touched, in the same batch.
        ...ideaIds.map((ideaId) =>
          auditInsertWhen(
            db,
            auditOf(c, action, `idea:${ideaId}`, { campaign: id }),
            sql`EXISTS (SELECT 1 FROM ideas WHERE id = ${ideaId} AND campaign_id = ${id} AND status = 'published' AND shortlisted = ${shortlisted ? 1 : 0} AND updated_at = ${now})`,
          ),
        ),
      ]),
    );
    if (!changed.length) throw apiError(409, 'not_applicable', '只有本活动中已公开的金点子可以入围。');
    return c.json({ changed: changed.map((r) => r.id) }, 200);
  });
