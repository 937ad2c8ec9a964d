import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { ideaScores } from '../db/schema.ts';
import type { Campaign } from './campaign.ts';
import { shortlistedIdeas } from './panel.ts';
import type { CriterionScores } from './ranking.ts';

/** A judge's own score. */
export interface MyScore {
  scores: CriterionScores;
  comment: string;
  weighted: number;
  submittedAt: number;
}

/** One shortlisted idea on a judge's sheet. */
export interface SheetIdea {
  id: number;
  title: string;
  summary: string;
  body: string;
  theme: string;
  district: string;
  displayName: string | null;
  /** 支持数 as the public sees it (capped per address). */
  supportCount: number;
  /** Every device's support, uncapped. */
  supportRaw: number;
  /** Distinct client addresses among the supports: many supports from few addresses deserve a second look. */
  supportAddresses: number;
  hasPhoto: boolean;
  mine: MyScore | null;
  /**
   * The other judges' scores, anonymised and without their comments; null until this judge has
   * submitted a score for the idea, so nobody is swayed by the others.
   */
  others: Array<{ label: string; scores: CriterionScores; weighted: number }> | null;
}

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
