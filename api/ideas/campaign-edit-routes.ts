import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { hasRole } from '../accounts/roles.ts';
import { auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { ideaCampaigns, ideaJudges, ideas, ideaScores } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { campaignOr404, listCampaigns, requirePhase } from './campaign.ts';
import { campaignInputSchema, idParam, type CampaignInput, type StaffCampaign } from './campaign-contract.ts';

const toColumns = (input: CampaignInput) => ({
  title: input.title,
  description: input.description,
  themes: input.themes,
  collectStartsAt: input.collectStartsAt,
  collectEndsAt: input.collectEndsAt,
  judgingEndsAt: input.judgingEndsAt,
  awards: input.awards,
  criteria: input.criteria,
  contactRetentionDays: input.contactRetentionDays,
});

/** `/api/admin/campaigns`: creating and editing campaigns (admins); the list for every ideas role. */
export const campaignEditRoutes = new Hono<AppEnv>()
  .get('/', requireRole('moderator', 'judge'), async (c) => {
    const account = c.var.session?.account;
    const all = await listCampaigns(c.var.database, c.var.now);
    // A judge (without moderating) sees only the campaigns whose panel they sit on.
    const seats = new Set(
      (
        await c.var.database.db
          .select()
          .from(ideaJudges)
          .where(eq(ideaJudges.accountId, account?.id ?? 0))
      ).map((j) => j.campaignId),
    );
    const campaigns = account && hasRole(account.roles, ['moderator']) ? all : all.filter((x) => seats.has(x.id));
    const tallies = await c.var.database.db
      .select({ campaignId: ideas.campaignId, status: ideas.status, n: count() })
      .from(ideas)
      .groupBy(ideas.campaignId, ideas.status);
    const scored = await c.var.database.db
      .select({ campaignId: ideaScores.campaignId, n: count() })
      .from(ideaScores)
      .groupBy(ideaScores.campaignId);
    const counts = (id: number): Record<string, number> => ({
      ...Object.fromEntries(tallies.filter((t) => t.campaignId === id).map((t) => [t.status, t.n])),
      scores: scored.find((s) => s.campaignId === id)?.n ?? 0,
    });
    return c.json({ campaigns: campaigns.map((x): StaffCampaign => ({ ...x, counts: counts(x.id) })) }, 200);
  })
  .post('/', requireRole('admin'), jsonBody(campaignInputSchema), async (c) => {
    const input = c.req.valid('json');
    const audit = { ...auditOf(c, 'campaign.create', null, { title: input.title }), target: sql`'campaign:' || last_insert_rowid()` };
    const [[row]] = await c.var.database.write((db) =>
      db.batch([
        db
          .insert(ideaCampaigns)
          .values({ ...toColumns(input), createdAt: c.var.now, updatedAt: c.var.now })
          .returning({ id: ideaCampaigns.id }),
        auditInsertWhen(db, audit, sql`changes() > 0`),
      ]),
    );
    if (!row) throw new Error('campaign insert returned no row');
    return c.json({ campaign: await campaignOr404(c.var.database, row.id, c.var.now) }, 201);
  })
  .put('/:id{[0-9]+}', requireRole('admin'), paramsOf(idParam), jsonBody(campaignInputSchema), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const before = await campaignOr404(c.var.database, id, c.var.now);
    if (before.phase === 'announced') throw apiError(409, 'phase_announced', '结果已经公布，活动不能再修改。');
    const [scored] = await c.var.database.db.select({ n: count() }).from(ideaScores).where(eq(ideaScores.campaignId, id));
    if ((scored?.n ?? 0) > 0 && JSON.stringify(before.criteria) !== JSON.stringify(input.criteria))
      throw apiError(409, 'criteria_locked', '已有评委打分，评审标准和权重不能再修改。', { criteria: '已有评分，不能修改' });
    const [rows] = await c.var.database.write((db) =>
      db.batch([
        db
          .update(ideaCampaigns)
          .set({ ...toColumns(input), updatedAt: c.var.now })
          .where(and(eq(ideaCampaigns.id, id), isNull(ideaCampaigns.announcedAt)))
          .returning({ id: ideaCampaigns.id }),
        auditInsertWhen(db, auditOf(c, 'campaign.update', `campaign:${id}`, { title: input.title }), sql`changes() > 0`),
      ]),
    );
    if (!rows.length) throw apiError(409, 'phase_announced', '结果已经公布，活动不能再修改。');
    return c.json({ campaign: await campaignOr404(c.var.database, id, c.var.now) }, 200);
  })
  .post('/:id{[0-9]+}/close', requireRole('admin'), paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { now } = c.var;
    requirePhase(await campaignOr404(c.var.database, id, now), 'collecting', '结束征集');
    await c.var.database.write((db) =>
      db.batch([
        db
          .update(ideaCampaigns)
          .set({ collectEndsAt: now, updatedAt: now })
          .where(and(eq(ideaCampaigns.id, id), isNull(ideaCampaigns.announcedAt))),
        auditInsertWhen(db, auditOf(c, 'campaign.close', `campaign:${id}`), sql`changes() > 0`),
      ]),
    );
    return c.json({ campaign: await campaignOr404(c.var.database, id, now) }, 200);
  });
