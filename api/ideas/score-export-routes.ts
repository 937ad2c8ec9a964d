import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditAction } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { csvResponse, toCsv } from '../csv.ts';
import { accounts, ideas, ideaScores } from '../db/schema.ts';
import { paramsOf } from '../validate.ts';
import { awardName, campaignOr404 } from './campaign.ts';
import { loadRanking } from './panel-ranking.ts';
import { idParam } from './campaign-contract.ts';
import { formatStamp } from '../domain/clock.ts';

/** `/api/admin/campaigns/:id/scores.csv`: every judge's scores with the panel result, for admins. */
export const scoresExport = new Hono<AppEnv>().get('/:id{[0-9]+}/scores.csv', requireRole('admin'), paramsOf(idParam), async (c) => {
  const { id } = c.req.valid('param');
  const campaign = await campaignOr404(c.var.database, id, c.var.now);
  const rows = await c.var.database.db
    .select({ score: ideaScores, title: ideas.title, judge: accounts.displayName, username: accounts.username })
    .from(ideaScores)
    .innerJoin(ideas, eq(ideas.id, ideaScores.ideaId))
    .innerJoin(accounts, eq(accounts.id, ideaScores.judgeId))
    .where(eq(ideaScores.campaignId, id))
    .orderBy(asc(ideaScores.ideaId), asc(ideaScores.judgeId));
  const ranking = new Map((await loadRanking(c.var.database, campaign)).map((r) => [r.ideaId, r]));
  const csv = toCsv(
    [
      '金点子编号',
      '标题',
      '评委',
      ...campaign.criteria.map((k) => `${k.name}（${k.weight}%）`),
      '加权分',
      '评委意见',
      '提交时间',
      '综合得分',
      '排名',
      '奖项',
    ],
    rows.map(({ score, title, judge, username }) => {
      const scores = score.scores;
      const r = ranking.get(score.ideaId);
      return [
        score.ideaId,
        title,
        `${judge}（${username}）`,
        ...campaign.criteria.map((k) => scores[k.key] ?? ''),
        score.weighted.toFixed(2),
        score.comment,
        formatStamp(score.submittedAt),
        r?.score?.toFixed(2) ?? '',
        r?.rank ?? '',
        awardName(campaign, r?.idea.award ?? null) ?? '',
      ];
    }),
  );
  await auditAction(c, 'campaign.scores.export', `campaign:${id}`, { rows: rows.length });
  return csvResponse(csv, `评分-${campaign.id}.csv`);
});
