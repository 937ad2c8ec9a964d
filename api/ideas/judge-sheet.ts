import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { ideaScores } from '../db/schema.ts';
import type { Campaign, SheetIdea } from './campaign-contract.ts';
import { shortlistedIdeas } from './panel-ranking.ts';

/** The shortlist of `campaign` as judge `judgeId` may see it. */
export async function judgeSheet(database: Database, campaign: Campaign, judgeId: number): Promise<SheetIdea[]> {
  const list = await shortlistedIdeas(database, campaign.id);
  const scores = await database.db.select().from(ideaScores).where(eq(ideaScores.campaignId, campaign.id));
  const judgeOrder = [...new Set(scores.map((s) => s.judgeId))].filter((j) => j !== judgeId).sort((a, b) => a - b);
  return list
    .sort((a, b) => a.id - b.id)
    .map((idea) => {
      const forIdea = scores.filter((s) => s.ideaId === idea.id);
      const own = forIdea.find((s) => s.judgeId === judgeId);
      return {
        id: idea.id,
        title: idea.title,
        summary: idea.summary,
        body: idea.body,
        theme: idea.theme,
        district: idea.district,
        displayName: idea.displayName,
        supportCount: idea.supportCount,
        supportRaw: idea.supportRaw,
        supportAddresses: idea.supportAddresses,
        hasPhoto: idea.hasPhoto,
        mine: own
          ? {
              scores: own.scores,
              comment: own.comment,
              weighted: own.weighted,
              submittedAt: own.submittedAt,
            }
          : null,
        others: own
          ? forIdea
              .filter((s) => s.judgeId !== judgeId)
              .map((s) => ({
                label: `其他评委 ${judgeOrder.indexOf(s.judgeId) + 1}`,
                scores: s.scores,
                weighted: s.weighted,
              }))
          : null,
      };
    });
}
