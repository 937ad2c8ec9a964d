import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../accounts/guard.ts';
import { auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { csvResponse, toCsv } from '../csv.ts';
import type { Database } from '../db/client.ts';
import { ideaJudges, ideaScores } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { idParam, idSchema, scoreSchema, type Campaign, type CriterionScores } from './campaign-contract.ts';
import { campaignOr404, requirePhase } from './campaign.ts';
import { shortlistedIdeas } from './panel-ranking.ts';
import { weightedMean } from './ranking.ts';
import { judgeSheet } from './judge-sheet.ts';
import { IDEA_TEXT_COLUMNS, ideaTextCells } from './staff-view.ts';

/** The campaign, if the signed-in account is one of its judges; 403 otherwise. */
async function myCampaign(database: Database, campaignId: number, judgeId: number, now: number): Promise<Campaign> {
  const campaign = await campaignOr404(database, campaignId, now);
  const seat = await database.db.query.ideaJudges.findFirst({
    where: and(eq(ideaJudges.campaignId, campaignId), eq(ideaJudges.accountId, judgeId)),
  });
  if (!seat) throw apiError(403, 'not_assigned', '你不是这次活动的评委。如需参加评审，请联系管理员指派。');
  return campaign;
}

/** Criterion scores complete and nothing else: one 1–10 score per criterion. */
function checkScores(campaign: Campaign, scores: CriterionScores): void {
  const keys = campaign.criteria.map((c) => c.key);
  const missing = campaign.criteria.filter((c) => scores[c.key] === undefined);
  if (missing.length || Object.keys(scores).some((k) => !keys.includes(k)))
    throw apiError(400, 'invalid_scores', `请为每项评审标准打分：${campaign.criteria.map((c) => c.name).join('、')}。`, {
      scores: missing.length ? `缺少：${missing.map((c) => c.name).join('、')}` : '包含未知的评审标准',
    });
}

/** `/api/admin/campaigns/:id/judging`: a judge's sheet and scoring, blind until the judge's own score is in. */
export const scoringRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/judging', requireRole('judge'), paramsOf(idParam), async (c) => {
    const me = c.var.session?.account.id ?? 0;
    const campaign = await myCampaign(c.var.database, c.req.valid('param').id, me, c.var.now);
    return c.json({ campaign, ideas: await judgeSheet(c.var.database, campaign, me) }, 200);
  })
  .post(
    '/:id{[0-9]+}/judging/:ideaId{[0-9]+}',
    requireRole('judge'),
    paramsOf(z.object({ id: idSchema, ideaId: idSchema })),
    jsonBody(scoreSchema),
    async (c) => {
      const { id, ideaId } = c.req.valid('param');
      const input = c.req.valid('json');
      const me = c.var.session?.account.id ?? 0;
      const { database, now } = c.var;
      const campaign = await myCampaign(database, id, me, now);
      requirePhase(campaign, 'judging', '打分');
      if (!(await shortlistedIdeas(database, id)).some((i) => i.id === ideaId))
        throw apiError(404, 'idea_not_shortlisted', '这条金点子不在本次活动的入围名单中。');
      checkScores(campaign, input.scores);
      const weighted = weightedMean(campaign.criteria, input.scores);
      const audit = auditOf(c, 'idea.score.submit', `idea:${ideaId}`, { campaign: id, weighted: Math.round(weighted * 100) / 100 });
      const [rows] = await database.write((db) =>
        db.batch([
          db
            .insert(ideaScores)
            .values({
              campaignId: id,
              ideaId,
              judgeId: me,
              scores: input.scores,
              weighted,
              comment: input.comment,
              submittedAt: now,
            })
            .onConflictDoNothing()
            .returning({ id: ideaScores.id }),
          auditInsertWhen(db, audit, sql`changes() > 0`),
        ]),
      );
      if (!rows.length) throw apiError(409, 'already_scored', '你已经为这条金点子打过分了，提交后不能修改。');
      return c.json({ weighted }, 201);
    },
  )
  // The shortlist as the judge sees it: no contact details, only the judge's own scores.
  .get('/:id{[0-9]+}/judging/export.csv', requireRole('judge'), paramsOf(idParam), async (c) => {
    const me = c.var.session?.account.id ?? 0;
    const campaign = await myCampaign(c.var.database, c.req.valid('param').id, me, c.var.now);
    const sheet = await judgeSheet(c.var.database, campaign, me);
    const csv = toCsv(
      ['编号', ...IDEA_TEXT_COLUMNS, ...campaign.criteria.map((k) => `${k.name}（${k.weight}%）`), '我的加权分', '我的意见'],
      sheet.map((s) => [
        s.id,
        ...ideaTextCells(s),
        ...campaign.criteria.map((k) => s.mine?.scores[k.key] ?? ''),
        s.mine ? s.mine.weighted.toFixed(2) : '',
        s.mine?.comment ?? '',
      ]),
    );
    return csvResponse(csv, `评审表-${campaign.id}.csv`);
  });
