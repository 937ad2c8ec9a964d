import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { ideaCampaigns, ideas } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { campaignOr404, requirePhase } from './campaign.ts';
import { loadRanking } from './panel-ranking.ts';
import { planAwards } from './award-plan.ts';
import { awardsSchema, idParam, type RankedIdeaRow } from './campaign-contract.ts';

/** `/api/admin/campaigns/:id/ranking`, `/awards` and `/announce`: from scores to published results, for admins. */
export const awardRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/ranking', requireRole('admin'), paramsOf(idParam), async (c) => {
    const campaign = await campaignOr404(c.var.database, c.req.valid('param').id, c.var.now);
    const ranking = (await loadRanking(c.var.database, campaign)).map(({ idea, ...r }): RankedIdeaRow => ({
      ...r,
      title: idea.title,
      summary: idea.summary,
      displayName: idea.displayName,
      supportCount: idea.supportCount,
      supportRaw: idea.supportRaw,
      supportAddresses: idea.supportAddresses,
      award: idea.award,
      awardReason: idea.awardReason,
      panelFeedback: idea.panelFeedback,
    }));
    return c.json({ campaign, ranking }, 200);
  })
  .put('/:id{[0-9]+}/awards', requireRole('admin'), paramsOf(idParam), jsonBody(awardsSchema), async (c) => {
    const { id } = c.req.valid('param');
    const { database, now } = c.var;
    const campaign = await campaignOr404(database, id, now);
    requirePhase(campaign, 'judging', '评定奖项');
    const plan = planAwards(campaign, await loadRanking(database, campaign), c.req.valid('json').assignments);
    const notAnnounced = sql`EXISTS (SELECT 1 FROM idea_campaigns c WHERE c.id = ${id} AND c.announced_at IS NULL)`;
    await database.write((db) =>
      db.batch([
        db
          .update(ideas)
          .set({ award: null, awardReason: null })
          .where(and(eq(ideas.campaignId, id), isNotNull(ideas.award), notAnnounced)),
        ...plan.map((p) =>
          db
            .update(ideas)
            .set({ award: p.award, awardReason: p.reason, updatedAt: now })
            .where(and(eq(ideas.id, p.ideaId), notAnnounced)),
        ),
        auditInsertWhen(
          db,
          auditOf(c, 'campaign.awards.assign', `campaign:${id}`, { awards: plan.map((p) => ({ idea: p.ideaId, award: p.award })) }),
          notAnnounced,
        ),
        ...plan
          .filter((x) => x.departs)
          .map((p) =>
            auditInsertWhen(
              db,
              auditOf(c, 'idea.award.departure', `idea:${p.ideaId}`, { award: p.award, suggested: p.suggested, reason: p.reason }),
              notAnnounced,
            ),
          ),
      ]),
    );
    return c.json({ assigned: plan.length }, 200);
  })
  .post('/:id{[0-9]+}/announce', requireRole('admin'), paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const { database, now } = c.var;
    requirePhase(await campaignOr404(database, id, now), 'judging', '公布结果');
    const [awarded] = await database.db
      .select({ n: sql<number>`count(*)` })
      .from(ideas)
      .where(and(eq(ideas.campaignId, id), isNotNull(ideas.award)));
    if (!awarded?.n) throw apiError(409, 'no_awards', '还没有评定任何奖项，请先在排名中评定奖项再公布。');
    // One statement: the results become public at once, and only once.
    const [rows] = await database.write((db) =>
      db.batch([
        db
          .update(ideaCampaigns)
          .set({ announcedAt: now, updatedAt: now })
          .where(and(eq(ideaCampaigns.id, id), isNull(ideaCampaigns.announcedAt)))
          .returning({ id: ideaCampaigns.id }),
        auditInsertWhen(db, auditOf(c, 'campaign.announce', `campaign:${id}`, { awarded: awarded.n }), sql`changes() > 0`),
      ]),
    );
    if (!rows.length) throw apiError(409, 'phase_announced', '结果已经公布过了。');
    return c.json({ campaign: await campaignOr404(database, id, now) }, 200);
  });
